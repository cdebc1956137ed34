import * as tfl from '@tensorflow/tfjs-layers';
import { LayersFormatError, tf, toLayersRecurrent } from '@rnnkit/rnn-core';
import type { Seq2SeqModel } from '../model/seq2seq-model';
import { END_ID, PAD_ID, START_ID } from '../vocabulary';

/**
 * The encoder–decoder as two TensorFlow.js Layers models, built only from standard layers so that
 * `tf.loadLayersModel` (and Keras, after `tensorflowjs_converter`) runs them:
 *
 * - encoder: source ids [B, Te] (PAD = 0) → memory [B, Te, K], attention keys [B, Te, H], padding penalty
 *   [B, 1, Te] (0 on real steps, −1e9 on padding, from a frozen one-column embedding) and the decoder's initial
 *   states (h, and c for an LSTM decoder) [B, H];
 * - decoder: target ids [B, Td], states, memory, keys, penalty → logits [B, Td, V], attention weights
 *   [B, Td, Te] and the final states. With Td = 1 it is one decoding step; with the whole shifted target, teacher
 *   forcing.
 *
 * What stays outside: the search (greedy or beam) that feeds each step's choice back, and additive (Bahdanau)
 * attention, whose pairwise tanh(keysₛ + W₂hₜ) needs a broadcast over two unknown lengths that no tf.layers
 * layer undoes. Multiplicative (Luong "general") attention is two Dot layers and a softmax.
 */
export interface Seq2SeqLayersModels {
  encoder: tfl.LayersModel;
  decoder: tfl.LayersModel;
}

const PADDING_PENALTY = -1e9;

type Symbolic = tfl.SymbolicTensor;

function buildEncoder(model: Seq2SeqModel): { encoder: tfl.LayersModel; setWeights: () => void } {
  const c = model.config;
  const ids = tfl.input({ shape: [null], name: 'source_ids' });
  const embedding = tfl.layers.embedding({ inputDim: c.sourceVocabSize, outputDim: c.embeddingSize, maskZero: true, name: 'source_embedding' });
  const last = model.encoder.layers.length - 1;
  const recurrent = model.encoder.layers.map((layer, i) => toLayersRecurrent(layer, { name: `encoder_${i}`, returnState: i === last }));
  let memory = embedding.apply(ids) as Symbolic;
  let states: Symbolic[] = [];
  recurrent.forEach((layer, i) => {
    const out = layer.apply(memory);
    if (i === last) [memory, ...states] = out as Symbolic[];
    else memory = out as Symbolic;
  });
  const summary = states.length > 1 ? (tfl.layers.concatenate({ name: 'encoder_summary' }).apply(states) as Symbolic) : states[0];
  const bridges = model.bridges.map((b, i) => tfl.layers.dense({ units: b.config.units, activation: b.config.activation, name: i === 0 ? 'bridge_h' : 'bridge_c' }));
  const keysLayer = tfl.layers.dense({ units: c.decoderUnits, useBias: false, name: 'attention_keys' });
  // Padding as a score penalty: a frozen table with −1e9 in the PAD row, turned to [B, 1, Te].
  const penaltyTable = tfl.layers.embedding({ inputDim: c.sourceVocabSize, outputDim: 1, trainable: false, name: 'padding_penalty_table' });
  const penalty = tfl.layers.permute({ dims: [2, 1], name: 'padding_penalty' }).apply(penaltyTable.apply(ids)) as Symbolic;
  const encoder = tfl.model({
    name: 'seq2seq_encoder',
    inputs: ids,
    outputs: [memory, keysLayer.apply(memory) as Symbolic, penalty, ...bridges.map((b) => b.apply(summary) as Symbolic)],
  });
  const setWeights = () => {
    embedding.setWeights([model.encoder.embedding.table]);
    recurrent.forEach((layer, i) => layer.setWeights(model.encoder.layers[i].weights));
    bridges.forEach((b, i) => b.setWeights(model.bridges[i].weights));
    keysLayer.setWeights([model.attention.memoryKernel]);
    const table = tf.tidy(() => tf.mul(tf.reshape(tf.oneHot([PAD_ID], c.sourceVocabSize), [c.sourceVocabSize, 1]), PADDING_PENALTY));
    penaltyTable.setWeights([table]);
    table.dispose();
  };
  return { encoder, setWeights };
}

