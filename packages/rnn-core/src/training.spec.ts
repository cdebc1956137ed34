import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { clipByGlobalNorm, clipByValue, globalNorm } from './clipping';
import { meanSquaredError, softmaxCrossEntropy } from './losses';
import { cosineDecay, createOptimizer, exponentialDecay, setLearningRate, stepDecay } from './optimizers';
import { SequenceModel, SequenceModelConfig } from './sequence-model';
import { evaluateLoss, trainStep } from './train-step';

const config: SequenceModelConfig = {
  input: { type: 'features', size: 3 },
  layers: [{ cell: 'lstm', units: 6 }, { cell: 'gru', units: 5, bidirectional: 'concat' }],
  output: { units: 4 },
  outputMode: 'sequence',
  seed: 7,
};

function snapshot(model: SequenceModel): Float32Array[] {
  return model.weights.map((w) => (w.dataSync() as Float32Array).slice());
}

describe('losses', () => {
  useBackend('cpu');

  it('softmax cross-entropy equals −log softmax at the label, averaged over unmasked positions', () => {
    const logits = [[[1, 2, 0], [0, 0, 3]], [[2, -1, 0], [5, 5, 5]]];
    const labels = [[1, 2], [0, 1]];
    const mask = [[1, 1], [1, 0]];
    const nll = (row: number[], k: number) => Math.log(row.reduce((s, v) => s + Math.exp(v), 0)) - row[k];
    const expected = (nll(logits[0][0], 1) + nll(logits[0][1], 2) + nll(logits[1][0], 0)) / 3;
    tf.tidy(() => {
      const loss = softmaxCrossEntropy(tf.tensor3d(logits), tf.tensor2d(labels, undefined, 'int32'), tf.tensor2d(mask));
      expectClose(loss, expected, { atol: 1e-6 });
    });
  });

  it('masked positions receive no gradient', () => {
    tf.tidy(() => {
      const logits = tf.tensor3d(randomArray(12, 1), [2, 2, 3]);
      const labels = tf.tensor2d([[0, 1], [2, 0]], undefined, 'int32');
      const g = tf.grad((l: tf.Tensor) => softmaxCrossEntropy(l, labels, tf.tensor2d([[1, 0], [1, 1]])))(logits);
      expectClose(tf.slice(g, [0, 1, 0], [1, 1, 3]), tf.zeros([1, 1, 3]));
      const mse = tf.grad((p: tf.Tensor) => meanSquaredError(p, tf.zeros([2, 2, 3]), tf.tensor2d([[0, 1], [1, 1]])))(logits);
      expectClose(tf.slice(mse, [0, 0, 0], [1, 1, 3]), tf.zeros([1, 1, 3]));
    });
  });

  it('rejects mismatched shapes', () => {
    expect(() => softmaxCrossEntropy(tf.zeros([2, 3]), tf.zeros([3]))).toThrow(/expected one per position/);
    expect(() => meanSquaredError(tf.zeros([2, 3]), tf.zeros([3, 2]))).toThrow(/differ in shape/);
  });
});

describe('clipping and schedules', () => {
  useBackend('cpu');

  it('global-norm clipping keeps the direction and bounds the joint norm', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
    expect(globalNorm(grads)).toBeCloseTo(5, 6);
    const { grads: clipped, norm } = clipByGlobalNorm(grads, 1);
    expect(norm).toBeCloseTo(5, 6);
    expectClose(clipped.a, [0.6, 0], { atol: 1e-6 });
    expectClose(clipped.b, [0, 0.8], { atol: 1e-6 });
    const untouched = clipByGlobalNorm(grads, 10);
    expectClose(untouched.grads.a, [3, 0]);
    expectClose(clipByValue(grads, 2).b, [0, 2]);
    tf.dispose([...Object.values(grads), ...Object.values(clipped), ...Object.values(untouched.grads)]);
    expect(() => clipByGlobalNorm({}, 0)).toThrow(/maxNorm must be positive/);
  });

  it('schedules follow their formulas', () => {
    expect(stepDecay(1, 0.5, 10)(25)).toBeCloseTo(0.25);
    expect(exponentialDecay(1, 0.1, 100)(50)).toBeCloseTo(Math.sqrt(0.1));
    const cosine = cosineDecay(1, 110, { warmupSteps: 10, minimum: 0.1 });
    expect(cosine(0)).toBeCloseTo(0.1);
    expect(cosine(9)).toBeCloseTo(1);
    expect(cosine(60)).toBeCloseTo(0.55);
    expect(cosine(500)).toBeCloseTo(0.1);
  });
});

