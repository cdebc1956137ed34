/**
 * @rnnkit/seq2seq: encoder–decoder models with attention on @rnnkit/rnn-core — tasks to learn, vocabularies,
 * metrics, the model and its files, translation and evaluation, training, and export to the Layers format. The
 * task generators' tables, the decoders and the batching behind `translate` and `trainModel` stay inside.
 */

// Tasks
export { SPLITS, type Pair, type Split, type Task } from './tasks/types';
export { TaskError, type TaskErrorCode } from './tasks/task-error';
export { splitOfKey } from './tasks/hash-split';
export { TASKS, getTask, type TaskName } from './tasks/registry';
export { TATOEBA_ENV, readTatoebaFile, tatoebaFile } from './tasks/en-fr/tatoeba-file';
export { EN_FR_MAX_TRAIN_WORDS, createEnFrTask, enFrTask, enFrTrainingPairs } from './tasks/en-fr/en-fr-task';

// Metrics
export { MetricError } from './metrics/metric-error';
export { exactMatch } from './metrics/exact-match';
export { characterErrorRate } from './metrics/character-error-rate';
export {
  corpusBleu, type BleuOptions, type BleuResult, type BleuTokenize, type References,
} from './metrics/corpus-bleu';
export { tokenize13a } from './metrics/tokenize-13a';

// Vocabulary
export {
  END_ID, PAD_ID, SPECIAL_SYMBOLS, START_ID, UNK_ID, Vocabulary,
  type DecodeOptions, type EncodeOptions, type FromTextsOptions, type VocabularyJSON, type VocabularyLevel,
} from './vocabulary';
export { VocabularyError } from './vocabulary-error';
export { WORD_START, BpeSegmenter, bpeWords, joinPieces, learnBpe, type BpeModel, type LearnBpeOptions } from './subword/bpe';

// Model
export { Seq2SeqError, type Seq2SeqErrorCode } from './seq2seq-error';
export {
  DEFAULT_CONFIG, type AttentionScore, type RecurrentCell, type Seq2SeqConfig, type Seq2SeqConfigArgs,
} from './model/seq2seq-config';
export {
  Seq2SeqModel, type EncodedSources, type Readout, type Seq2SeqModelArgs, type StepOutput,
} from './model/seq2seq-model';
export { loadSeq2SeqModel, saveSeq2SeqModel } from './model/model-files';
export {
  SEQ2SEQ_MODEL_KIND,
  seq2seqModelKind,
  fetchSeq2SeqModel,
  decodeSeq2SeqModel,
  type LoadedSeq2SeqModel,
  type Seq2SeqExtra,
} from './model/seq2seq-model-kind';
export { loadShippedModel, shippedModelDir } from './shipped-models';

// Translating, evaluating, drawing attention
export { DEFAULT_LENGTH_PENALTY } from './decoding/beam-search';
export { translate, type TranslateOptions, type Translation } from './translate';
export { evaluateModel, type EvaluateOptions, type Evaluation } from './evaluate';
export { attentionSvg, type AttentionSvgOptions } from './attention-svg';

// Export to the TensorFlow.js Layers format (encoder and decoder networks; the search stays in code)
export { toSeq2SeqLayersModels, exportSeq2SeqLayers, type Seq2SeqLayersModels } from './export/seq2seq-layers';
export { exportSeq2SeqLayersDirectory } from './export/seq2seq-layers-node';

// Training
export { buildVocabularies, type VocabularyOptions } from './training/vocabularies';
export {
  trainModel, type StepInfo, type TrainOptions, type TrainResult, type ValidationReport,
} from './training/train-model';
export { TASK_PRESETS, type ArchitectureConfig, type TaskPreset } from './training/task-presets';
