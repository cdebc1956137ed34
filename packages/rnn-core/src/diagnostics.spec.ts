import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { createRng } from '@rnnkit/common';
import { gradientNormsThroughTime } from './diagnostics';
import { softmaxCrossEntropy } from './losses';
import { SequenceModel } from './sequence-model';

/**
 * A long-dependency task: the class is the sign of the first step's first feature; 49 steps of noise follow.
 * The loss is taken at the end only, so ‖∂L/∂h_t‖ measures how much of the error signal reaches step t.
 */
function task(B: number, T: number, seed: number) {
  const random = createRng(seed);
  const x = new Float32Array(B * T * 4);
  const y = new Int32Array(B);
  for (let b = 0; b < B; b++) {
    y[b] = random.next() < 0.5 ? 1 : 0;
    for (let t = 0; t < T; t++) {
      for (let f = 0; f < 4; f++) x[(b * T + t) * 4 + f] = t === 0 && f === 0 ? (y[b] ? 1 : -1) : random.next() * 2 - 1;
    }
  }
  return { input: tf.tensor3d(x, [B, T, 4]), targets: tf.tensor1d(y, 'int32') };
}

function norms(cell: 'simpleRNN' | 'lstm', forgetBias?: number): number[] {
  const model = new SequenceModel({
    input: { type: 'features', size: 4 },
    layers: [{ cell, units: 32, forgetBias }],
    output: { units: 2 },
    outputMode: 'last',
    seed: 1,
  });
  const batch = task(16, 50, 2);
  const result = gradientNormsThroughTime(model, batch, softmaxCrossEntropy);
  tf.dispose(Object.values(batch));
  model.dispose();
  return result;
}

describe('gradient norms through time', () => {
  useBackend('wasm');

  it('vanish in a SimpleRNN but reach the first step of an LSTM whose forget gate is open', () => {
    const simple = norms('simpleRNN');
    const lstm = norms('lstm', 3);
    const reach = (n: number[]) => n[0] / n[n.length - 1];
    // Orthogonal recurrent weights are the SimpleRNN's best case, yet tanh′ < 1 at every step shrinks the signal
    // geometrically (about 4× every ten steps here): after 49 steps well under a thousandth is left. The LSTM's
    // cell path multiplies by the forget gate only (≈ σ(3) ≈ 0.95 here), so a large fraction survives.
    // Measured over seeds 1–3: SimpleRNN 2e-4…7e-4, LSTM 0.2…0.6, so the bounds below leave a wide margin.
    expect(reach(simple)).toBeLessThan(2e-3);
    expect(reach(lstm)).toBeGreaterThan(0.1);
    // The decay is steady: every ten steps back, the SimpleRNN's norm falls further.
    for (let t = 10; t < 50; t += 10) expect(simple[t - 10]).toBeLessThan(simple[t]);
  });

  it('explode in a SimpleRNN whose recurrent weights are doubled and whose inputs are small', () => {
    const model = new SequenceModel({ input: { type: 'features', size: 4 }, layers: [{ cell: 'simpleRNN', units: 32 }], output: { units: 2 }, outputMode: 'last', seed: 1 });
    const kernel = model.namedWeights.find((w) => w.name === 'layers/0/recurrent_kernel')!.variable;
    kernel.assign(tf.mul(kernel, 2));
    const noise = task(16, 50, 2);
    const batch = { input: tf.mul(noise.input, 0.01), targets: noise.targets };
    const n = gradientNormsThroughTime(model, batch, softmaxCrossEntropy);
    // Unsaturated tanh units pass the doubled weights' gain back at every step: measured 1e5 at step 0.
    expect(n[0] / n[49]).toBeGreaterThan(1e3);
    tf.dispose([...Object.values(noise), batch.input]);
    model.dispose();
  });

  it('the plain LSTM default (forget bias 1) still loses most of the signal over 50 steps', () => {
    // Why long dependencies need an open forget gate: σ(1) ≈ 0.73 per step compounds to almost nothing.
    const lstm = norms('lstm');
    expect(lstm[0] / lstm[49]).toBeLessThan(1e-3);
  });

  it('reports one finite norm per step, leaves the model unchanged and leaks nothing', async () => {
    const model = new SequenceModel({ input: { type: 'features', size: 4 }, layers: [{ cell: 'gru', units: 8 }], output: { units: 2 }, outputMode: 'last' });
    const batch = task(4, 7, 3);
    const before = model.weights.map((w) => Array.from(w.dataSync()));
    const result = await expectNoLeak(() => gradientNormsThroughTime(model, batch, softmaxCrossEntropy));
    expect(result).toHaveLength(7);
    expect(result.every((n) => Number.isFinite(n) && n > 0)).toBe(true);
    model.weights.forEach((w, k) => expect(Array.from(w.dataSync())).toEqual(before[k]));
    expect(() => gradientNormsThroughTime(model, batch, softmaxCrossEntropy, 3)).toThrow(/layer must be an index in \[0, 1\)/);
    tf.dispose(Object.values(batch));
    model.dispose();
  });
});
