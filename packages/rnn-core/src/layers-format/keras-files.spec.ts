import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { importLayersModel } from './layers-format-node';
import { layersDirectory } from './layers-directory';
import { paddingMask } from './from-layers-artifacts';
import { registerResetAfterGru } from './reset-after-gru';

/**
 * Files shaped as `tensorflowjs_converter` writes them from Keras 2 models (written here by hand, since neither
 * TensorFlow nor the converter installs on our machines): Keras class and option names, an InputLayer, cell
 * sub-scopes in weight names (`gru/gru_cell/kernel`), weights listed in alphabetical rather than layer order, a
 * reset-after GRU with its [2, 3·units] bias, and a functional model with Keras 2 `inbound_nodes`.
 */

const V = 9;
const E = 4;
const H = 5;
const C = 3;

const rnnOptions = {
  trainable: true, dtype: 'float32', return_sequences: true, return_state: false, go_backwards: false, stateful: false,
  unroll: false, time_major: false, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true,
  kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null,
  kernel_constraint: null, recurrent_constraint: null, bias_constraint: null, dropout: 0.0, recurrent_dropout: 0.0,
  implementation: 2,
};

function layers(): Array<Record<string, unknown>> {
  return [
    { class_name: 'InputLayer', config: { batch_input_shape: [null, null], dtype: 'float32', sparse: false, ragged: false, name: 'tokens' } },
    { class_name: 'Embedding', config: { name: 'embedding', trainable: true, batch_input_shape: [null, null], dtype: 'float32', input_dim: V, output_dim: E, embeddings_regularizer: null, activity_regularizer: null, embeddings_constraint: null, mask_zero: true, input_length: null } },
    { class_name: 'GRU', config: { name: 'gru', units: H, reset_after: true, ...rnnOptions } },
    { class_name: 'Bidirectional', config: { name: 'bidirectional', trainable: true, dtype: 'float32', merge_mode: 'concat', layer: { class_name: 'LSTM', config: { name: 'lstm', units: H, unit_forget_bias: true, ...rnnOptions } } } },
    { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: C, activation: 'softmax', use_bias: true, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } },
  ];
}

const WEIGHTS: Array<[string, number[]]> = [
  ['bidirectional/backward_lstm/lstm_cell_2/bias', [4 * H]],
  ['bidirectional/backward_lstm/lstm_cell_2/kernel', [H, 4 * H]],
  ['bidirectional/backward_lstm/lstm_cell_2/recurrent_kernel', [H, 4 * H]],
  ['bidirectional/forward_lstm/lstm_cell_1/bias', [4 * H]],
  ['bidirectional/forward_lstm/lstm_cell_1/kernel', [H, 4 * H]],
  ['bidirectional/forward_lstm/lstm_cell_1/recurrent_kernel', [H, 4 * H]],
  ['dense/bias', [C]],
  ['dense/kernel', [2 * H, C]],
  ['embedding/embeddings', [V, E]],
  ['gru/gru_cell/bias', [2, 3 * H]],
  ['gru/gru_cell/kernel', [E, 3 * H]],
  ['gru/gru_cell/recurrent_kernel', [H, 3 * H]],
];

function writeKerasStyle(dir: string, topology: Record<string, unknown>): void {
  fs.mkdirSync(dir, { recursive: true });
  const values = WEIGHTS.map(([, shape], i) => randomArray(shape.reduce((a, b) => a * b, 1), 60 + i, 0.5));
  const bytes = Buffer.concat(values.map((v) => Buffer.from(v.buffer)));
  fs.writeFileSync(path.join(dir, 'group1-shard1of1.bin'), bytes);
  const manifest = [{ paths: ['group1-shard1of1.bin'], weights: WEIGHTS.map(([name, shape]) => ({ name, shape, dtype: 'float32' })) }];
  const json = {
    format: 'layers-model',
    generatedBy: 'keras v2.13.1',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: { keras_version: '2.13.1', backend: 'tensorflow', model_config: topology, training_config: { loss: 'sparse_categorical_crossentropy' } },
    weightsManifest: manifest,
  };
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
}

function functional(): Record<string, unknown> {
  const [input, ...rest] = layers();
  const chained = rest.map((layer, i) => ({ ...layer, name: (layer.config as { name: string }).name, inbound_nodes: [[[i === 0 ? 'tokens' : (rest[i - 1].config as { name: string }).name, 0, 0, {}]]] }));
  return {
    class_name: 'Functional',
    config: {
      name: 'model',
      layers: [{ ...input, name: 'tokens', inbound_nodes: [] }, ...chained],
      input_layers: [['tokens', 0, 0]],
      output_layers: [['dense', 0, 0]],
    },
  };
}

describe('Keras-converted files', () => {
  useBackend('cpu');
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'keras-files-'));
    registerResetAfterGru();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each([
    ['Sequential', () => ({ class_name: 'Sequential', config: { name: 'sequential', layers: layers() } })],
    ['Functional', functional],
  ])('a %s model imports and predicts what tf.loadLayersModel predicts from the same file', async (kind, topology) => {
    const dir = path.join(root, kind);
    writeKerasStyle(dir, topology());
    const { model, padding } = await importLayersModel(dir);
    expect(model.config).toMatchObject({
      input: { type: 'tokens', vocabSize: V, embeddingSize: E },
      layers: [{ cell: 'gru', units: H, resetAfter: true }, { cell: 'lstm', units: H, bidirectional: 'concat' }],
      output: { units: C, activation: 'softmax' },
      outputMode: 'sequence',
    });
    expect(padding).toEqual({ type: 'token', id: 0 });
    const reference = await tfl.loadLayersModel(layersDirectory(dir));
    const ids = tf.tensor2d([[3, 1, 4, 1, 5], [2, 7, 0, 0, 0]], [2, 5], 'int32');
    const mask = paddingMask(ids, padding);
    const ours = model.predict(ids, mask ?? undefined);
    const theirs = reference.predict(ids) as tf.Tensor;
    const real = (t: tf.Tensor) => Array.from(t.dataSync()).filter((_, i) => mask?.[Math.floor(i / C)] === 1);
    expectClose(real(ours), real(theirs), { atol: 1e-5 });
    tf.dispose([ids, ours, theirs]);
    reference.dispose();
    model.dispose();
  });
});
