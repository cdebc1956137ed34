/**
 * @rnnkit/rnn-core — recurrent neural networks for TensorFlow.js with explicit backpropagation through time.
 *
 * Cells (SimpleRNN, LSTM, GRU) run over whole sequences in one fused kernel whose backward pass is the engine's
 * own loop through time; layers stack, run bidirectionally, mask padding and apply dropout; training utilities
 * cover losses, clipping, schedules, a NaN/Inf guard, gradient diagnostics and CTC; models save atomically.
 */
export * from './browser';
// Node only: the backend choice that tries tfjs-node first (it overrides the browser's), and what reads or
// writes paths — model directories and Layers-format directories.
export { selectBackend, BACKEND_PREFERENCE, type BackendName, type SelectBackendOptions } from './backend';
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
export { exportLayersModel, importLayersModel } from './layers-format/layers-format-node';
export { layersDirectory } from './layers-format/layers-directory';
