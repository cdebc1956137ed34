import { tf } from '../tfjs';
import type { NamedVariable } from '../named-weights';
import { ModelFileError } from './model-file-error';
import type { ModelContents, OptimizerContents } from './model-format';

/** The parts of a stored model that a kind may reshape from one of its versions to the next. */
export interface StoredModelParts {
  config: unknown;
  extra: unknown;
  /** The stored weights' names, in stored order; an upgrade may rename them but keeps their number and order. */
  weightNames: string[];
}

/**
 * One kind of model file, defined once: its name and version (written into model.json), how to check its extra
 * data, how to build the model and name its weights, and how to read files of older versions. Every save and load
 * of the kind — directory, URL or bytes — goes through this definition.
 */
export interface ModelKind<M, E> {
  /** Written into model.json's `kind`. */
  readonly name: string;
  /** Written into model.json's `kindVersion`; bump it when the config, extra or weight names change. */
  readonly version: number;
  /**
   * Recognises a file written before this kind had its own name or version (it has no `kindVersion`): returns
   * the version such a file corresponds to, or `null` when the file is not of this kind.
   */
  legacyVersion?(stored: { kind: string; extra: unknown }): number | null;
  /** Brings parts stored by an older version `from` up to {@link version}. Without it, older files are refused. */
  upgrade?(parts: StoredModelParts, from: number): StoredModelParts;
  /** Checks the extra data of the current version and returns it typed; throws an `Error` saying what is wrong. */
  parseExtra(extra: unknown): E;
  /** Builds an untrained model from a stored config and its checked extra; throws an `Error` on a config that does not fit. */
  create(config: unknown, extra: E): M;
  /** The config to store for `model` (plain JSON). */
  configOf(model: M): unknown;
  /** The weights to store, named with `namedWeights(prefix)` of the model's layers; order is the optimizer slot order. */
  namedWeights(model: M): NamedVariable[];
  /** Frees the model's weights. */
  dispose(model: M): void;
}

/** A model read back through its kind. */
export interface ModelFile<M, E> {
  model: M;
  /** The extra data, upgraded to the kind's current version and checked. */
  extra: E;
  /** The optimizer with its state restored, when the file is a checkpoint (always `null` from the sync loaders). */
  optimizer: tf.Optimizer | null;
}

/** Options of saving a model through its kind. */
export interface SaveModelFileOptions<E> {
  /** Checked with the kind's `parseExtra` before anything is written. */
  extra: E;
  /** Also store this optimizer's state, so that training can resume exactly (a checkpoint). */
  optimizer?: tf.Optimizer;
}

/** The contents to store for `model`; the optimizer state, when given, is already captured by {@link captureOptimizer}. */
export function modelContentsOf<M, E>(kind: ModelKind<M, E>, model: M, extra: E, optimizer?: OptimizerContents): ModelContents {
  try {
    kind.parseExtra(extra);
  } catch (err) {
    throw new Error(`refusing to save a ${kind.name} with invalid extra data: ${(err as Error).message}`);
  }
  return {
    kind: kind.name,
    kindVersion: kind.version,
    config: kind.configOf(model),
    extra,
    weights: kind.namedWeights(model).map(({ name, variable }) => ({ name, tensor: variable })),
    optimizer,
  };
}

/**
 * Captures an optimizer's state for a checkpoint. Slots are stored by position: tfjs optimizers match them to
 * variables by order, not by name. Call `release` once the contents are written.
 */
export async function captureOptimizer(optimizer: tf.Optimizer): Promise<{ contents: OptimizerContents; release: () => void }> {
  const state = await optimizer.getWeights();
  const owned: tf.Tensor[] = [];
  const weights = state.map(({ tensor }, i) => {
    const asFloat = tf.cast(tensor, 'float32');
    // getWeights hands out the optimizer's live slot variables (keep them) and a fresh iteration count.
    owned.push(asFloat, ...(tensor instanceof tf.Variable ? [] : [tensor]));
    return { name: `slot/${i}`, tensor: asFloat };
  });
  return {
    contents: { className: optimizer.getClassName(), config: optimizer.getConfig(), weights },
    release: () => tf.dispose(owned),
  };
}

function describeKind(contents: ModelContents): string {
  const extra = contents.extra as { app?: unknown; format?: unknown } | undefined;
  const detail = typeof extra?.format === 'string' ? extra.format : typeof extra?.app === 'string' ? `${extra.app} model` : null;
  return detail ? `${contents.kind} (${detail})` : contents.kind;
}

/** The kind version `contents` were written with, or an error naming what the file holds instead. */
function storedVersion<M, E>(kind: ModelKind<M, E>, contents: ModelContents, file: string): number {
  if (contents.kindVersion !== undefined) {
    if (contents.kind !== kind.name) throw new ModelFileError(file, `holds a ${describeKind(contents)}, not a ${kind.name}`);
    return contents.kindVersion;
  }
  const legacy = kind.legacyVersion?.({ kind: contents.kind, extra: contents.extra }) ?? null;
  if (legacy === null) throw new ModelFileError(file, `holds a ${describeKind(contents)}, not a ${kind.name}`);
  return legacy;
}

