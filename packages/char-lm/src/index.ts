/**
 * @rnnkit/char-lm — a character-level language model on @rnnkit/rnn-core: vocabulary, corpus loading (files,
 * directories, the Brown corpus), truncated-BPTT batching, the model (embedding → stacked LSTM/GRU → softmax),
 * training with validation, a cosine learning-rate schedule, clipping, early stopping and atomic checkpoints
 * that resume, stateful evaluation in nats and bits per character, a fast batch-1 inference stepper, and
 * streaming generation with temperature / top-k / top-p, a prime, stop sequences and a seed.
 */
export * from './browser';
// Node only: what reads corpora, writes model directories and trains with checkpoints on disk.
export { loadCorpus, splitCorpus, type LoadCorpusOptions, type CorpusSplit } from './corpus';
export { brownToText, loadBrownCorpus, type BrownOptions } from './brown';
export {
  saveCharModel,
  loadCharModel,
  findModelDirectory,
  type CharModelParts,
  type LoadedCharModel,
} from './char-model-io';
export {
  trainCharModel,
  CHECKPOINT_DIRS,
  type TrainOptions,
  type TrainingEvents,
  type TrainingProgress,
  type TrainingResult,
} from './training';
