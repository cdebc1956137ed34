import { RnnkitError } from '@rnnkit/common';
import type { SpawnTrainingWorker } from './training-worker';
import type { StepRequest, WorkerInit, WorkerReply } from './worker-protocol';
import { WorkerSlotBase } from './worker-slot-base';

/** The part of a browser `Worker` used here (rnn-core compiles without the DOM's types). */
interface WebWorker {
  postMessage(message: unknown, transfer?: unknown[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string; preventDefault?(): void }) => void): void;
}
type WebWorkerConstructor = new (url: string | URL, options: { type: 'module'; name: string }) => WebWorker;

/** Main thread → Web Worker, first message: what a Node worker gets as its `workerData`. */
export interface WebWorkerStart {
  type: 'start';
  init: Omit<WorkerInit, 'entry'>;
}

let nextId = 1;

/**
 * One training worker on a browser Web Worker (a module script that calls `serveTrainingWorker`), seen from the
 * thread that trains (see {@link WorkerSlotBase}); loading failures and errors outside a step are lost workers too.
 */
export class WebWorkerSlot extends WorkerSlotBase {
  readonly ready: Promise<void>;
  readonly threadId = nextId++;
  private readonly worker: WebWorker;

  constructor(name: string, url: string | URL, init: Omit<WorkerInit, 'entry'>) {
    super(name, 'reload the page and train again');
    const WorkerClass = (globalThis as { Worker?: WebWorkerConstructor }).Worker;
    if (!WorkerClass) throw new RnnkitError('BAD_USAGE', 'Web Workers are not available here; train with threads: 1');
    this.worker = new WorkerClass(url, { type: 'module', name });
    this.worker.addEventListener('message', (event) => this.settle(event.data as WorkerReply));
    this.worker.addEventListener('error', (event) => {
      // Handled here: without this the error also reaches the thread that started the worker as its own uncaught
      // error, and races this slot's clearer report.
      event.preventDefault?.();
      this.fail(`stopped on an error: ${event.message || `its script ${String(url)} did not load or threw`}`);
    });
    this.worker.addEventListener('messageerror', () => this.fail('sent a message that could not be read'));
    this.ready = this.request().then(() => undefined);
    this.worker.postMessage({ type: 'start', init } satisfies WebWorkerStart);
  }

  async terminate(): Promise<void> {
    this.markClosing();
    this.worker.terminate();
    // A terminated Web Worker sends no event: settle what waits on it here.
    this.fail('was stopped');
  }

  protected post(request: StepRequest, transfer: ArrayBuffer[]): void {
    this.worker.postMessage(request, transfer);
  }
}

/**
 * How the browser entry's {@link DataParallelTrainer} starts its workers: each a module Web Worker from `url`, a
 * bundle whose script calls `serveTrainingWorker` with the replica factories it knows. Pass it as `spawn`.
 */
export function webTrainingWorkers(url: string | URL): SpawnTrainingWorker {
  return (name, init) => new WebWorkerSlot(name, url, init);
}
