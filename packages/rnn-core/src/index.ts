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
export { glorotUniform, orthogonal, weightVariable } from './initializers';
export {
  SequenceModel,
  type SequenceModelConfig,
  type ModelInput,
  type LayerConfig,
  type ModelCallOptions,
  type ModelOutput,
} from './sequence-model';
export {
  softmaxCrossEntropy,
  meanSquaredError,
  softmaxCrossEntropySum,
  meanSquaredErrorSum,
  meanOfLossSum,
  type LossSum,
  type LossSumFunction,
} from './losses';
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
export {
  trainStep,
  evaluateLoss,
  type Batch,
  type LossFunction,
  type UpdateOptions,
  type TrainStepOptions,
  type TrainStepResult,
} from './train-step';
export { defaultThreads } from './parallel/default-threads';
export { DataParallelTrainer, type DataParallelOptions } from './parallel/data-parallel-trainer';
export { type SpawnTrainingWorker, type TrainingWorker } from './parallel/training-worker';
// Web Worker transport, usable wherever a global `Worker` exists (browsers; the pages type-check against this entry).
export { webTrainingWorkers } from './parallel/web-worker-slot';
export { serveTrainingWorker, type TrainingWorkerOptions } from './parallel/web-worker-entry';
export { type ArrayTensor, type ArrayBatch, type Replica, type ReplicaFactory, type ReplicaSpec, type ReplicaWorker } from './parallel/replica';
export {
  sequenceReplica,
  sequenceModelReplica,
  sequenceReplicaSpec,
  SEQUENCE_LOSSES,
  type SequenceArrayBatch,
  type SequenceLossName,
  type SequenceLossSum,
  type SequenceReplicaOptions,
  type SequenceReplicaConfig,
} from './parallel/sequence-replica';
export { gradientNormsThroughTime } from './diagnostics';
export { nameWeights, type NamedVariable } from './named-weights';
export {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  MODEL_JSON,
  MAX_MODEL_JSON_BYTES,
  MAX_WEIGHTS_BYTES,
  isPlainFileName,
  encodeModel,
  parseModelManifest,
  decodeModel,
  type NamedTensor,
  type OptimizerContents,
  type ModelContents,
  type EncodedModel,
  type ModelManifest,
} from './model-files/model-format';
export { ModelFileError } from './model-files/model-file-error';
export {
  captureOptimizer,
  modelContentsOf,
  modelFromContents,
  modelFromContentsSync,
  type ModelKind,
  type ModelFile,
  type StoredModelParts,
  type SaveModelFileOptions,
} from './model-files/model-kind';
export { encodeModelFile, encodeModelFileSync, decodeModelFile, type ModelFileBytes } from './model-files/model-bytes';
export { fetchModelFile, modelJsonUrl, type FetchModelOptions } from './model-files/model-url';
export { settingsDiff } from './model-files/settings-diff';
export { SEQUENCE_MODEL_KIND } from './model-files/sequence-model-kind';
export {
  writeEncodedModel,
  writeModelDirectory,
  readModelDirectory,
  saveModelFile,
  saveModelFileSync,
  loadModelFile,
  loadModelFileSync,
  resumeCheckpoint,
  type ResumeOptions,
  type Checkpoint,
} from './model-files/model-directory';
export { saveModel, loadModel, type SaveModelOptions, type LoadedModel } from './model-files/model-persistence';
export * from './ctc';
export {
  exportLayersModel,
  importLayersModel,
} from './layers-format/layers-format-node';
export { layersDirectory } from './layers-format/layers-directory';
export { toLayersModel, toLayersRecurrent, type LayersExportOptions, type LayersRecurrentOptions } from './layers-format/to-layers-model';
export { fromLayersArtifacts, paddingMask, type ImportedModel, type Padding } from './layers-format/from-layers-artifacts';
export { registerResetAfterGru } from './layers-format/reset-after-gru';
export { LayersFormatError } from './layers-format/layers-format-error';
export { tf } from './tfjs';
