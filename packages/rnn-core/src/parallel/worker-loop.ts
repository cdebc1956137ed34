import { RnnkitError } from '@rnnkit/common';
import { tf } from '../tfjs';
import { parameterLayout, readVariables, writeGradients } from './flat-parameters';
import type { Replica, ReplicaSpec, ReplicaWorker } from './replica';
import type { StepRequest, WorkerInit, WorkerReply } from './worker-protocol';

/** How a worker talks to the main thread and builds its parts, whatever runs it (worker_threads, Web Worker). */
export interface WorkerHost {
  reply(message: WorkerReply): void;
  /** Calls `handler` with each step request. */
  onRequest(handler: (request: StepRequest) => void): void;
  /** Starts the tfjs backend `name` in this worker. */
  startBackend(name: string): Promise<void>;
  buildReplica(spec: ReplicaSpec, worker: ReplicaWorker): Promise<Replica>;
}

/** An error as a reply: its message, and its code when it is an RnnkitError's (bad input stays bad input). */
function failure(err: unknown): WorkerReply {
  const code = err instanceof RnnkitError ? String(err.code) : undefined;
  return { type: 'failed', message: err instanceof Error ? err.message : String(err), code };
}

/**
 * A training worker's life: starts the backend and builds its replica once, then for each step request reads the
 * shared weights, computes the gradients of its slice's summed loss, writes them into its region of the shared
 * gradients and replies with the sum and its normaliser. Errors are replied as one line; the main thread decides
 * what they mean.
 */
export async function serveSteps(init: WorkerInit, host: WorkerHost): Promise<void> {
  let replica: Replica;
  try {
    // The main thread has already said what a user needs to hear (e.g. tfjs's "install tfjs-node" notice).
    tf.env().set('PROD', true);
    try {
      await host.startBackend(init.backend);
    } catch (err) {
      // Not every backend loads in a worker (a native addon may not); the main thread decides what to do.
      throw new RnnkitError('BACKEND_UNAVAILABLE', err instanceof Error ? err.message : String(err));
    }
    replica = await host.buildReplica(init.replica, { index: init.slot, count: init.workers });
    const shapes = replica.variables.map((v) => v.shape);
    if (JSON.stringify(shapes) !== JSON.stringify(init.shapes)) {
      throw new Error(`the replica's variables have shapes ${JSON.stringify(shapes)}; the main thread's are ${JSON.stringify(init.shapes)}`);
    }
  } catch (err) {
    host.reply(failure(err));
    return;
  }
  const layout = parameterLayout(init.shapes);
  const weights = new Float32Array(init.weights);
  const gradients = new Float32Array(init.gradients, init.slot * layout.total * 4, layout.total);
  const control = new Int32Array(init.control);
  let served = 0;
  host.reply({ type: 'ready' });

  host.onRequest((request) => {
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
      host.reply({ type: 'done', sum, count, served, tensors: tf.memory().numTensors });
    } catch (err) {
      host.reply(failure(err));
    }
  });
}
