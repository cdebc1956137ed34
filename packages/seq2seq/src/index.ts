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

// Metrics
export { MetricError } from './metrics/metric-error';
export { exactMatch } from './metrics/exact-match';
export { levenshtein } from './metrics/levenshtein';
export { characterErrorRate } from './metrics/character-error-rate';
export { corpusBleu, whitespaceTokens, type BleuOptions, type BleuResult } from './metrics/corpus-bleu';

// Vocabulary
export {
  END_ID, PAD_ID, SPECIAL_SYMBOLS, START_ID, UNK_ID, Vocabulary,
  type DecodeOptions, type EncodeOptions, type VocabularyJSON, type VocabularyLevel,
} from './vocabulary';
export { VocabularyError } from './vocabulary-error';
