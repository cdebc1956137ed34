import { tf } from '../tfjs';
import { Activation } from '../dense';
import { MergeMode } from '../bidirectional';
import { LayerConfig, ModelInput, SequenceModel, SequenceModelConfig } from '../sequence-model';
import { LayersFormatError } from './layers-format-error';

/** How an imported model marks padding: a feature value (Masking), token id 0 (mask_zero), or not at all. */
export type Padding = { type: 'value'; value: number } | { type: 'token'; id: 0 } | null;

/** A Layers-format model rebuilt as an rnnkit model. */
export interface ImportedModel {
  /** Trains with rnnkit's engine; the caller disposes it. */
  model: SequenceModel;
  /**
   * The padding the source model derived from its input. rnnkit takes masks explicitly: pass
   * `paddingMask(input, padding)` as the `mask` of `apply`/`predict`/`trainStep` batches.
   */
  padding: Padding;
  /** The file's `userDefinedMetadata` (rnnkit exports keep vocabularies and labels there), or null. */
  metadata: Record<string, unknown> | null;
}

type Json = Record<string, unknown>;
interface KerasLayer {
  className: string;
  config: Json;
  name: string;
}

const SUPPORTED =
  'supported: InputLayer, Masking, Embedding, SimpleRNN, LSTM, GRU, Bidirectional (concat, sum, ave), Dense or TimeDistributed(Dense) last';
const CELLS: Record<string, LayerConfig['cell']> = { SimpleRNN: 'simpleRNN', LSTM: 'lstm', GRU: 'gru' };
const ACTIVATIONS = new Set<Activation>(['linear', 'tanh', 'relu', 'sigmoid', 'softmax']);
const MERGE_MODES = new Set<MergeMode>(['concat', 'sum', 'ave']);
const ABSENT_OPTIONS = [
  'kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer', 'activity_regularizer', 'embeddings_regularizer',
  'kernel_constraint', 'recurrent_constraint', 'bias_constraint', 'embeddings_constraint',
];

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The layer that feeds `layer` in a functional model (Keras 2, tfjs and Keras 3 node layouts). */
function inboundName(layer: Json): string | null {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return null;
  const node = nodes[0] as unknown;
  if (Array.isArray(node) && Array.isArray(node[0])) return String(node[0][0]);
  const history = (node as { args?: Array<{ config?: { keras_history?: unknown[] } }> }).args?.[0]?.config?.keras_history;
  return Array.isArray(history) ? String(history[0]) : null;
}

/** The layers of a Sequential model, or of a functional model that is a single chain. */
function layerList(source: string, topology: unknown): KerasLayer[] {
  const top = isObject(topology) && isObject(topology.model_config) ? topology.model_config : topology;
  if (!isObject(top) || typeof top.class_name !== 'string') {
    throw new LayersFormatError(source, 'is not a TensorFlow.js Layers model (modelTopology has no class_name)');
  }
  const config = top.config;
  const raw = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(raw) || raw.length === 0) throw new LayersFormatError(source, `${top.class_name} model lists no layers`);
  const functional = top.class_name === 'Model' || top.class_name === 'Functional';
  if (!functional && top.class_name !== 'Sequential') {
    throw new LayersFormatError(source, `holds a "${top.class_name}"; only Sequential models and single-chain functional models are imported`);
  }
  const layers = raw.map((entry, i) => {
    if (!isObject(entry) || typeof entry.class_name !== 'string' || !isObject(entry.config)) {
      throw new LayersFormatError(source, `layer ${i} is malformed (no class_name or config)`);
    }
    const name = String(entry.config.name ?? entry.name ?? `layer_${i}`);
    return { className: entry.class_name, config: entry.config, name, entry };
  });
  if (functional) {
    layers.forEach((layer, i) => {
      if (i > 0 && inboundName(layer.entry) !== layers[i - 1].name) {
        throw new LayersFormatError(source, `layer "${layer.name}" does not take the previous layer's output; only single-chain models are imported`);
      }
    });
  }
  return layers.map(({ className, config, name }) => ({ className, config, name }));
}

