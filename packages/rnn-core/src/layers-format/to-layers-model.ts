import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from '../tfjs';
import { Bidirectional } from '../bidirectional';
import { RecurrentLayer } from '../recurrent-layer';
import { LayerConfig, SequenceModel, SequenceModelConfig } from '../sequence-model';
import { LayersFormatError } from './layers-format-error';
import { gruLayer } from './reset-after-gru';

/** Options of {@link toLayersModel} and `exportLayersModel`. */
export interface LayersExportOptions {
  /**
   * Put the padding mask into the model, as tf.layers derives it from the input: a `Masking` layer (mask value
   * 0) for feature input, `mask_zero` (token id 0 is padding) for token input. Default false: no mask.
   */
  mask?: boolean;
  /** Plain JSON stored as the model's `userDefinedMetadata` (a vocabulary, labels, a front-end…). */
  metadata?: Record<string, unknown>;
}

type Layer = tfl.layers.Layer;

const CELL_CLASS = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' } as const;
const LAYER_OPTIONS = new Set(['cell', 'units', 'bidirectional', 'dropout', 'recurrentDropout', 'resetAfter', 'forgetBias']);
const MODEL_OPTIONS = new Set(['input', 'layers', 'output', 'outputMode', 'seed']);
const ACTIVATIONS = new Set(['linear', 'tanh', 'relu', 'sigmoid', 'softmax']);
const MERGE_MODES = new Set(['concat', 'sum', 'ave']);

/** Refuses, naming the part, anything tf.layers has no layer for (new cells or options of the engine). */
function checkExpressible(config: Readonly<SequenceModelConfig>): void {
  const fail = (problem: string) => {
    throw new LayersFormatError('SequenceModel', `${problem}; the Layers format expresses SimpleRNN, LSTM and GRU cells, Bidirectional (concat, sum, ave), Embedding, masking and a Dense output`, 'NOT_EXPRESSIBLE');
  };
  for (const key of Object.keys(config)) if (!MODEL_OPTIONS.has(key)) fail(`model option "${key}" has no tf.layers equivalent`);
  config.layers.forEach((layer, k) => {
    if (!(layer.cell in CELL_CLASS)) fail(`layer ${k} uses the cell "${layer.cell}", which tf.layers cannot express`);
    for (const key of Object.keys(layer)) if (!LAYER_OPTIONS.has(key)) fail(`layer ${k} option "${key}" has no tf.layers equivalent`);
    if (layer.bidirectional && !MERGE_MODES.has(layer.bidirectional)) fail(`layer ${k} merge mode "${layer.bidirectional}" is unknown`);
  });
  const activation = config.output.activation ?? 'linear';
  if (!ACTIVATIONS.has(activation)) fail(`output activation "${activation}" is unknown`);
}

/** Where a recurrent layer sits: what it returns, and its name in the file. */
export interface LayersRecurrentOptions {
  /** The tf.layers (and Keras) layer name; weights are saved under it. */
  name: string;
  /** Output every step (default) or only the last one. */
  returnSequences?: boolean;
  /** Also return the final states (after the outputs: forward states, then backward ones). Default false. */
  returnState?: boolean;
}

function recurrentLayer(layer: LayerConfig, options: LayersRecurrentOptions, first: object = {}): Layer {
  if (!(layer.cell in CELL_CLASS)) {
    throw new LayersFormatError(options.name, `the cell "${layer.cell}" has no tf.layers equivalent (SimpleRNN, LSTM and GRU have)`, 'NOT_EXPRESSIBLE');
  }
  const args = {
    units: layer.units,
    activation: 'tanh' as const,
    recurrentActivation: 'sigmoid' as const,
    returnSequences: options.returnSequences ?? true,
    returnState: options.returnState ?? false,
    dropout: layer.dropout ?? 0,
    recurrentDropout: layer.recurrentDropout ?? 0,
    name: layer.bidirectional ? layer.cell.toLowerCase() : options.name,
    // The weights are set right after; tfjs's orthogonal initialiser needs chained ops its CommonJS build lacks.
    kernelInitializer: 'zeros' as const,
    recurrentInitializer: 'zeros' as const,
  };
  const wrapped = layer.bidirectional ? {} : first;
  const built =
    layer.cell === 'gru' ? (gruLayer({ ...args, ...wrapped, resetAfter: layer.resetAfter ?? true }) as unknown as Layer)
    : layer.cell === 'lstm' ? tfl.layers.lstm({ ...args, ...wrapped })
    : tfl.layers.simpleRNN({ ...args, ...wrapped });
  if (!layer.bidirectional) return built;
  return tfl.layers.bidirectional({ layer: built as never, mergeMode: layer.bidirectional, name: options.name, ...first });
}

