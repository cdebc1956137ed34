/**
 * @rnnkit/seq2seq in a browser: tasks that need no files, vocabularies, metrics, the encoder–decoder with
 * attention, greedy and beam decoding, translation, evaluation, the attention SVG and the Layers-format models,
 * and the seq2seq model-file kind (load from bytes or a URL with rnn-core). Not here: the task registry (its
 * en-fr task reads the Tatoeba file), model directories, shipped-model paths, training and the Layers directory
 * export (Node). Bundlers pick this file through the `browser` condition of the exports map.
 */
export { SPLITS, type Pair, type Split, type Task } from './tasks/types';
export { TaskError, type TaskErrorCode } from './tasks/task-error';
export { splitOfKey } from './tasks/hash-split';
export { MetricError } from './metrics/metric-error';
export { exactMatch } from './metrics/exact-match';
export { characterErrorRate } from './metrics/character-error-rate';
export {
  corpusBleu, type BleuOptions, type BleuResult, type BleuTokenize, type References,
} from './metrics/corpus-bleu';
export { tokenize13a } from './metrics/tokenize-13a';
export {
  END_ID, PAD_ID, SPECIAL_SYMBOLS, START_ID, UNK_ID, Vocabulary,
  type DecodeOptions, type EncodeOptions, type FromTextsOptions, type VocabularyJSON, type VocabularyLevel,
} from './vocabulary';
export { VocabularyError } from './vocabulary-error';
export { WORD_START, BpeSegmenter, bpeWords, joinPieces, learnBpe, type BpeModel, type LearnBpeOptions } from './subword/bpe';
export { Seq2SeqError, type Seq2SeqErrorCode } from './seq2seq-error';
export {
  DEFAULT_CONFIG, type AttentionScore, type RecurrentCell, type Seq2SeqConfig, type Seq2SeqConfigArgs,
} from './model/seq2seq-config';
export {
  Seq2SeqModel, type EncodedSources, type Readout, type Seq2SeqModelArgs, type StepOutput,
} from './model/seq2seq-model';
export {
  SEQ2SEQ_MODEL_KIND,
  seq2seqModelKind,
  fetchSeq2SeqModel,
  decodeSeq2SeqModel,
  type LoadedSeq2SeqModel,
  type Seq2SeqExtra,
} from './model/seq2seq-model-kind';
export { DEFAULT_LENGTH_PENALTY } from './decoding/beam-search';
export { translate, type TranslateOptions, type Translation } from './translate';
export { evaluateModel, type EvaluateOptions, type Evaluation } from './evaluate';
export { attentionSvg, type AttentionSvgOptions } from './attention-svg';
export { toSeq2SeqLayersModels, exportSeq2SeqLayers, type Seq2SeqLayersModels } from './export/seq2seq-layers';
export { buildVocabularies, type VocabularyOptions } from './training/vocabularies';
export { TASK_PRESETS, type ArchitectureConfig, type TaskPreset } from './training/task-presets';