/** Brings stored parts up to the kind's version, or says why not. */
function upgradeParts<M, E>(kind: ModelKind<M, E>, contents: ModelContents, file: string): StoredModelParts {
  const version = storedVersion(kind, contents, file);
  const parts: StoredModelParts = { config: contents.config, extra: contents.extra, weightNames: contents.weights.map((w) => w.name) };
  if (version === kind.version) return parts;
  if (version > kind.version) {
    throw new ModelFileError(file, `holds a ${kind.name} of version ${version}; this rnnkit reads up to version ${kind.version} — upgrade rnnkit`);
  }
  if (!kind.upgrade) throw new ModelFileError(file, `holds a ${kind.name} of version ${version}, which this rnnkit no longer reads`);
  let upgraded: StoredModelParts;
  try {
    upgraded = kind.upgrade(parts, version);
  } catch (err) {
    throw new ModelFileError(file, `cannot be read as a ${kind.name} of version ${version}: ${(err as Error).message}`);
  }
  if (upgraded.weightNames.length !== parts.weightNames.length) throw new Error(`${kind.name} upgrade changed the number of weights`);
  return upgraded;
}

/**
 * Builds the model stored in `contents` (read from `file`): upgrades older versions, checks the extra data, builds
 * the model from its config and assigns every weight, checking names and shapes. Consumes the weight tensors of
 * `contents` (not the optimizer's); on failure disposes what it built and throws {@link ModelFileError}.
 */
export function instantiateModel<M, E>(kind: ModelKind<M, E>, contents: ModelContents, file: string): { model: M; extra: E } {
  const stored = new Map<string, tf.Tensor>();
  let model: M | null = null;
  try {
    const parts = upgradeParts(kind, contents, file);
    contents.weights.forEach((w, i) => stored.set(parts.weightNames[i], w.tensor));
    let extra: E;
    try {
      extra = kind.parseExtra(parts.extra);
    } catch (err) {
      throw new ModelFileError(file, `has unusable ${kind.name} data: ${(err as Error).message}`);
    }
    try {
      model = kind.create(parts.config, extra);
    } catch (err) {
      throw new ModelFileError(file, `has an unusable config: ${(err as Error).message}`);
    }
    const wanted = kind.namedWeights(model);
    for (const { name, variable } of wanted) {
      const tensor = stored.get(name);
      if (!tensor) throw new ModelFileError(file, `has no weight "${name}" that its config requires`);
      if (tensor.shape.join() !== variable.shape.join()) {
        throw new ModelFileError(file, `weight "${name}" has shape [${tensor.shape}], its config requires [${variable.shape}]`);
      }
      variable.assign(tensor);
    }
    if (stored.size > wanted.length) {
      const known = new Set(wanted.map((w) => w.name));
      throw new ModelFileError(file, `has weights its config does not use: ${[...stored.keys()].filter((n) => !known.has(n)).join(', ')}`);
    }
    return { model, extra };
  } catch (err) {
    if (model !== null) kind.dispose(model);
    throw err;
  } finally {
    tf.dispose(contents.weights.map((w) => w.tensor));
  }
}

/** Rebuilds a checkpoint's optimizer with its state; consumes the state's tensors. */
export async function restoreOptimizer(saved: OptimizerContents, file: string): Promise<tf.Optimizer> {
  try {
    const registered = tf.serialization.SerializationMap.getMap().classNameMap[saved.className];
    if (!registered) throw new ModelFileError(file, `stores state of an unknown optimizer "${saved.className}"`);
    const [cls, fromConfig] = registered;
    const optimizer = fromConfig(cls, saved.config as tf.serialization.ConfigDict) as tf.Optimizer;
    await optimizer.setWeights(saved.weights);
    return optimizer;
  } finally {
    tf.dispose(saved.weights.map((w) => w.tensor));
  }
}

/** Builds the model and, for a checkpoint, its optimizer; consumes every tensor of `contents`. */
export async function modelFromContents<M, E>(kind: ModelKind<M, E>, contents: ModelContents, file: string): Promise<ModelFile<M, E>> {
  let built: { model: M; extra: E };
  try {
    built = instantiateModel(kind, contents, file);
  } catch (err) {
    tf.dispose(contents.optimizer?.weights.map((w) => w.tensor) ?? []);
    throw err;
  }
  try {
    const optimizer = contents.optimizer ? await restoreOptimizer(contents.optimizer, file) : null;
    return { ...built, optimizer };
  } catch (err) {
    kind.dispose(built.model);
    throw err;
  }
}

/** Builds the model only, dropping any optimizer state; consumes every tensor of `contents`. */
export function modelFromContentsSync<M, E>(kind: ModelKind<M, E>, contents: ModelContents, file: string): ModelFile<M, E> {
  tf.dispose(contents.optimizer?.weights.map((w) => w.tensor) ?? []);
  return { ...instantiateModel(kind, contents, file), optimizer: null };
}
