import { RnnkitError } from '@rnnkit/common';
import type { ArrayBatch } from './replica';
import type { SpawnTrainingWorker, StepDone, TrainingWorker } from './training-worker';
import type { StepRequest, WorkerInit, WorkerReply } from './worker-protocol';

/** The part of a browser `Worker` used here (rnn-core compiles without the DOM's types). */
interface WebWorker {
  postMessage(message: unknown, transfer?: unknown[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
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
 * thread that trains: at most one request in flight, answered by its reply or rejected when the worker fails to
 * load, throws outside a step or sends what cannot be read — a lost worker is an error, never a wait forever.
 */
export class WebWorkerSlot implements TrainingWorker {
  readonly ready: Promise<void>;
  readonly threadId = nextId++;
  private readonly worker: WebWorker;
  private pending: { resolve(reply: WorkerReply): void; reject(err: Error): void } | null = null;
  private failure: RnnkitError | null = null;
  private lastTensors: number | null = null;

  constructor(
    private readonly name: string,
    url: string | URL,
    init: Omit<WorkerInit, 'entry'>,
  ) {
    const WorkerClass = (globalThis as { Worker?: WebWorkerConstructor }).Worker;
    if (!WorkerClass) throw new RnnkitError('BAD_USAGE', 'Web Workers are not available here; train with threads: 1');
    this.worker = new WorkerClass(url, { type: 'module', name });
    this.worker.addEventListener('message', (event) => this.settle(event.data as WorkerReply));
    this.worker.addEventListener('error', (event) => this.fail(`stopped on an error: ${event.message || `its script ${String(url)} did not load or threw`}`));
    this.worker.addEventListener('messageerror', () => this.fail('sent a message that could not be read'));
    this.ready = this.request().then(() => undefined);
    this.worker.postMessage({ type: 'start', init } satisfies WebWorkerStart);
  }

  get tensors(): number | null {
    return this.lastTensors;
  }

  step(batch: ArrayBatch, version: number, resetStates: boolean, transfer: ArrayBuffer[]): Promise<StepDone> {
    const reply = this.request();
    if (!this.failure) this.worker.postMessage({ batch, version, resetStates } satisfies StepRequest, transfer);
    return reply as Promise<StepDone>;
  }

  async terminate(): Promise<void> {
    this.worker.terminate();
    if (!this.failure) this.failure = new RnnkitError('BAD_USAGE', 'the data-parallel trainer is closed; start a new one');
    this.take()?.reject(this.failure);
  }

  private request(): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new RnnkitError('INTERNAL', `${this.name} is already working on a step`));
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  private settle(reply: WorkerReply): void {
    const pending = this.take();
    if (!pending) return;
    if (reply.type === 'failed') pending.reject(new RnnkitError(reply.code ?? 'INTERNAL', `${this.name} failed: ${reply.message}`));
    else {
      if (reply.type === 'done') this.lastTensors = reply.tensors;
      pending.resolve(reply);
    }
  }

  private fail(reason: string): void {
    if (this.failure) return;
    this.failure = new RnnkitError('INTERNAL', `${this.name} ${reason}; the update was not applied and training cannot go on with a missing worker — reload the page and train again`);
    this.take()?.reject(this.failure);
  }

  private take(): { resolve(reply: WorkerReply): void; reject(err: Error): void } | null {
    const pending = this.pending;
    this.pending = null;
    return pending;
  }
}

/**
 * How the browser entry's {@link DataParallelTrainer} starts its workers: each a module Web Worker from `url`, a
 * bundle whose script calls `serveTrainingWorker` with the replica factories it knows. Pass it as `spawn`.
 */
export function webTrainingWorkers(url: string | URL): SpawnTrainingWorker {
  return (name, init) => new WebWorkerSlot(name, url, init);
}
