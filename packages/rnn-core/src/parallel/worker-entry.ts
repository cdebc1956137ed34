/**
 * A training worker: builds its replica once, then for each step request reads the shared weights, computes the
 * gradients of its slice's summed loss, writes them into its region of the shared gradients and replies with the
 * sum and its normaliser. Errors are replied as one line; the main thread decides what they mean.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RnnkitError } from '@rnnkit/common';
import { tf } from '../tfjs';
import { selectBackend } from '../backend';
import type { BackendName } from '../backend-choice';
import { parameterLayout, readVariables, writeGradients } from './flat-parameters';
import type { Replica, ReplicaFactory, ReplicaSpec, ReplicaWorker } from './replica';
import type { StepRequest, WorkerInit, WorkerReply } from './worker-protocol';

async function buildReplica(spec: ReplicaSpec, worker: ReplicaWorker): Promise<Replica> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(spec.module) as Record<string, unknown>;
  const factory = exported[spec.exportName ?? 'default'];
  if (typeof factory !== 'function') throw new Error(`replica module ${spec.module} has no function export "${spec.exportName ?? 'default'}"`);
  return (factory as ReplicaFactory)(spec.config, worker);
}

/** An error as a reply: its message, and its code when it is an RnnkitError's (bad input stays bad input). */
function failure(err: unknown): WorkerReply {
  const code = err instanceof RnnkitError ? String(err.code) : undefined;
  return { type: 'failed', message: err instanceof Error ? err.message : String(err), code };
}

async function main(port: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  const reply = (message: WorkerReply) => port.postMessage(message);
  let replica: Replica;
  try {
    // The main thread has already said what a user needs to hear (e.g. tfjs's "install tfjs-node" notice).
    tf.env().set('PROD', true);
    try {
      await selectBackend({ backend: init.backend as BackendName, log: null });
    } catch (err) {
      // Not every backend loads in a worker thread (a native addon may not); the main thread decides what to do.
      throw new RnnkitError('BACKEND_UNAVAILABLE', err instanceof Error ? err.message : String(err));
    }
    replica = await buildReplica(init.replica, { index: init.slot, count: init.workers });
    const shapes = replica.variables.map((v) => v.shape);
    if (JSON.stringify(shapes) !== JSON.stringify(init.shapes)) {
      throw new Error(`the replica's variables have shapes ${JSON.stringify(shapes)}; the main thread's are ${JSON.stringify(init.shapes)}`);
    }
  } catch (err) {
    reply(failure(err));
    return;
  }
  const layout = parameterLayout(init.shapes);
  const weights = new Float32Array(init.weights);
  const gradients = new Float32Array(init.gradients, init.slot * layout.total * 4, layout.total);
  const control = new Int32Array(init.control);
  let served = 0;
  reply({ type: 'ready' });

  port.on('message', (request: StepRequest) => {
    try {
      if (request.resetStates) replica.resetStates?.();
      const version = Atomics.load(control, 0);
      if (version !== request.version) throw new Error(`shared weights are at version ${version}, the step expects ${request.version}`);
      readVariables(replica.variables, weights, layout);
      let count = 0;
      const { value, grads } = tf.variableGrads(() => {
        const result = replica.lossSum(request.batch);
        count = result.count;
        return result.sum;
      }, replica.variables);
      const sum = value.dataSync()[0];
      writeGradients(replica.variables, grads, gradients, layout);
      tf.dispose([value, ...Object.values(grads)]);
      served++;
      reply({ type: 'done', sum, count, served, tensors: tf.memory().numTensors });
    } catch (err) {
      reply(failure(err));
    }
  });
}

if (parentPort) void main(parentPort, workerData as WorkerInit);
