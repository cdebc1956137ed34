import { tf } from '@rnnkit/rnn-core';
import { BACKENDS_UNDER_TEST, centralDifferences, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { Attention, maskedSoftmax } from './attention';
import type { AttentionScore } from './seq2seq-config';

const B = 2;
const Tq = 3;
const Te = 4;
const H = 5; // query features
const K = 6; // memory features
const A = 4; // additive hidden size
// Sequence 0 uses all 4 memory steps, sequence 1 only the first 2.
const MASK = [1, 1, 1, 1, 1, 1, 0, 0];

/** Plain-JS attention straight from the definitions, in float64: the independent reference. */
function reference(attention: Attention, query: Float32Array, memory: Float32Array) {
  const W = attention.memoryKernel.dataSync();
  const cols = attention.memoryKernel.shape[1] as number;
  const key = (b: number, s: number, j: number) => {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += memory[(b * Te + s) * K + k] * W[k * cols + j];
    return sum;
  };
  const score = (b: number, t: number, s: number): number => {
    const q = (h: number) => query[(b * Tq + t) * H + h];
    if (attention.config.score === 'multiplicative') {
      let sum = 0;
      for (let h = 0; h < H; h++) sum += q(h) * key(b, s, h);
      return sum;
    }
    const W2 = (attention.queryKernel as tf.Variable).dataSync();
    const v = (attention.scoreVector as tf.Variable).dataSync();
    let sum = 0;
    for (let a = 0; a < A; a++) {
      let pre = key(b, s, a);
      for (let h = 0; h < H; h++) pre += q(h) * W2[h * A + a];
      sum += v[a] * Math.tanh(pre);
    }
    return sum;
  };
  const weights = new Float64Array(B * Tq * Te);
  const context = new Float64Array(B * Tq * K);
  for (let b = 0; b < B; b++) {
    const real = MASK.slice(b * Te, (b + 1) * Te).reduce((n, m) => n + m, 0);
    for (let t = 0; t < Tq; t++) {
      const scores = Array.from({ length: real }, (_, s) => score(b, t, s));
      const max = Math.max(...scores);
      const exps = scores.map((x) => Math.exp(x - max));
      const total = exps.reduce((x, y) => x + y, 0);
      exps.forEach((e, s) => {
        weights[(b * Tq + t) * Te + s] = e / total;
        for (let k = 0; k < K; k++) context[(b * Tq + t) * K + k] += (e / total) * memory[(b * Te + s) * K + k];
      });
    }
  }
  return { weights, context };
}

describe.each(BACKENDS_UNDER_TEST)('attention on %s', (backend) => {
  useBackend(backend);

  describe.each(['multiplicative', 'additive'] as const)('%s score', (score: AttentionScore) => {
    const make = () => new Attention({ score, querySize: H, memorySize: K, units: A, seed: 3 });
    const query = randomArray(B * Tq * H, 1);
    const memory = randomArray(B * Te * K, 2);

    it('gives the weights and contexts of the definition (plain-JS float64 reference, atol 1e-5)', async () => {
      const attention = make();
      const expected = reference(attention, query, memory);
      await expectNoLeak(() =>
        tf.tidy(() => {
          const m = tf.tensor3d(memory, [B, Te, K]);
          const { context, weights } = attention.attend(tf.tensor3d(query, [B, Tq, H]), attention.keys(m), m, tf.tensor2d(MASK, [B, Te]));
          expect(weights.shape).toEqual([B, Tq, Te]);
          expect(context.shape).toEqual([B, Tq, K]);
          // float32 sums of a few products of values ≤ 1: errors of order 1e-7, far inside 1e-5.
          expectClose(weights.dataSync(), expected.weights, { atol: 1e-5 });
          expectClose(context.dataSync(), expected.context, { atol: 1e-5 });
        }),
      );
      attention.dispose();
    });

    it('weights sum to 1 over the real steps, are exactly 0 on padding, and padding content changes nothing', () => {
      const attention = make();
      tf.tidy(() => {
        const mask = tf.tensor2d(MASK, [B, Te]);
        const run = (values: Float32Array) => {
          const m = tf.tensor3d(values, [B, Te, K]);
          return attention.attend(tf.tensor3d(query, [B, Tq, H]), attention.keys(m), m, mask);
        };
        const clean = run(memory);
        const w = clean.weights.arraySync();
        for (const row of w.flat()) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
        for (const row of w[1]) expect(row.slice(2)).toEqual([0, 0]);
        // Garbage (large values) in sequence 1's padded steps must not move anything.
        const noisy = memory.slice();
        for (let s = 2; s < Te; s++) for (let k = 0; k < K; k++) noisy[(Te + s) * K + k] = 50 * Math.sin(s * 7 + k);
        const other = run(noisy);
        expectClose(other.weights, clean.weights, { atol: 0 });
        expectClose(other.context, clean.context, { atol: 0 });
      });
      attention.dispose();
    });

    it('has gradients equal to central finite differences for the query, the memory and every weight', () => {
      const attention = make();
      const q = query.slice();
      const m = memory.slice();
      // A fixed random projection of the context makes a scalar loss that depends on every output.
      const probe = tf.tensor3d(randomArray(B * Tq * K, 9), [B, Tq, K]);
      const mask = tf.tensor2d(MASK, [B, Te]);
      const lossOf = (qT: tf.Tensor, mT: tf.Tensor) =>
        tf.tidy(() => {
          const m3 = mT as tf.Tensor3D;
          const { context } = attention.attend(qT as tf.Tensor3D, attention.keys(m3), m3, mask);
          return tf.sum(tf.mul(context, probe)) as tf.Scalar;
        });
      const value = () => tf.tidy(() => lossOf(tf.tensor3d(q, [B, Tq, H]), tf.tensor3d(m, [B, Te, K])).dataSync()[0]);
      const [dq, dm] = tf.grads(lossOf)([tf.tensor3d(q, [B, Tq, H]), tf.tensor3d(m, [B, Te, K])]);
      // eps 1e-2 on float32 values of order 1: rounding ~1e-5, truncation ~1e-4·|f'''|; atol 2e-3 covers both.
      expectClose(dq.dataSync(), centralDifferences(value, q, 1e-2), { atol: 2e-3 });
      expectClose(dm.dataSync(), centralDifferences(value, m, 1e-2), { atol: 2e-3 });
      const { grads } = tf.variableGrads(() => lossOf(tf.tensor3d(q, [B, Tq, H]), tf.tensor3d(m, [B, Te, K])), attention.weights);
      for (const w of attention.weights) {
        const values = w.dataSync().slice() as Float32Array;
        const numeric = centralDifferences(() => {
          tf.tidy(() => w.assign(tf.tensor(values, w.shape)));
          return value();
        }, values, 1e-2);
        tf.tidy(() => w.assign(tf.tensor(values, w.shape)));
        expectClose(grads[w.name].dataSync(), numeric, { atol: 2e-3 });
      }
      tf.dispose([dq, dm, probe, mask, ...Object.values(grads)]);
      attention.dispose();
    });
  });

  it('maskedSoftmax gives equal weights (not NaN) to a row that is all padding, and refuses a mask of the wrong shape', () => {
    tf.tidy(() => {
      const w = maskedSoftmax(tf.tensor3d([1, 2, 3], [1, 1, 3]), tf.tensor2d([0, 0, 0], [1, 3]));
      expectClose(w.dataSync(), [1 / 3, 1 / 3, 1 / 3], { atol: 1e-6 });
      expect(() => maskedSoftmax(tf.tensor3d([1, 2, 3], [1, 1, 3]), tf.tensor2d([1, 1], [1, 2]))).toThrow(/mask has shape \[1,2\], expected \[1,3\]/);
    });
  });
});
