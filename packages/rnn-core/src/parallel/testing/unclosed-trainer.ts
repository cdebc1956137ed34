// Run by a test as its own process: one step on two threads, and no close(). The process must still end when its
// work is done (the workers do not keep Node alive between steps).
import { createOptimizer, DataParallelTrainer, SequenceModel, sequenceReplica, sequenceReplicaSpec, tf } from '@rnnkit/rnn-core';

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const model = new SequenceModel({ input: { type: 'tokens', vocabSize: 4 }, layers: [{ cell: 'gru', units: 3 }], output: { units: 4 }, outputMode: 'sequence' });
  const losses = { loss: 'softmaxCrossEntropy' } as const;
  const trainer = await DataParallelTrainer.start({ threads: 2, replica: sequenceReplicaSpec(model, losses), local: sequenceReplica(model, losses), optimizer: createOptimizer({ name: 'sgd', learningRate: 0.1 }) });
  const ids = { data: Int32Array.from([0, 1, 2, 3, 3, 2, 1, 0]), shape: [2, 4] };
  const { loss } = await trainer.step({ input: ids, targets: ids });
  process.stdout.write(`stepped on ${trainer.threads} threads, loss ${loss.toFixed(3)}\n`);
}

void main();
