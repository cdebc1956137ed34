/**
 * @rnnkit/char-lm — a character-level language model on @rnnkit/rnn-core: vocabulary, corpus loading (files,
 * directories, the Brown corpus), truncated-BPTT batching, the model (embedding → stacked LSTM/GRU → softmax),
 * training with validation, a cosine learning-rate schedule, clipping, early stopping and atomic checkpoints
 * that resume, stateful evaluation in nats and bits per character, a fast batch-1 inference stepper, and
 * streaming generation with temperature / top-k / top-p, a prime, stop sequences and a seed.
 */
export { CharLmError, type CharLmErrorCode } from './errors';
export { assertText } from './text-check';
export { Vocabulary, UNK, type VocabularyJSON, type VocabularyOptions, type Encoding } from './vocabulary';
export { loadCorpus, splitCorpus, type LoadCorpusOptions, type CorpusSplit } from './corpus';
export { brownToText, loadBrownCorpus, type BrownOptions } from './brown';
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
  saveCharModel,
  loadCharModel,
  findModelDirectory,
  type CharModelParts,
  type LoadedCharModel,
} from './char-model-io';
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
  trainCharModel,
  CHECKPOINT_DIRS,
  type TrainOptions,
  type TrainingEvents,
  type TrainingProgress,
  type TrainingResult,
} from './training';
