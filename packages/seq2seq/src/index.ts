// Tasks
export { SPLITS, type Pair, type Split, type Task } from './tasks/types';
export { TaskError, type TaskErrorCode } from './tasks/task-error';
export { hashKey, splitOfKey } from './tasks/hash-split';
export { TASKS, getTask, type TaskName } from './tasks/registry';
export {
  FIRST_YEAR, LAST_YEAR, allDates, daysInMonth, isLeapYear, toIsoDate, weekday, type CalendarDate,
} from './tasks/dates/calendar';
export {
  DATE_FORMATS, ENGLISH_MONTHS, ENGLISH_WEEKDAYS, PORTUGUESE_MONTHS, PORTUGUESE_WEEKDAYS, formatDate, type DateFormat,
} from './tasks/dates/date-formats';
export { dateSplit, datesTask } from './tasks/dates/dates-task';
export { MAX_NUMBER } from './tasks/numbers/number-range';
export { englishNumberWords } from './tasks/numbers/english-number-words';
export { portugueseNumberWords } from './tasks/numbers/portuguese-number-words';
export { numberSplit, numbersEnTask, numbersPtTask } from './tasks/numbers/numbers-task';
export {
  ADJECTIVES, NOUNS, PRONOUNS, VERBS,
  type Adjective, type Determiner, type Gender, type Noun, type NounTag, type Pronoun, type Verb,
} from './tasks/en-pt/lexicon';
export {
  randomSentence,
  type ActionSentence, type DescriptionSentence, type NounPhrase, type Sentence, type Subject, type Tense,
} from './tasks/en-pt/sentence';
export { renderEnglish } from './tasks/en-pt/render-english';
export { renderPortuguese } from './tasks/en-pt/render-portuguese';
export { combinationSplit, combinationsOf, enPtSplit } from './tasks/en-pt/hold-out';
export { enPtTask } from './tasks/en-pt/en-pt-task';
export { type TatoebaCorpus, type TatoebaEntry, normaliseSentence, parseTatoeba, tatoebaSplit } from './tasks/en-fr/tatoeba';
export { TATOEBA_ENV, readTatoebaFile, tatoebaFile } from './tasks/en-fr/tatoeba-file';
export { EN_FR_MAX_TRAIN_WORDS, createEnFrTask, enFrTask, enFrTrainingPairs } from './tasks/en-fr/en-fr-task';

// Metrics
export { MetricError } from './metrics/metric-error';
export { exactMatch } from './metrics/exact-match';
export { characterErrorRate } from './metrics/character-error-rate';
export {
  corpusBleu, whitespaceTokens, type BleuOptions, type BleuResult, type BleuTokenize, type References,
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
  DEFAULT_CONFIG, resolveConfig, type AttentionScore, type RecurrentCell, type Seq2SeqConfig, type Seq2SeqConfigArgs,
} from './model/seq2seq-config';
export { Attention, maskedSoftmax, type AttentionArgs, type AttentionResult } from './model/attention';
export { Encoder, type EncoderArgs, type EncoderOutput } from './model/encoder';
export {
  Seq2SeqModel, type EncodedSources, type NamedVariable, type Readout, type Seq2SeqModelArgs, type StepOutput,
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
export {
  makeSourceBatch, makeTrainingBatch, type EncodedPair, type SourceBatch, type TrainingBatch,
} from './data/batch';

// Decoding
export { isEmittable, type Hypothesis, type StepLogProbs, type StepModel } from './decoding/step-model';
export { greedyDecode, type GreedyOptions } from './decoding/greedy';
export { DEFAULT_LENGTH_PENALTY, beamSearch, type BeamSearchOptions } from './decoding/beam-search';
export { ModelStepModel } from './decoding/model-step-model';
export { translate, type TranslateOptions, type Translation } from './translate';
export { evaluateModel, type EvaluateOptions, type Evaluation } from './evaluate';
export { attentionSvg, type AttentionSvgOptions } from './attention-svg';

// Export to the TensorFlow.js Layers format (encoder and decoder networks; the search stays in code)
export { toSeq2SeqLayersModels, exportSeq2SeqLayers, type Seq2SeqLayersModels } from './export/seq2seq-layers';
export { exportSeq2SeqLayersDirectory } from './export/seq2seq-layers-node';

// Training
export { buildVocabularies, type VocabularyOptions } from './training/vocabularies';
export { TrainingStream, encodePair } from './training/training-data';
export {
  trainModel, type StepInfo, type TrainOptions, type TrainResult, type ValidationReport,
} from './training/train-model';
export { TASK_PRESETS, type ArchitectureConfig, type TaskPreset } from './training/task-presets';
