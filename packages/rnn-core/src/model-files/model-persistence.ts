import type { tf } from '../tfjs';
import type { SequenceModel } from '../sequence-model';
import { loadModelFile, saveModelFile } from './model-directory';
import { SEQUENCE_MODEL_KIND } from './sequence-model-kind';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** Plain JSON kept with the model (vocabulary, metrics, training progress…). */
  extra?: unknown;
  /** Also store this optimizer's state, so that training can resume exactly (a checkpoint). */
  optimizer?: tf.Optimizer;
}

/** A model read back from disk, with what was saved beside it. */
export interface LoadedModel {
  model: SequenceModel;
  extra: unknown;
  /** The optimizer with its state restored, when the directory is a checkpoint. */
  optimizer: tf.Optimizer | null;
}

/**
 * Saves a plain {@link SequenceModel} (and optionally its optimizer state) to a directory: model.json + weights
 * file, written atomically. Works on every backend; tfjs-node is not needed. Shorthand for
 * `saveModelFile(SEQUENCE_MODEL_KIND, …)`.
 */
export async function saveModel(model: SequenceModel, dir: string, options: SaveModelOptions = {}): Promise<void> {
  await saveModelFile(SEQUENCE_MODEL_KIND, model, dir, { extra: options.extra, optimizer: options.optimizer });
}

/** Loads a model saved by {@link saveModel}; restores the optimizer too when the directory holds one. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  return loadModelFile(SEQUENCE_MODEL_KIND, dir);
}
