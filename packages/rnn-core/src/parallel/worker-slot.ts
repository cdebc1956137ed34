import { Worker } from 'node:worker_threads';
import type { StepRequest, WorkerInit, WorkerReply } from './worker-protocol';
import { WorkerSlotBase } from './worker-slot-base';
import { workerScript } from './worker-script';

/**
 * One training worker on a Node worker thread, seen from the main thread (see {@link WorkerSlotBase}). The worker
 * keeps the process alive only while it works, so a trainer never closed does not hang Node.
 */
export class WorkerSlot extends WorkerSlotBase {
  /** Resolves when the worker has built its replica. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;

  constructor(name: string, init: Omit<WorkerInit, 'entry'>) {
    super(name, 'close the trainer and start again (from the last checkpoint)');
    const script = workerScript();
    this.worker = new Worker(script.file, { workerData: { ...init, entry: script.entry } satisfies WorkerInit });
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', (err) => this.fail(`stopped on an uncaught error: ${err.message}`));
    this.worker.on('messageerror', (err) => this.fail(`sent a message that could not be read: ${err.message}`));
    this.worker.on('exit', (code) => this.fail(`exited (code ${code})`));
    this.ready = this.request().then(() => undefined);
  }

  /** The worker's thread id (stable for the worker's life). */
  get threadId(): number {
    return this.worker.threadId;
  }

  async terminate(): Promise<void> {
    this.markClosing();
    await this.worker.terminate();
  }

  protected post(request: StepRequest, transfer: ArrayBuffer[]): void {
    this.worker.postMessage(request, transfer);
  }

  protected override busyChanged(busy: boolean): void {
    if (busy) this.worker.ref();
    else this.worker.unref();
  }
}
