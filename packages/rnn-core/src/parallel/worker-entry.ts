/**
 * A training worker on a Node worker thread: {@link serveSteps} with the replica factory loaded by `require` from
 * the spec's module, and rnn-core's backend choice.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '../backend';
import type { BackendName } from '../backend-choice';
import type { Replica, ReplicaFactory, ReplicaSpec, ReplicaWorker } from './replica';
import type { StepRequest, WorkerInit, WorkerReply } from './worker-protocol';
import { serveSteps } from './worker-loop';

async function buildReplica(spec: ReplicaSpec, worker: ReplicaWorker): Promise<Replica> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(spec.module) as Record<string, unknown>;
  const factory = exported[spec.exportName ?? 'default'];
  if (typeof factory !== 'function') throw new Error(`replica module ${spec.module} has no function export "${spec.exportName ?? 'default'}"`);
  return (factory as ReplicaFactory)(spec.config, worker);
}

if (parentPort) {
  const port = parentPort;
  void serveSteps(workerData as WorkerInit, {
    reply: (message: WorkerReply) => port.postMessage(message),
    onRequest: (handler) => port.on('message', (request: StepRequest) => handler(request)),
    startBackend: async (name) => {
      await selectBackend({ backend: name as BackendName, log: null });
    },
    buildReplica,
  });
}
