import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@rnnkit/common';
import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { meanSquaredError } from '../losses';
import { trainStep } from '../train-step';
import { SequenceModel } from '../sequence-model';
import { importLayersModel, exportLayersModel } from './layers-format-node';
import { layersDirectory } from './layers-directory';
import { paddingMask } from './from-layers-artifacts';
import { gruLayer } from './reset-after-gru';

const B = 3;
const T = 5;
const F = 4;
const V = 6;
// tfjs's orthogonal initialiser needs chained ops its CommonJS build lacks; the weights are randomised anyway.
const ZEROS = { kernelInitializer: 'zeros', recurrentInitializer: 'zeros' } as const;
const RNN = { ...ZEROS, recurrentActivation: 'sigmoid' } as const;

/** tf.layers models of the supported layer types, as a user would build them. */
const BUILDERS: Array<[string, 'features' | 'tokens', () => tfl.LayersModel]> = [
  [
    'Embedding(mask_zero) → Bidirectional LSTM (concat) → GRU → Dense',
    'tokens',
    () =>
      tfl.sequential({
        layers: [
          tfl.layers.embedding({ inputDim: V, outputDim: 3, maskZero: true, batchInputShape: [null, null] }),
          tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 4, returnSequences: true, ...RNN }) as tfl.RNN, mergeMode: 'concat' }),
          tfl.layers.gru({ units: 3, returnSequences: true, ...RNN }),
          tfl.layers.dense({ units: 2 }),
        ],
      }),
  ],
  [
    'Masking → SimpleRNN → Bidirectional GRU (ave, reset after) → Dense (tanh)',
    'features',
    () =>
      tfl.sequential({
        layers: [
          tfl.layers.masking({ maskValue: 0, batchInputShape: [null, null, F] }),
          tfl.layers.simpleRNN({ units: 4, returnSequences: true, ...ZEROS }),
          tfl.layers.bidirectional({
            // tfjs's own gru() refuses reset_after; this is the class tf.loadLayersModel uses once registered.
            layer: gruLayer({ units: 3, returnSequences: true, ...RNN, resetAfter: true }) as tfl.RNN,
            mergeMode: 'ave',
          }),
          tfl.layers.dense({ units: 2, activation: 'tanh' }),
        ],
      }),
  ],
  [
    'functional chain: Input → LSTM → Bidirectional SimpleRNN (sum) → TimeDistributed(Dense)',
    'features',
    () => {
      const input = tfl.input({ shape: [null, F] });
      const a = tfl.layers.lstm({ units: 4, returnSequences: true, ...RNN }).apply(input) as tfl.SymbolicTensor;
      const b = tfl.layers
        .bidirectional({ layer: tfl.layers.simpleRNN({ units: 3, returnSequences: true, ...ZEROS }) as tfl.RNN, mergeMode: 'sum' })
        .apply(a) as tfl.SymbolicTensor;
      const out = tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }).apply(b) as tfl.SymbolicTensor;
      return tfl.model({ inputs: input, outputs: out });
    },
  ],
];

/** Random weights (the tfjs initialisers were zeros); an embedding keeps its row count. */
function randomize(model: tfl.LayersModel, seed: number): void {
  const values = model.getWeights().map((w, i) => tf.tensor(randomArray(w.size, seed + i, 0.6), w.shape));
  model.setWeights(values);
  tf.dispose(values);
}

function inputFor(kind: 'features' | 'tokens', padded: boolean): tf.Tensor {
  const lengths = padded ? [T, 3, 2] : [T, T, T];
  if (kind === 'tokens') {
    const random = createRng(9);
    const ids = new Int32Array(B * T).map((_, i) => (i % T < lengths[Math.floor(i / T)] ? 1 + random.int(V - 1) : 0));
    return tf.tensor2d(ids, [B, T], 'int32');
  }
  return tf.tensor3d(randomArray(B * T * F, 4).map((v, i) => (Math.floor(i / F) % T < lengths[Math.floor(i / (F * T))] ? v : 0)), [B, T, F]);
}