function buildDecoder(model: Seq2SeqModel): { decoder: tfl.LayersModel; setWeights: () => void } {
  const c = model.config;
  const K = model.encoder.outputSize;
  const targetIds = tfl.input({ shape: [null], name: 'target_ids' });
  const stateInputs = model.bridges.map((_, i) => tfl.input({ shape: [c.decoderUnits], name: i === 0 ? 'state_h' : 'state_c' }));
  const memory = tfl.input({ shape: [null, K], name: 'memory' });
  const keys = tfl.input({ shape: [null, c.decoderUnits], name: 'keys' });
  const penalty = tfl.input({ shape: [1, null], name: 'padding_penalty' });
  const embedding = tfl.layers.embedding({ inputDim: c.targetVocabSize, outputDim: c.embeddingSize, name: 'target_embedding' });
  const recurrent = toLayersRecurrent(model.decoder, { name: 'decoder', returnState: true });
  const [h, ...finalStates] = recurrent.apply(embedding.apply(targetIds), { initialState: stateInputs }) as Symbolic[];
  const scores = tfl.layers.dot({ axes: [2, 2], name: 'attention_scores' }).apply([h, keys]) as Symbolic;
  const masked = tfl.layers.add({ name: 'masked_scores' }).apply([scores, penalty]) as Symbolic;
  const weights = tfl.layers.softmax({ axis: -1, name: 'attention_weights' }).apply(masked) as Symbolic;
  const context = tfl.layers.dot({ axes: [2, 1], name: 'context' }).apply([weights, memory]) as Symbolic;
  const joined = tfl.layers.concatenate({ name: 'context_and_state' }).apply([context, h]) as Symbolic;
  const combine = tfl.layers.dense({ units: c.attentionUnits, activation: 'tanh', name: 'combine' });
  const output = tfl.layers.dense({ units: c.targetVocabSize, name: 'output' });
  const logits = output.apply(combine.apply(joined)) as Symbolic;
  const decoder = tfl.model({
    name: 'seq2seq_decoder',
    inputs: [targetIds, ...stateInputs, memory, keys, penalty],
    outputs: [logits, weights, ...finalStates],
  });
  const setWeights = () => {
    embedding.setWeights([model.targetEmbedding.table]);
    recurrent.setWeights(model.decoder.weights);
    combine.setWeights(model.combine.weights);
    output.setWeights(model.output.weights);
  };
  return { decoder, setWeights };
}

/**
 * The two tf.layers models (see {@link Seq2SeqLayersModels}) with the model's weights; the caller disposes them.
 * Additive attention is refused: tf.layers cannot express it (see the notes above).
 */
export function toSeq2SeqLayersModels(model: Seq2SeqModel): Seq2SeqLayersModels {
  if (model.config.attention !== 'multiplicative') {
    throw new LayersFormatError(
      'Seq2SeqModel',
      `${model.config.attention} attention cannot be expressed with tf.layers (its pairwise broadcast over two unknown lengths has no layer); only multiplicative attention is exported`,
      'NOT_EXPRESSIBLE',
    );
  }
  const { encoder, setWeights: setEncoder } = buildEncoder(model);
  let decoderParts: ReturnType<typeof buildDecoder> | null = null;
  try {
    decoderParts = buildDecoder(model);
    setEncoder();
    decoderParts.setWeights();
    return { encoder, decoder: decoderParts.decoder };
  } catch (err) {
    encoder.dispose();
    decoderParts?.decoder.dispose();
    throw err;
  }
}

/** What each exported part keeps in its `userDefinedMetadata`, so a page can run it without rnnkit. */
function metadata(model: Seq2SeqModel, part: 'encoder' | 'decoder'): Record<string, unknown> {
  const ids = { pad: PAD_ID, start: START_ID, end: END_ID };
  return part === 'encoder'
    ? { rnnkit: 'seq2seq-encoder', sourceVocabulary: model.sourceVocabulary.toJSON(), ids, maxSourceLength: model.config.maxSourceLength }
    : { rnnkit: 'seq2seq-decoder', targetVocabulary: model.targetVocabulary.toJSON(), ids, maxTargetLength: model.config.maxTargetLength };
}

/**
 * Saves the encoder and decoder networks through tfjs's own IO (see {@link Seq2SeqLayersModels}), each with its
 * vocabulary and the special ids in `userDefinedMetadata`. The search loop is not a network and is not exported.
 */
export async function exportSeq2SeqLayers(
  model: Seq2SeqModel,
  destination: { encoder: tf.io.IOHandler; decoder: tf.io.IOHandler },
): Promise<void> {
  const { encoder, decoder } = toSeq2SeqLayersModels(model);
  try {
    encoder.setUserDefinedMetadata(metadata(model, 'encoder'));
    decoder.setUserDefinedMetadata(metadata(model, 'decoder'));
    await encoder.save(destination.encoder);
    await decoder.save(destination.decoder);
  } finally {
    encoder.dispose();
    decoder.dispose();
  }
}
