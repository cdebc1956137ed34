import { expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { meanOfLossSum, meanSquaredError, meanSquaredErrorSum, softmaxCrossEntropy, softmaxCrossEntropySum } from '../losses';
import { SequenceModel } from '../sequence-model';
import { sequenceModelReplica, sequenceReplicaSpec } from './sequence-replica';

describe('losses in sum form', () => {
  useBackend('cpu');

  it('sum / count is the mean loss, and two halves of a batch add up to the whole', () => {
    tf.tidy(() => {
      const logits = tf.tensor3d(randomArray(4 * 3 * 5, 1, 2), [4, 3, 5]);
      const labels = tf.tensor2d([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1], [4, 3], 'int32');
      const mask = tf.tensor2d([1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0], [4, 3]);
      const whole = softmaxCrossEntropySum(logits, labels, mask);
      expect(whole.count).toBe(6);
      // float32 sums of a few values of order one: 1e-6.
      expectClose(meanOfLossSum(whole), softmaxCrossEntropy(logits, labels, mask), { atol: 1e-6 });
      const halves = [0, 2].map((r) => softmaxCrossEntropySum(tf.slice(logits, r, 2), tf.slice(labels, r, 2), tf.slice(mask, r, 2)));
      expect(halves.map((h) => h.count)).toEqual([4, 2]);
      expectClose(tf.add(halves[0].sum, halves[1].sum), whole.sum, { atol: 1e-6 });
      // An all-padding slice: sum 0 over count 0, and a mean of 0 rather than 0/0.
      const empty = softmaxCrossEntropySum(tf.slice(logits, 3, 1), tf.slice(labels, 3, 1), tf.slice(mask, 3, 1));
      expect(empty.count).toBe(0);
      expectClose(meanOfLossSum(empty), 0, { atol: 0 });
      const targets = tf.tensor3d(randomArray(60, 2), [4, 3, 5]);
      const mse = meanSquaredErrorSum(logits, targets);
      expect(mse.count).toBe(12);
      expectClose(meanOfLossSum(mse), meanSquaredError(logits, targets), { atol: 1e-6 });
    });
  });

  it('leave only their sum behind', async () => {
    const logits = tf.tensor3d(randomArray(30, 3), [2, 3, 5]);
    const labels = tf.tensor2d([0, 1, 2, 3, 4, 0], [2, 3], 'int32');
    const mask = tf.tensor2d([1, 1, 0, 1, 0, 0], [2, 3]);
    await expectNoLeak(() => softmaxCrossEntropySum(logits, labels, mask).sum);
    await expectNoLeak(() => meanSquaredErrorSum(logits, logits, mask).sum);
    tf.dispose([logits, labels, mask]);
  });

  it('a worker replica built from a spec has the model\'s variables in order and shape, and refuses unknown losses', () => {
    const model = new SequenceModel({ input: { type: 'features', size: 2 }, layers: [{ cell: 'lstm', units: 3, bidirectional: 'concat' }], output: { units: 2 }, outputMode: 'last' });
    const spec = sequenceReplicaSpec(model, { loss: 'meanSquaredError' });
    const replica = sequenceModelReplica(structuredClone(spec.config) as Parameters<typeof sequenceModelReplica>[0]);
    expect(replica.variables.map((v) => v.shape)).toEqual(model.weights.map((v) => v.shape));
    replica.dispose?.();
    model.dispose();
    expect(() => sequenceReplicaSpec(model, { loss: 'ctc' as never })).toThrow(/unknown loss "ctc"/);
  });

  it('each worker draws its own dropout masks (the same seed everywhere would repeat the first slice\'s masks)', () => {
    const lossOf = (dropout: number, index: number) => {
      const config = { input: { type: 'features' as const, size: 3 }, layers: [{ cell: 'gru' as const, units: 4, dropout }], output: { units: 2 }, outputMode: 'sequence' as const, seed: 2 };
      const replica = sequenceModelReplica({ model: config, loss: 'meanSquaredError' }, { index, count: 2 });
      const reference = new SequenceModel(config);
      replica.variables.forEach((v, i) => v.assign(reference.weights[i]));
      const batch = { input: { data: randomArray(2 * 5 * 3, 4), shape: [2, 5, 3] }, targets: { data: randomArray(2 * 5 * 2, 5), shape: [2, 5, 2] } };
      const value = tf.tidy(() => replica.lossSum(batch).sum.dataSync()[0]);
      replica.dispose?.();
      reference.dispose();
      return value;
    };
    expect(lossOf(0, 0)).toBe(lossOf(0, 1));
    expect(lossOf(0.5, 0)).not.toBe(lossOf(0.5, 1));
  });
});