/**
 * The tf.layers layer (not yet built) that computes what an rnnkit recurrent or bidirectional layer computes,
 * for composing larger exports (e.g. an encoder–decoder). Once the model around it is built, give it the rnnkit
 * layer's `weights` with `setWeights`: the order and layout are the same.
 */
export function toLayersRecurrent(source: RecurrentLayer | Bidirectional, options: LayersRecurrentOptions): Layer {
  const single = source instanceof Bidirectional ? source.forward : source;
  const { cell, units, dropout, recurrentDropout, resetAfter, reverse } = single.config;
  if (reverse) throw new LayersFormatError('RecurrentLayer', 'a lone reversed layer has no tf.layers equivalent (go_backwards also reverses the outputs)', 'NOT_EXPRESSIBLE');
  const bidirectional = source instanceof Bidirectional ? source.mergeMode : undefined;
  return recurrentLayer({ cell, units, dropout, recurrentDropout, resetAfter, ...(bidirectional ? { bidirectional } : {}) }, options);
}

/**
 * A tf.layers Sequential model with the same structure and the same weight values as `model`: what
 * `exportLayersModel` saves. The caller owns (and disposes) the result. GRUs are reset-after unless the rnnkit
 * layer says otherwise; tfjs needs {@link registerResetAfterGru} for those, Keras reads them as they are.
 */
export function toLayersModel(model: SequenceModel, options: LayersExportOptions = {}): tfl.Sequential {
  const { config } = model;
  checkExpressible(config);
  const weights = new Map(model.namedWeights.map((w) => [w.name, w.variable as tf.Tensor]));
  const plan: Array<{ layer: Layer; weights: () => tf.Tensor[] }> = [];
  const { input } = config;
  let first: object = { batchInputShape: input.type === 'features' ? [null, null, input.size] : [null, null] };
  const takeFirst = () => {
    const args = first;
    first = {};
    return args;
  };

  if (input.type === 'tokens') {
    const size = input.embeddingSize;
    // One-hot input is an embedding whose table is the identity, frozen: the same values in a standard layer.
    const layer = tfl.layers.embedding({
      inputDim: input.vocabSize,
      outputDim: size ?? input.vocabSize,
      maskZero: options.mask ?? false,
      trainable: size !== undefined,
      name: size ? 'embedding' : 'one_hot',
      ...takeFirst(),
    });
    plan.push({ layer, weights: () => [size ? (weights.get('embedding/table') as tf.Tensor) : tf.eye(input.vocabSize)] });
  } else if (options.mask) {
    plan.push({ layer: tfl.layers.masking({ maskValue: 0, name: 'masking', ...takeFirst() }), weights: () => [] });
  }
  config.layers.forEach((layer, k) => {
    const returnSequences = k < config.layers.length - 1 || config.outputMode === 'sequence';
    const names = layer.bidirectional ? [`layers/${k}/forward`, `layers/${k}/backward`] : [`layers/${k}`];
    const parts = ['kernel', 'recurrent_kernel', 'bias'];
    plan.push({
      layer: recurrentLayer(layer, { name: layer.bidirectional ? `bidirectional_${k}` : `${layer.cell.toLowerCase()}_${k}`, returnSequences }, takeFirst()),
      weights: () => names.flatMap((n) => parts.map((p) => weights.get(`${n}/${p}`) as tf.Tensor)),
    });
  });
  plan.push({
    layer: tfl.layers.dense({ units: config.output.units, activation: config.output.activation ?? 'linear', name: 'output' }),
    weights: () => [weights.get('output/kernel') as tf.Tensor, weights.get('output/bias') as tf.Tensor],
  });

  const sequential = tfl.sequential({ name: 'rnnkit_sequence_model', layers: plan.map((p) => p.layer) });
  try {
    for (const { layer, weights: values } of plan) {
      const tensors = values();
      if (tensors.length > 0) layer.setWeights(tensors);
      tf.dispose(tensors.filter((t) => !(t instanceof tf.Variable)));
    }
    if (options.metadata) sequential.setUserDefinedMetadata(options.metadata);
  } catch (err) {
    sequential.dispose();
    throw err;
  }
  return sequential;
}