describe.each(BACKENDS_UNDER_TEST)('trainStep on %s', (backend) => {
  useBackend(backend);
  const batch = () => ({
    input: tf.tensor3d(randomArray(2 * 5 * 3, 1), [2, 5, 3]),
    targets: tf.tensor2d([[0, 1, 2, 3, 0], [1, 1, 2, 2, 3]], undefined, 'int32'),
    mask: tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]),
  });

  it('lowers the loss and reports the pre-clipping gradient norm', () => {
    const model = new SequenceModel(config);
    const b = batch();
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.05 });
    const before = evaluateLoss(model, b, softmaxCrossEntropy);
    const first = trainStep(model, b, { optimizer, loss: softmaxCrossEntropy, clipNorm: 0.1 });
    expect(first.loss).toBeCloseTo(before, 5);
    expect(first.gradientNorm).toBeGreaterThan(0.1); // so clipping was active
    for (let i = 0; i < 30; i++) trainStep(model, b, { optimizer, loss: softmaxCrossEntropy, clipNorm: 0.1 });
    expect(evaluateLoss(model, b, softmaxCrossEntropy)).toBeLessThan(before / 2);
    tf.dispose(Object.values(b));
    model.dispose();
  });

  it('clipping bounds the update: with SGD at rate 1, the weights move by exactly the clipped norm', () => {
    const model = new SequenceModel(config);
    const b = batch();
    const before = snapshot(model);
    const result = trainStep(model, b, { optimizer: createOptimizer({ name: 'sgd', learningRate: 1 }), loss: softmaxCrossEntropy, clipNorm: 0.1 });
    const after = snapshot(model);
    let moved = 0;
    before.forEach((w, k) => w.forEach((v, i) => (moved += (after[k][i] - v) ** 2)));
    expect(result.gradientNorm).toBeGreaterThan(0.1);
    expect(Math.sqrt(moved)).toBeCloseTo(0.1, 4);
    tf.dispose(Object.values(b));
    model.dispose();
  });

  it('skips an update whose gradients hold NaN, leaving the weights untouched, and says so', () => {
    const model = new SequenceModel(config);
    const b = batch();
    const poisoned = { ...b, input: tf.tensor3d([NaN, ...randomArray(29, 2)], [2, 5, 3]) };
    const before = snapshot(model);
    const result = trainStep(model, poisoned, { optimizer: createOptimizer({ name: 'adam', learningRate: 0.1 }), loss: softmaxCrossEntropy });
    expect(result.skipped).toBe(true);
    expect(Number.isNaN(result.loss) || Number.isNaN(result.gradientNorm)).toBe(true);
    snapshot(model).forEach((w, k) => expect(Array.from(w)).toEqual(Array.from(before[k])));
    tf.dispose([...Object.values(b), poisoned.input]);
    model.dispose();
  });

  it('truncated BPTT: windows with a carried state give the same outputs as one pass over the whole sequence', () => {
    const model = new SequenceModel({ ...config, layers: [{ cell: 'lstm', units: 6 }, { cell: 'gru', units: 5 }] });
    const whole = tf.tensor3d(randomArray(2 * 9 * 3, 3), [2, 9, 3]);
    const full = model.predict(whole);
    const windows = [tf.slice(whole, [0, 0, 0], [2, 4, 3]), tf.slice(whole, [0, 4, 0], [2, 3, 3]), tf.slice(whole, [0, 7, 0], [2, 2, 3])];
    const pieces = windows.map((w) => model.applyCarryingState(w));
    expectClose(tf.concat(pieces, 1), full, { atol: 1e-5 });
    model.resetStates();
    const restarted = model.applyCarryingState(windows[0]);
    expectClose(restarted, pieces[0], { atol: 1e-6 });
    model.resetStates();
    tf.dispose([whole, full, restarted, ...windows, ...pieces]);
    model.dispose();
  });

  it('truncated BPTT: gradients stop at the window boundary', () => {
    const model = new SequenceModel({ ...config, layers: [{ cell: 'gru', units: 4 }] });
    const first = tf.tensor3d(randomArray(2 * 4 * 3, 4), [2, 4, 3]);
    const second = tf.tensor3d(randomArray(2 * 4 * 3, 5), [2, 4, 3]);
    // In one gradient tape: if the state carried into window 2 were linked to window 1, window 2's outputs
    // would add to ∂L/∂(window-1 input). Truncation means they add nothing.
    const gradOfFirst = (withSecond: boolean) =>
      tf.tidy(() =>
        tf.grad((x: tf.Tensor) => {
          model.resetStates();
          const out1 = model.applyCarryingState(x);
          const loss = tf.sum(out1);
          return withSecond ? tf.add(loss, tf.sum(model.applyCarryingState(second))) : loss;
        })(first),
      );
    const alone = gradOfFirst(false);
    const both = gradOfFirst(true);
    expectClose(both, alone, { atol: 1e-7 });
    expect(tf.tidy(() => tf.sum(tf.abs(alone)).dataSync()[0])).toBeGreaterThan(0);
    model.resetStates();
    tf.dispose([first, second, alone, both]);
    model.dispose();
  });

  it('leaves no tensor behind across train, evaluate and carried-state steps', async () => {
    const model = new SequenceModel(config);
    const b = batch();
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.01 });
    trainStep(model, b, { optimizer, loss: softmaxCrossEntropy }); // creates the optimizer's slots once
    await expectNoLeak(() => {
      trainStep(model, b, { optimizer, loss: softmaxCrossEntropy, clipNorm: 1, clipValue: 0.5 });
      evaluateLoss(model, b, softmaxCrossEntropy);
    });
    trainStep(model, b, { optimizer, loss: softmaxCrossEntropy, carryState: true });
    await expectNoLeak(() => trainStep(model, b, { optimizer, loss: softmaxCrossEntropy, carryState: true }));
    setLearningRate(optimizer, 0.001);
    expect((optimizer as unknown as { learningRate: number }).learningRate).toBe(0.001);
    tf.dispose(Object.values(b));
    model.dispose();
  });
});
