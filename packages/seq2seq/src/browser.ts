/**
 * @rnnkit/seq2seq in a browser: tasks that need no files, vocabularies, metrics, the encoder–decoder with
 * attention, greedy and beam decoding, translation, evaluation, the attention SVG and the Layers-format models,
 * and the seq2seq model-file kind (load from bytes or a URL with rnn-core). Not here: the task registry (its
 * en-fr task reads the Tatoeba file), model directories, shipped-model paths, training and the Layers directory
 * export (Node). Bundlers pick this file through the `browser` condition of the exports map.
 */
export { SPLITS, type Pair, type Split, type Task } from './tasks/types';
export { TaskError, type TaskErrorCode } from './tasks/task-error';
export { hashKey, splitOfKey } from './tasks/hash-split';
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
export { MetricError } from './metrics/metric-error';
export { exactMatch } from './metrics/exact-match';
export { characterErrorRate } from './metrics/character-error-rate';
export {
  corpusBleu, whitespaceTokens, type BleuOptions, type BleuResult, type BleuTokenize, type References,
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
  DEFAULT_CONFIG, resolveConfig, type AttentionScore, type RecurrentCell, type Seq2SeqConfig, type Seq2SeqConfigArgs,
} from './model/seq2seq-config';
export { Attention, maskedSoftmax, type AttentionArgs, type AttentionResult } from './model/attention';
export { Encoder, type EncoderArgs, type EncoderOutput } from './model/encoder';
export {
  Seq2SeqModel, type EncodedSources, type NamedVariable, type Readout, type Seq2SeqModelArgs, type StepOutput,
} from './model/seq2seq-model';
export {
  SEQ2SEQ_MODEL_KIND,
  seq2seqModelKind,
  fetchSeq2SeqModel,
  decodeSeq2SeqModel,
  type LoadedSeq2SeqModel,
  type Seq2SeqExtra,
} from './model/seq2seq-model-kind';
export {
  makeSourceBatch, makeTrainingBatch, type EncodedPair, type SourceBatch, type TrainingBatch,
} from './data/batch';
export { isEmittable, type Hypothesis, type StepLogProbs, type StepModel } from './decoding/step-model';
export { greedyDecode, type GreedyOptions } from './decoding/greedy';
export { DEFAULT_LENGTH_PENALTY, beamSearch, type BeamSearchOptions } from './decoding/beam-search';
export { ModelStepModel } from './decoding/model-step-model';
export { translate, type TranslateOptions, type Translation } from './translate';
export { evaluateModel, type EvaluateOptions, type Evaluation } from './evaluate';
export { attentionSvg, type AttentionSvgOptions } from './attention-svg';
export { toSeq2SeqLayersModels, exportSeq2SeqLayers, type Seq2SeqLayersModels } from './export/seq2seq-layers';
export { buildVocabularies, type VocabularyOptions } from './training/vocabularies';
export { TrainingStream, encodePair } from './training/training-data';
export { TASK_PRESETS, type ArchitectureConfig, type TaskPreset } from './training/task-presets';
