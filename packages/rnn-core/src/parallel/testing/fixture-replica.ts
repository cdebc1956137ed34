// A replica module for the data-parallel tests: a plain sequence replica that also counts how many times a
// replica was built (in a SharedArrayBuffer the test passes in) and misbehaves on request — a row whose `fault`
// entry is 'exit' ends the worker thread mid-step, 'throw' throws from the loss, 'stall' blocks for 30 s.
import type { Replica, ReplicaWorker } from '../replica';
import { sequenceModelReplica, type SequenceArrayBatch, type SequenceReplicaConfig } from '../sequence-replica';

export interface FixtureConfig extends SequenceReplicaConfig {
  /** Int32Array view [0]: replicas built so far. */
  built: SharedArrayBuffer;
}

export function fixtureReplica(config: FixtureConfig, worker: ReplicaWorker): Replica<SequenceArrayBatch> {
  Atomics.add(new Int32Array(config.built), 0, 1);
  const inner = sequenceModelReplica(config, worker);
  return {
    ...inner,
    lossSum(batch) {
      const faults = (batch.fault ?? []) as string[];
      if (faults.includes('exit')) process.exit(7);
      if (faults.includes('throw')) throw new Error('a poisoned row');
      if (faults.includes('stall')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
      return inner.lossSum(batch);
    },
  };
}