/** Values at the steps the mask keeps (padded steps differ by convention, see the export spec). */
function kept(t: tf.Tensor, mask: Float32Array | null, sequence: boolean): number[] {
  const values = Array.from(t.dataSync());
  if (!mask || !sequence) return values;
  const width = t.shape[t.shape.length - 1] as number;
  return values.filter((_, i) => mask[Math.floor(i / width)] === 1);
}

describe.each(BACKENDS_UNDER_TEST)('importLayersModel on %s', (backend) => {
  useBackend(backend);
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-import-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each(BUILDERS)('%s: same outputs, and the same weights after one Adam step', async (name, kind, build) => {
    const reference = build();
    randomize(reference, 21);
    const dir = path.join(root, name.replace(/\W+/g, '-'));
    await reference.save(layersDirectory(dir));
    const imported = await expectNoLeak(() => importLayersModel(dir));
    const { model, padding } = imported;
    expect(padding).toEqual(kind === 'tokens' ? { type: 'token', id: 0 } : name.startsWith('Masking') ? { type: 'value', value: 0 } : null);

    const padded = inputFor(kind, padding !== null);
    const mask = paddingMask(padded, padding);
    const ours = model.predict(padded, mask ?? undefined);
    const theirs = reference.predict(padded) as tf.Tensor;
    expect(ours.shape).toEqual(theirs.shape);
    const sequence = model.config.outputMode === 'sequence';
    // Same float32 arithmetic in another association order, 5 steps, 2–3 layers.
    expectClose(kept(ours, mask, sequence), kept(theirs, mask, sequence), { atol: 1e-5 });

    // tf.layers' embedding gradient needs UnsortedSegmentSum, which wasm lacks: that reference trains on cpu only.
    if (backend === 'wasm' && kind === 'tokens') {
      tf.dispose([padded, ours, theirs]);
      reference.dispose();
      model.dispose();
      return;
    }
    // One step of Adam from fresh state on both sides, MSE on an unpadded batch (tf.layers does not mask losses).
    const x = inputFor(kind, false);
    const y = tf.tensor(randomArray(ours.size, 8), ours.shape);
    reference.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    await reference.trainOnBatch(x, y);
    const optimizer = tf.train.adam(0.01);
    trainStep(model, { input: x, targets: y }, { optimizer, loss: meanSquaredError });
    const after = reference.getWeights();
    const trained = model.weights;
    expect(trained.length).toBe(after.length);
    // Adam's first step moves each weight by about lr = 0.01; 1e-5 is a thousandth of that.
    trained.forEach((w, i) => expectClose(w, after[i], { atol: 1e-5 }));

    optimizer.dispose();
    tf.dispose([padded, ours, theirs, x, y]);
    (reference.optimizer as tf.Optimizer).dispose();
    reference.dispose();
    model.dispose();
  });

  it('keeps an export of rnnkit bit for bit: export → import gives the same weights', async () => {
    const original = new SequenceModel({
      input: { type: 'tokens', vocabSize: V },
      layers: [{ cell: 'gru', units: 4, bidirectional: 'concat', dropout: 0.2 }, { cell: 'lstm', units: 3, recurrentDropout: 0.1 }],
      output: { units: 2, activation: 'sigmoid' },
      outputMode: 'last',
      seed: 4,
    });
    const dir = path.join(root, 'round-trip');
    await exportLayersModel(original, dir, { metadata: { note: 'kept' } });
    const { model, metadata } = await importLayersModel(path.join(dir, 'model.json'));
    expect(model.config).toEqual({ ...original.config, seed: undefined, layers: [
      { cell: 'gru', units: 4, bidirectional: 'concat', dropout: 0.2, resetAfter: true },
      { cell: 'lstm', units: 3, recurrentDropout: 0.1 },
    ] });
    expect(metadata).toEqual({ note: 'kept' });
    original.weights.forEach((w, i) => expect(Array.from(model.weights[i].dataSync())).toEqual(Array.from(w.dataSync())));
    original.dispose();
    model.dispose();
  });
});
