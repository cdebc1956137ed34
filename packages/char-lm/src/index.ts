export { CharLmError, type CharLmErrorCode } from './errors';
export { assertText } from './text-check';
export { Vocabulary, UNK, type VocabularyJSON, type VocabularyOptions, type Encoding } from './vocabulary';
export { loadCorpus, splitCorpus, type LoadCorpusOptions, type CorpusSplit } from './corpus';
export { brownToText, loadBrownCorpus, type BrownOptions } from './brown';
