/**
 * @rnnkit/rnn-core — recurrent neural networks for TensorFlow.js with explicit backpropagation through time.
 *
 * Cells (SimpleRNN, LSTM, GRU) run over whole sequences in one fused kernel whose backward pass is the engine's
 * own loop through time; layers stack, run bidirectionally, mask padding and apply dropout; training utilities
 * cover losses, clipping, schedules, a NaN/Inf guard, gradient diagnostics and CTC; models save atomically.
 */
export { selectBackend, BACKEND_PREFERENCE, type BackendName, type SelectBackendOptions } from './backend';
export { type CellType, type CellSpec, CELL_TYPES, isCellType, cellKernel, gateCount, stateCount, biasShape } from './cell-spec';
export {
  type CellKernel,
  type ForwardStepContext,
  type BackwardStepContext,
  type StepProduct,
  type RecurrentPart,
} from './kernels/cell-kernel';
export { recurrentSequence, type RecurrentOpOptions, type RecurrentOpResult } from './recurrent-op';
export {
  RecurrentLayer,
  type RecurrentLayerArgs,
  type RecurrentCallOptions,
  type RecurrentOutput,
} from './recurrent-layer';
export { Bidirectional, type BidirectionalArgs, type MergeMode } from './bidirectional';
export { Dense, type DenseArgs, type Activation } from './dense';
export { Embedding, embeddingLookup, type EmbeddingArgs } from './embedding';
export { createRandom, glorotUniform, orthogonal, weightVariable } from './initializers';
export {
  SequenceModel,
  type SequenceModelConfig,
  type ModelInput,
  type LayerConfig,
  type ModelCallOptions,
  type ModelOutput,
} from './sequence-model';
export { softmaxCrossEntropy, meanSquaredError } from './losses';
export {
  denseSoftmaxCrossEntropy,
  type DenseSoftmaxCrossEntropyOptions,
} from './kernels/dense-softmax-cross-entropy';
export { linear } from './kernels/linear';
export { globalNorm, clipByGlobalNorm, clipByValue, type Gradients } from './clipping';
export {
  createOptimizer,
  setLearningRate,
  stepDecay,
  exponentialDecay,
  cosineDecay,
  type OptimizerName,
  type OptimizerOptions,
  type LearningRateSchedule,
} from './optimizers';
export { trainStep, evaluateLoss, type Batch, type LossFunction, type TrainStepOptions, type TrainStepResult } from './train-step';
export { gradientNormsThroughTime } from './diagnostics';
export {
  writeModelDirectory,
  readModelDirectory,
  writeFileAtomic,
  ModelFileError,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type NamedTensor,
  type ModelDirectoryContents,
} from './model-io';
export { saveModel, loadModel, type SaveModelOptions, type LoadedModel } from './model-persistence';
export * from './ctc';
export { tf } from './tfjs';
