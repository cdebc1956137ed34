import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { createOptimizer } from './optimizers';
import { trainStep } from './train-step';

// trainStep on plain variables and a loss closure, checked against updates worked out by hand: for
// L = Σ (a ⊙ w − t)² the gradient is 2a ⊙ (a ⊙ w − t), and one SGD step with rate η is w − η·∇L.
describe('trainStep on variables and a loss', () => {
  useBackend('cpu');
  const a = [1, -2, 0.5];
  const t = [0.5, 1, -1];
  const w0 = [0.3, 0.2, -0.4];
  const grad = w0.map((w, i) => 2 * a[i] * (a[i] * w - t[i]));
  const norm = Math.hypot(...grad);
  const lossOf = (w: tf.Variable) => () =>
    tf.tidy(() => tf.sum(tf.square(tf.sub(tf.mul(tf.tensor1d(a), w), tf.tensor1d(t)))) as tf.Scalar);

  it('applies one SGD update and reports the loss and the gradient norm', () => {
    const w = tf.variable(tf.tensor1d(w0));
    const result = trainStep([w], lossOf(w), { optimizer: createOptimizer({ name: 'sgd', learningRate: 0.1 }) });
    // float32 arithmetic on values of order one: 1e-6.
    expect(result.loss).toBeCloseTo(w0.reduce((s, v, i) => s + (a[i] * v - t[i]) ** 2, 0), 5);
    expect(result.gradientNorm).toBeCloseTo(norm, 5);
    expect(result.skipped).toBe(false);
    expectClose(w, new Float32Array(w0.map((v, i) => v - 0.1 * grad[i])), { atol: 1e-6 });
    w.dispose();
  });

  it('clips to the global norm, reporting the norm before clipping', () => {
    const w = tf.variable(tf.tensor1d(w0));
    const result = trainStep([w], lossOf(w), { optimizer: createOptimizer({ name: 'sgd', learningRate: 1 }), clipNorm: 0.5 });
    expect(result.gradientNorm).toBeCloseTo(norm, 5);
    expectClose(w, new Float32Array(w0.map((v, i) => v - (0.5 * grad[i]) / norm)), { atol: 1e-6 });
    w.dispose();
  });

  it('skips an update whose loss is not finite and leaves the variables as they were', () => {
    const w = tf.variable(tf.tensor1d(w0));
    const poisoned = () => tf.tidy(() => tf.mul(tf.sum(w), tf.scalar(Number.NaN)) as tf.Scalar);
    const result = trainStep([w], poisoned, { optimizer: createOptimizer({ name: 'sgd', learningRate: 1 }) });
    expect(result.skipped).toBe(true);
    expectClose(w, new Float32Array(w0), { atol: 0 });
    w.dispose();
  });

  it('refuses an empty variable list', () => {
    expect(() => trainStep([], () => tf.scalar(0), { optimizer: createOptimizer({ name: 'sgd', learningRate: 1 }) })).toThrow(
      /no variables/,
    );
  });

  it('leaves no tensor behind', async () => {
    const w = tf.variable(tf.tensor1d(w0));
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.1 });
    trainStep([w], lossOf(w), { optimizer }); // creates the optimizer's slots once
    await expectNoLeak(() => trainStep([w], lossOf(w), { optimizer, clipNorm: 1, clipValue: 0.5 }));
    optimizer.dispose();
    w.dispose();
  });
});
