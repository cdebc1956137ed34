/**
 * @rnnkit/char-lm in a browser: vocabulary, batching, the model, sampling, evaluation, the inference stepper and
 * generation, and the char model-file kind (load a model from bytes or a URL with rnn-core). Not here: corpus and
 * Brown files, model directories and training with checkpoints (Node). Bundlers pick this file through the
 * `browser` condition of the exports map.
 */
export { CharLmError, type CharLmErrorCode } from './errors';
export { assertText } from './text-check';
export { Vocabulary, UNK, type VocabularyJSON, type VocabularyOptions, type Encoding } from './vocabulary';
export { BpttBatcher, type BpttOptions, type BpttWindow } from './batching';
export { sample, samplingDistribution, type SamplingOptions } from './sampling';
export { StopSequences, type StopResult } from './stop-sequences';
export { natsToBits, bitsToNats, perplexity, natsFromPerplexity } from './metrics';
export {
  createCharModel,
  charModelConfig,
  resolveModelOptions,
  type CharCell,
  type CharModelOptions,
  type ResolvedCharModelOptions,
} from './model';
export { InferenceStepper, type StepperEngine, type StepperOptions } from './inference-stepper';
export { evaluateIds, evaluateText, type EvaluationOptions, type Evaluation, type LossSum } from './evaluation';
export { generate, generateText, MAX_GENERATE_LENGTH, type GenerateOptions } from './generation';
export {
  CHAR_MODEL_KIND,
  fetchCharModel,
  decodeCharModel,
  type CharModelFile,
  type CharModelExtra,
} from './char-model-kind';
export {
  resolveTrainingConfig,
  learningRateAt,
  type TrainingConfig,
  type ResolvedTrainingConfig,
} from './training-config';
export { type TrainingState, type LossPoint } from './training-state';
export {
  chooseRecipe,
  gruCharModelParameters,
  RECIPE_SPEED,
  RECIPE_CHARS_PER_PARAMETER,
  RECIPE_BATCH,
  RECIPE_MIN_ROWS_PER_THREAD,
  RECIPE_THREAD_EFFICIENCY,
  type Recipe,
  type RecipeInput,
} from './recipe';
