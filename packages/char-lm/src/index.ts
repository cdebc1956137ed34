/**
 * @rnnkit/char-lm — a character-level language model on @rnnkit/rnn-core. This entry point holds the parts that
 * do not depend on the engine: vocabulary, corpus loading (files, directories, the Brown corpus), truncated-BPTT
 * batching, sampling with temperature / top-k / top-p, stop sequences for streaming, and loss-unit conversions.
 */
export { CharLmError, type CharLmErrorCode } from './errors';
export { assertText } from './text-check';
export { Vocabulary, UNK, type VocabularyJSON, type VocabularyOptions, type Encoding } from './vocabulary';
export { loadCorpus, splitCorpus, type LoadCorpusOptions, type CorpusSplit } from './corpus';
export { brownToText, loadBrownCorpus, type BrownOptions } from './brown';
export { BpttBatcher, type BpttOptions, type BpttWindow } from './batching';
export { createRng, type Rng } from './random';
export { sample, samplingDistribution, type SamplingOptions } from './sampling';
export { StopSequences, type StopResult } from './stop-sequences';
export { natsToBits, bitsToNats, perplexity, natsFromPerplexity } from './metrics';
