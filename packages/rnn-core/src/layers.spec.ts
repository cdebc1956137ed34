import * as tfl from '@tensorflow/tfjs-layers';
import { BACKENDS_UNDER_TEST, centralDifferences, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { Bidirectional } from './bidirectional';
import { Dense } from './dense';
import { Embedding } from './embedding';
import { RecurrentLayer } from './recurrent-layer';

const B = 3;
const T = 6;
const I = 4;
const H = 5;

const ZERO_INIT = { kernelInitializer: 'zeros', recurrentInitializer: 'zeros' } as const;

/** Builds a tf.layers layer by calling it once, then gives it our weights: the Keras layout is shared. */
function withWeights<L extends tfl.layers.Layer>(ref: L, weights: tf.Variable[], input: tf.Tensor): L {
  tf.dispose(ref.apply(input) as tf.Tensor[]);
  ref.setWeights(weights.map((w) => w.clone()));
  return ref;
}

function tfLayersRnn(cell: 'simpleRNN' | 'lstm' | 'gru', layer: RecurrentLayer) {
  // Zero initialisers: tf.layers' orthogonal one needs chained ops that tfjs-core's CommonJS build lacks, and
  // the weights are overwritten anyway.
  const args = { units: H, returnSequences: true, returnState: true, inputShape: [T, I], ...ZERO_INIT };
  const rnn =
    cell === 'lstm' ? tfl.layers.lstm({ ...args, recurrentActivation: 'sigmoid' })
    : cell === 'gru' ? tfl.layers.gru({ ...args, recurrentActivation: 'sigmoid' })
    : tfl.layers.simpleRNN(args);
  return rnn;
}

describe.each(BACKENDS_UNDER_TEST)('layers on %s', (backend) => {
  useBackend(backend);
  const x = () => tf.tensor3d(randomArray(B * T * I, 7), [B, T, I]);

  it.each(['simpleRNN', 'lstm', 'gru'] as const)('%s outputs and final states equal tf.layers given the same weights', (cell) => {
    const layer = new RecurrentLayer({ cell, units: H, inputSize: I, seed: 3, resetAfter: false });
    const input = x();
    const ref = withWeights(tfLayersRnn(cell, layer), layer.weights, input);
    tf.tidy(() => {
      const ours = layer.apply(input);
      const theirs = ref.apply(input) as tf.Tensor[];
      // Same float32 arithmetic, different association order: within 1e-5 as the issue asks.
      expectClose(ours.outputs, theirs[0], { atol: 1e-5 });
      ours.states.forEach((s, k) => expectClose(s, theirs[k + 1], { atol: 1e-5 }));
    });
    ref.dispose();
    layer.dispose();
    input.dispose();
  });

  it.each(['concat', 'sum', 'ave'] as const)('bidirectional (%s) equals tf.layers.bidirectional', (mergeMode) => {
    const bi = new Bidirectional({ cell: 'lstm', units: H, inputSize: I, seed: 5, mergeMode });
    const ref = tfl.layers.bidirectional({
      layer: tfl.layers.lstm({ units: H, returnSequences: true, recurrentActivation: 'sigmoid', ...ZERO_INIT }) as tfl.RNN,
      mergeMode,
      inputShape: [T, I],
    });
    const input = x();
    withWeights(ref, bi.weights, input);
    tf.tidy(() => {
      expectClose(bi.apply(input).outputs, ref.apply(input) as tf.Tensor, { atol: 1e-5 });
    });
    ref.dispose();
    bi.dispose();
    input.dispose();
  });

  it.each(['simpleRNN', 'lstm', 'gru'] as const)('%s weight gradients agree with central finite differences', (cell) => {
    const layer = new RecurrentLayer({ cell, units: 3, inputSize: 2, seed: 9 });
    const input = tf.tensor3d(randomArray(2 * 4 * 2, 4), [2, 4, 2]);
    const target = tf.tensor3d(randomArray(2 * 4 * 3, 5), [2, 4, 3]);
    const loss = () => tf.tidy(() => tf.sum(tf.mul(layer.apply(input).outputs, target)) as tf.Scalar);
    const { grads } = tf.variableGrads(loss, layer.weights);
    for (const w of layer.weights) {
      const values = w.dataSync().slice() as Float32Array;
      const f = () => {
        w.assign(tf.tensor(values, w.shape));
        return loss().dataSync()[0];
      };
      // eps 1e-2 in float32: truncation O(eps²) ≈ 1e-4 and rounding ≈ 1e-7/eps ≈ 1e-5, so 2e-3 absolute is safe.
      const numeric = centralDifferences(f, values, 1e-2);
      f();
      expectClose(grads[w.name], numeric, { atol: 2e-3 });
    }
    tf.dispose([input, target, ...Object.values(grads)]);
    layer.dispose();
  });

  it('input dropout uses one mask per sequence at every step, and none at inference', () => {
    // A SimpleRNN with an identity kernel, no recurrence and no bias: h_t = tanh(mask ⊙ x_t) exposes the mask.
    const layer = new RecurrentLayer({ cell: 'simpleRNN', units: 4, inputSize: 4, dropout: 0.5, seed: 2 });
    layer.kernel.assign(tf.eye(4));
    layer.recurrentKernel.assign(tf.zeros([4, 4]));
    const input = tf.ones([8, T, 4]) as tf.Tensor3D;
    const out = layer.apply(input, { training: true }).outputs.arraySync() as number[][][];
    let dropped = 0;
    for (const seq of out) {
      const zeros = seq[0].map((v) => v === 0);
      dropped += zeros.filter(Boolean).length;
      for (const step of seq) expect(step.map((v) => v === 0)).toEqual(zeros);
    }
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(32);
    const inference = layer.apply(input).outputs;
    expectClose(inference, tf.fill([8, T, 4], Math.tanh(1)), { atol: 1e-6 });
    layer.dispose();
  });

  it('embedding lookups equal a one-hot product, and so do their gradients (wasm lacks gather gradients)', () => {
    const emb = new Embedding({ vocabSize: 6, size: 3, seed: 1 });
    const ids = tf.tensor2d([[0, 5, 2], [2, 2, 1]], [2, 3], 'int32');
    const upstream = tf.tensor3d(randomArray(18, 3), [2, 3, 3]);
    tf.tidy(() => {
      const viaOneHot = (t: tf.Tensor) => tf.reshape(tf.matMul(tf.reshape(tf.oneHot(ids, 6), [6, 6]) as tf.Tensor2D, t as tf.Tensor2D), [2, 3, 3]);
      expectClose(emb.apply(ids), viaOneHot(emb.table), { atol: 1e-7 });
      const ours = tf.grad((t) => tf.sum(tf.mul(emb.apply.call({ table: t }, ids), upstream)))(emb.table);
      const ref = tf.grad((t) => tf.sum(tf.mul(viaOneHot(t), upstream)))(emb.table);
      expectClose(ours, ref, { atol: 1e-6 });
    });
    expect(() => emb.apply(tf.tensor1d([6], 'int32'))).toThrow(/outside \[0, 6\)/);
    emb.dispose();
  });

  it('dense applies to the last axis of a sequence', () => {
    const dense = new Dense({ inputSize: I, units: 2, activation: 'tanh', seed: 4 });
    tf.tidy(() => {
      const input = x();
      const perStep = tf.stack(tf.unstack(input, 1).map((s) => tf.tanh(tf.add(tf.matMul(s, dense.kernel), dense.bias))), 1);
      expectClose(dense.apply(input), perStep, { atol: 1e-6 });
    });
    dense.dispose();
  });

  it('leave no tensor behind', async () => {
    const layer = new RecurrentLayer({ cell: 'gru', units: H, inputSize: I, dropout: 0.2, recurrentDropout: 0.2 });
    const bi = new Bidirectional({ cell: 'lstm', units: H, inputSize: I });
    const input = x();
    await expectNoLeak(() => tf.dispose(Object.values(layer.apply(input, { training: true })).flat()));
    await expectNoLeak(() => tf.dispose(Object.values(bi.apply(input, { mask: new Float32Array(B * T).fill(1) })).flat()));
    await expectNoLeak(() => {
      const { value, grads } = tf.variableGrads(() => tf.sum(bi.apply(input, { training: true }).outputs) as tf.Scalar);
      tf.dispose([value, ...Object.values(grads)]);
    });
    tf.dispose(input);
    layer.dispose();
    bi.dispose();
  });

  it('rejects bad arguments clearly', () => {
    expect(() => new RecurrentLayer({ cell: 'lstm', units: 0, inputSize: 2 })).toThrow(/units must be a positive integer/);
    expect(() => new RecurrentLayer({ cell: 'lstm', units: 2, inputSize: 2, dropout: 1 })).toThrow(/dropout must be a number in \[0, 1\)/);
    expect(() => new RecurrentLayer({ cell: 'rnn' as never, units: 2, inputSize: 2 })).toThrow(/cell must be/);
    const layer = new RecurrentLayer({ cell: 'lstm', units: 2, inputSize: 2 });
    expect(() => layer.apply(tf.zeros([1, 2, 3]) as tf.Tensor3D)).toThrow(/expects 2 input features, got 3/);
    layer.dispose();
  });
});
