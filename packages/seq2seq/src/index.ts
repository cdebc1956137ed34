/**
 * @rnnkit/seq2seq: encoder–decoder models with attention on @rnnkit/rnn-core — tasks to learn, vocabularies,
 * metrics, the model and its files, translation and evaluation, training, and export to the Layers format. The
 * task generators' tables, the decoders and the batching behind `translate` and `trainModel` stay inside.
 */
export * from './browser';
// Node only, below: what reads task data or model directories from disk, writes them, or trains with checkpoints.

// Tasks (the en-fr task reads the Tatoeba file)
export { TASKS, getTask, type TaskName } from './tasks/registry';
export { TATOEBA_ENV, readTatoebaFile, tatoebaFile } from './tasks/en-fr/tatoeba-file';
export { EN_FR_MAX_TRAIN_WORDS, createEnFrTask, enFrTask, enFrTrainingPairs } from './tasks/en-fr/en-fr-task';

// Model directories
export { loadSeq2SeqModel, saveSeq2SeqModel } from './model/model-files';
export { loadShippedModel, shippedModelDir } from './shipped-models';

// Export to a Layers-format directory (encoder and decoder networks; the search stays in code)
export { exportSeq2SeqLayersDirectory } from './export/seq2seq-layers-node';

// Training
export {
  trainModel, type StepInfo, type TrainOptions, type TrainResult, type ValidationReport,
} from './training/train-model';
