import { tf } from './tfjs';
import { ModelFileError, NamedTensor, readModelDirectory, writeModelDirectory } from './model-io';
import { SequenceModel, SequenceModelConfig } from './sequence-model';

const KIND = 'SequenceModel';

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
 * Saves a model (and optionally its optimizer state) to a directory: model.json + weights file, written
 * atomically. Works on every backend; tfjs-node is not needed.
 */
export async function saveModel(model: SequenceModel, dir: string, options: SaveModelOptions = {}): Promise<void> {
  const weights: NamedTensor[] = model.namedWeights.map(({ name, variable }) => ({ name, tensor: variable }));
  let optimizerState: { className: string; config: unknown; weights: NamedTensor[] } | undefined;
  const toDispose: tf.Tensor[] = [];
  if (options.optimizer) {
    const state = await options.optimizer.getWeights();
    optimizerState = {
      className: options.optimizer.getClassName(),
      config: options.optimizer.getConfig(),
      // Slots are stored by position: tfjs optimizers match them to variables by order, not by name.
      weights: state.map(({ tensor }, i) => {
        const asFloat = tf.cast(tensor, 'float32');
        // getWeights hands out the optimizer's live slot variables (keep them) and a fresh iteration count.
        toDispose.push(asFloat, ...(tensor instanceof tf.Variable ? [] : [tensor]));
        return { name: `slot/${i}`, tensor: asFloat };
      }),
    };
  }
  try {
    writeModelDirectory(dir, { kind: KIND, config: model.config, extra: options.extra, weights, optimizer: optimizerState });
  } finally {
    tf.dispose(toDispose);
  }
}

/** Loads a model saved by {@link saveModel}; restores the optimizer too when the directory holds one. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const contents = readModelDirectory(dir, KIND);
  const file = `${dir}/model.json`;
  let model: SequenceModel;
  try {
    model = new SequenceModel(contents.config as SequenceModelConfig);
  } catch (err) {
    tf.dispose(contents.weights.map((w) => w.tensor));
    throw new ModelFileError(file, `has an unusable config: ${(err as Error).message}`);
  }
  const stored = new Map(contents.weights.map((w) => [w.name, w.tensor]));
  try {
    for (const { name, variable } of model.namedWeights) {
      const tensor = stored.get(name);
      if (!tensor) throw new ModelFileError(file, `has no weight "${name}" that its config requires`);
      if (tensor.shape.join() !== variable.shape.join()) {
        throw new ModelFileError(file, `weight "${name}" has shape [${tensor.shape}], its config requires [${variable.shape}]`);
      }
      variable.assign(tensor);
    }
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    tf.dispose([...stored.values()]);
  }
  const optimizer = contents.optimizer ? await restoreOptimizer(file, contents.optimizer) : null;
  return { model, extra: contents.extra, optimizer };
}

async function restoreOptimizer(file: string, saved: { className: string; config: unknown; weights: NamedTensor[] }): Promise<tf.Optimizer> {
  const registered = tf.serialization.SerializationMap.getMap().classNameMap[saved.className];
  if (!registered) {
    tf.dispose(saved.weights.map((w) => w.tensor));
    throw new ModelFileError(file, `stores state of an unknown optimizer "${saved.className}"`);
  }
  const [cls, fromConfig] = registered;
  const optimizer = fromConfig(cls, saved.config as tf.serialization.ConfigDict) as tf.Optimizer;
  await optimizer.setWeights(saved.weights);
  tf.dispose(saved.weights.map((w) => w.tensor));
  return optimizer;
}