/** Refuses options the engine has no equivalent for, naming the layer and the option. */
function checkOptions(source: string, layer: KerasLayer, expected: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(expected)) {
    const actual = layer.config[key];
    if (actual !== undefined && actual !== value) {
      throw new LayersFormatError(source, `layer "${layer.name}" (${layer.className}) has ${key}=${JSON.stringify(actual)}; rnnkit supports only ${JSON.stringify(value)}`);
    }
  }
  for (const key of ABSENT_OPTIONS) {
    if (layer.config[key] != null) {
      throw new LayersFormatError(source, `layer "${layer.name}" (${layer.className}) has a ${key}, which rnnkit does not support`);
    }
  }
}

function recurrentConfig(source: string, layer: KerasLayer): { config: LayerConfig; returnSequences: boolean } {
  const cell = CELLS[layer.className];
  const c = layer.config;
  checkOptions(source, layer, {
    activation: 'tanh', recurrent_activation: cell === 'simpleRNN' ? undefined : 'sigmoid', use_bias: true,
    return_state: false, go_backwards: false, stateful: false, time_major: false,
  });
  const units = c.units;
  if (!Number.isInteger(units) || (units as number) < 1) throw new LayersFormatError(source, `layer "${layer.name}" has no positive integer units`);
  const config: LayerConfig = { cell, units: units as number };
  if (typeof c.dropout === 'number' && c.dropout > 0) config.dropout = c.dropout;
  if (typeof c.recurrent_dropout === 'number' && c.recurrent_dropout > 0) config.recurrentDropout = c.recurrent_dropout;
  // tfjs writes reset_after: false, Keras 2/3 write their default true; a file without it follows tfjs.
  if (cell === 'gru') config.resetAfter = c.reset_after === true;
  return { config, returnSequences: c.return_sequences === true };
}

interface Plan {
  input: 'features' | { vocabSize: number; embedding: KerasLayer };
  padding: Padding;
  layers: Array<{ config: LayerConfig; name: string }>;
  outputMode: 'sequence' | 'last';
  output: { name: string; units: number; activation: Activation };
}

function plan(source: string, layers: KerasLayer[]): Plan {
  const rest = layers.filter((l) => l.className !== 'InputLayer');
  let padding: Padding = null;
  let input: Plan['input'] = 'features';
  let at = 0;
  const head = rest[0];
  if (head?.className === 'Masking') {
    const value = head.config.mask_value ?? 0;
    if (typeof value !== 'number') throw new LayersFormatError(source, `layer "${head.name}" has a non-numeric mask_value`);
    padding = { type: 'value', value };
    at = 1;
  } else if (head?.className === 'Embedding') {
    checkOptions(source, head, {});
    input = { vocabSize: head.config.input_dim as number, embedding: head };
    if (head.config.mask_zero === true) padding = { type: 'token', id: 0 };
    at = 1;
  }
  let last = rest[rest.length - 1];
  const outerName = last.name;
  if (last.className === 'TimeDistributed' && isObject(last.config.layer) && isObject(last.config.layer.config)) {
    last = { className: String(last.config.layer.class_name), config: last.config.layer.config, name: outerName };
  }
  if (last.className !== 'Dense') throw new LayersFormatError(source, `ends with layer "${last.name}" (${last.className}); ${SUPPORTED}`);
  const recurrent: Plan['layers'] = [];
  let returnSequences = true;
  for (; at < rest.length - 1; at++) {
    const layer = rest[at];
    if (!returnSequences) {
      throw new LayersFormatError(source, `layer "${rest[at - 1].name}" returns only its last step but layer "${layer.name}" follows it; only the last recurrent layer may drop return_sequences`);
    }
    if (layer.className === 'Bidirectional') {
      const inner = layer.config.layer;
      const mode = layer.config.merge_mode as MergeMode;
      if (!isObject(inner) || !(String(inner.class_name) in CELLS) || !isObject(inner.config)) {
        throw new LayersFormatError(source, `layer "${layer.name}" wraps ${isObject(inner) ? String(inner.class_name) : 'nothing'}; ${SUPPORTED}`);
      }
      if (!MERGE_MODES.has(mode)) throw new LayersFormatError(source, `layer "${layer.name}" merges with ${JSON.stringify(mode)}; rnnkit supports concat, sum and ave`);
      const wrapped = recurrentConfig(source, { className: String(inner.class_name), config: inner.config, name: layer.name });
      recurrent.push({ config: { ...wrapped.config, bidirectional: mode }, name: layer.name });
      returnSequences = wrapped.returnSequences;
    } else if (layer.className in CELLS) {
      const built = recurrentConfig(source, layer);
      recurrent.push({ config: built.config, name: layer.name });
      returnSequences = built.returnSequences;
    } else {
      throw new LayersFormatError(source, `layer "${layer.name}" (${layer.className}) is not supported here; ${SUPPORTED}`);
    }
  }
  if (recurrent.length === 0) throw new LayersFormatError(source, `has no recurrent layer; ${SUPPORTED}`);
  checkOptions(source, last, { use_bias: true });
  const activation = (last.config.activation ?? 'linear') as Activation;
  if (!ACTIVATIONS.has(activation)) {
    throw new LayersFormatError(source, `layer "${last.name}" uses activation "${activation}"; rnnkit supports linear, tanh, relu, sigmoid and softmax`);
  }
  return {
    input,
    padding,
    layers: recurrent,
    outputMode: returnSequences ? 'sequence' : 'last',
    output: { name: outerName, units: last.config.units as number, activation },
  };
}

