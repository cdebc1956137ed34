import { RnnkitError } from '@rnnkit/common';
import type { ReplicaFactory } from './replica';
import type { WebWorkerStart } from './web-worker-slot';
import type { StepRequest, WorkerReply } from './worker-protocol';
import { serveSteps } from './worker-loop';

/** What a training worker bundle knows: its replica factories and how it starts a tfjs backend. */
export interface TrainingWorkerOptions {
  /**
   * Replica factories by `"<module>#<exportName>"` of the {@link ReplicaSpec}s they serve (e.g.
   * `'@rnnkit/rnn-core#sequenceModelReplica'`): a bundle cannot load a module by name, so it lists them.
   */
  factories: Record<string, ReplicaFactory>;
  /** Starts the tfjs backend `name` here (e.g. with the site's wasm paths). */
  startBackend(name: string): Promise<void>;
}

/** The part of a dedicated worker's global scope used here (rnn-core compiles without the DOM's types). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * The body of a browser training worker for {@link webTrainingWorkers}: call it once from the worker bundle's
 * script. It waits for the trainer's start message, then serves steps as a Node worker thread does.
 */
export function serveTrainingWorker(options: TrainingWorkerOptions): void {
  const scope = globalThis as unknown as WorkerScope;
  let onStep: ((request: StepRequest) => void) | null = null;
  scope.addEventListener('message', (event) => {
    const message = event.data as WebWorkerStart | StepRequest;
    if ('type' in message && message.type === 'start') {
      void serveSteps({ ...message.init }, {
        reply: (reply: WorkerReply) => scope.postMessage(reply),
        onRequest: (handler) => (onStep = handler),
        startBackend: options.startBackend,
        buildReplica: async (spec, worker) => {
          const key = `${spec.module}#${spec.exportName ?? 'default'}`;
          const factory = options.factories[key];
          if (!factory) throw new RnnkitError('BAD_OPTION', `this training worker has no replica factory "${key}"; it knows ${Object.keys(options.factories).join(', ') || 'none'}`);
          return factory(spec.config, worker);
        },
      });
    } else onStep?.(message as StepRequest);
  });
}
