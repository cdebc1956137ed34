import { Worker } from 'node:worker_threads';
import { RnnkitError } from '@rnnkit/common';
import type { ArrayBatch } from './replica';
import type { StepDone, TrainingWorker } from './training-worker';
import type { StepRequest, WorkerInit, WorkerReply } from './worker-protocol';
import { workerScript } from './worker-script';

/**
 * One training worker on a Node worker thread, seen from the main thread: at most one request in flight, answered
 * by its reply or rejected when the worker fails, throws or exits — so that a lost worker is an error, never a wait
 * forever. The worker keeps the process alive only while it works, so a trainer never closed does not hang Node.
 */
export class WorkerSlot implements TrainingWorker {
  /** Resolves when the worker has built its replica. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private pending: { resolve(reply: WorkerReply): void; reject(err: Error): void } | null = null;
  private failure: RnnkitError | null = null;
  private closing = false;
  private lastTensors: number | null = null;

  constructor(
    private readonly name: string,
    init: Omit<WorkerInit, 'entry'>,
  ) {
    const script = workerScript();
    this.worker = new Worker(script.file, { workerData: { ...init, entry: script.entry } satisfies WorkerInit });
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', (err) => this.fail(`stopped on an uncaught error: ${err.message}`));
    this.worker.on('messageerror', (err) => this.fail(`sent a message that could not be read: ${err.message}`));
    this.worker.on('exit', (code) => this.fail(`exited (code ${code})`));
    this.ready = this.request().then(() => undefined);
  }

  /** Tensors alive in the worker after its last step (null before the first). */
  get tensors(): number | null {
    return this.lastTensors;
  }

  /** The worker's thread id (stable for the worker's life). */
  get threadId(): number {
    return this.worker.threadId;
  }

  /** Sends one slice and resolves with the worker's reply; rejects if it fails, throws or exits first. */
  step(batch: ArrayBatch, version: number, resetStates: boolean, transfer: ArrayBuffer[]): Promise<StepDone> {
    const reply = this.request();
    if (!this.failure) this.worker.postMessage({ batch, version, resetStates } satisfies StepRequest, transfer);
    return reply as Promise<StepDone>;
  }

  /** Stops the worker; later requests are refused. */
  async terminate(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private request(): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new RnnkitError('INTERNAL', `${this.name} is already working on a step`));
    this.worker.ref();
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
    this.failure = this.closing
      ? new RnnkitError('BAD_USAGE', 'the data-parallel trainer is closed; start a new one')
      : new RnnkitError('INTERNAL', `${this.name} ${reason}; the update was not applied and training cannot go on with a missing worker — close the trainer and start again (from the last checkpoint)`);
    this.take()?.reject(this.failure);
  }

  private take(): { resolve(reply: WorkerReply): void; reject(err: Error): void } | null {
    const pending = this.pending;
    this.pending = null;
    this.worker.unref();
    return pending;
  }
}