/** The weights stored under a layer's name, by role, in file order. */
function weightsOf(all: Array<[string, tf.Tensor]>, layer: string, direction?: 'forward' | 'backward'): Map<string, tf.Tensor> {
  const found = new Map<string, tf.Tensor>();
  for (const [name, tensor] of all) {
    if (!name.startsWith(`${layer}/`)) continue;
    if (direction && !name.includes(`/${direction}_`)) continue;
    const role = name.slice(name.lastIndexOf('/') + 1).replace(/:\d+$/, '');
    if (!found.has(role)) found.set(role, tensor);
  }
  return found;
}

function isIdentity(t: tf.Tensor): boolean {
  const [rows, cols] = t.shape;
  if (rows !== cols) return false;
  const v = t.dataSync();
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (v[i * cols + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/**
 * Rebuilds the model that Layers-format artifacts describe (see {@link ImportedModel}). Every weight is matched
 * by its layer's name and checked against the shape the rnnkit layer needs.
 */
export function fromLayersArtifacts(source: string, artifacts: tf.io.ModelArtifacts): ImportedModel {
  if (artifacts.modelTopology instanceof ArrayBuffer || !artifacts.modelTopology) {
    throw new LayersFormatError(source, 'is not a TensorFlow.js Layers model (no JSON modelTopology; a graph model?)');
  }
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new LayersFormatError(source, 'has no weights');
  const p = plan(source, layerList(source, artifacts.modelTopology));
  let decoded: tf.NamedTensorMap;
  try {
    decoded = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  } catch (err) {
    throw new LayersFormatError(source, `weights cannot be decoded: ${(err as Error).message}`);
  }
  const all = Object.entries(decoded);
  let model: SequenceModel | null = null;
  try {
    let input: ModelInput;
    const firstKernel = weightsOf(all, p.layers[0].name, p.layers[0].config.bidirectional ? 'forward' : undefined).get('kernel');
    if (p.input === 'features') {
      if (!firstKernel) throw new LayersFormatError(source, `has no kernel weight for layer "${p.layers[0].name}"`);
      input = { type: 'features', size: firstKernel.shape[0] };
    } else {
      const table = weightsOf(all, p.input.embedding.name).get('embeddings');
      if (!table) throw new LayersFormatError(source, `has no embeddings weight for layer "${p.input.embedding.name}"`);
      const oneHot = p.input.embedding.config.trainable === false && isIdentity(table);
      if (p.input.embedding.config.trainable === false && !oneHot) {
        throw new LayersFormatError(source, `layer "${p.input.embedding.name}" is a frozen embedding; rnnkit trains every weight (only a frozen identity table, one-hot input, is supported)`);
      }
      input = oneHot ? { type: 'tokens', vocabSize: p.input.vocabSize } : { type: 'tokens', vocabSize: p.input.vocabSize, embeddingSize: table.shape[1] };
    }
    const config: SequenceModelConfig = {
      input,
      layers: p.layers.map((l) => l.config),
      output: { units: p.output.units, activation: p.output.activation },
      outputMode: p.outputMode,
    };
    try {
      model = new SequenceModel(config);
    } catch (err) {
      throw new LayersFormatError(source, `describes a model rnnkit cannot build: ${(err as Error).message}`);
    }
    const values = sourceWeights(source, all, p, input);
    for (const { name, variable } of model.namedWeights) {
      const value = values.get(name);
      if (!value) throw new LayersFormatError(source, `has no weight for ${name}`);
      if (value.tensor.shape.join() !== variable.shape.join()) {
        throw new LayersFormatError(source, `weight "${value.file}" has shape [${value.tensor.shape}]; the model's config needs [${variable.shape}]`);
      }
      variable.assign(value.tensor.dtype === 'float32' ? value.tensor : tf.cast(value.tensor, 'float32'));
    }
    const metadata = isObject(artifacts.userDefinedMetadata) ? (artifacts.userDefinedMetadata as Record<string, unknown>) : null;
    return { model, padding: p.padding, metadata };
  } catch (err) {
    model?.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

/** rnnkit weight name → the file's tensor and its name there. */
function sourceWeights(source: string, all: Array<[string, tf.Tensor]>, p: Plan, input: ModelInput): Map<string, { tensor: tf.Tensor; file: string }> {
  const out = new Map<string, { tensor: tf.Tensor; file: string }>();
  const add = (rnnkitName: string, layer: string, role: string, direction?: 'forward' | 'backward') => {
    const tensor = weightsOf(all, layer, direction).get(role);
    if (!tensor) throw new LayersFormatError(source, `has no ${direction ? `${direction} ` : ''}${role} weight for layer "${layer}"`);
    out.set(rnnkitName, { tensor, file: `${layer}/${direction ? `${direction}/` : ''}${role}` });
  };
  if (input.type === 'tokens' && input.embeddingSize && p.input !== 'features') add('embedding/table', p.input.embedding.name, 'embeddings');
  p.layers.forEach((layer, k) => {
    const directions = layer.config.bidirectional ? (['forward', 'backward'] as const) : [undefined];
    for (const direction of directions) {
      for (const role of ['kernel', 'recurrent_kernel', 'bias']) {
        add(`layers/${k}/${direction ? `${direction}/` : ''}${role}`, layer.name, role, direction);
      }
    }
  });
  add('output/kernel', p.output.name, 'kernel');
  add('output/bias', p.output.name, 'bias');
  return out;
}

/**
 * The [B, T] mask (1 real step, 0 padding) that an imported model's padding rule gives for `input`: steps whose
 * features all equal the Masking value, or token id 0. Null when the model has no padding rule.
 */
export function paddingMask(input: tf.Tensor, padding: Padding): Float32Array | null {
  if (!padding) return null;
  const [B, T] = input.shape;
  const values = input.dataSync();
  const width = padding.type === 'value' ? (input.shape[2] ?? 1) : 1;
  const target = padding.type === 'value' ? padding.value : padding.id;
  const mask = new Float32Array(B * T);
  for (let i = 0; i < B * T; i++) {
    for (let f = 0; f < width; f++) {
      if (values[i * width + f] !== target) {
        mask[i] = 1;
        break;
      }
    }
  }
  return mask;
}
