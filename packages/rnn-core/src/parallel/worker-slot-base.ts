import { RnnkitError } from '@rnnkit/common';
import type { ArrayBatch } from './replica';
import type { StepDone, TrainingWorker } from './training-worker';
import type { StepRequest, WorkerReply } from './worker-protocol';

interface Pending {
  resolve(reply: WorkerReply): void;
  reject(err: Error): void;
}

/**
 * What a training worker's slot does whatever runs the worker (a Node worker thread, a browser Web Worker): at most
 * one request in flight, settled by the worker's reply or rejected as soon as the worker is lost — so that a lost
 * worker is an error, never a wait forever. A subclass starts the worker, forwards its events to {@link settle}
 * and {@link fail}, and posts messages.
 */
export abstract class WorkerSlotBase implements TrainingWorker {
  abstract readonly ready: Promise<void>;
  abstract readonly threadId: number;
  private pending: Pending | null = null;
  private failure: RnnkitError | null = null;
  private closing = false;
  private lastTensors: number | null = null;

  /** @param restartAdvice what the user should do after losing a worker, ending its error message */
  protected constructor(
    protected readonly name: string,
    private readonly restartAdvice: string,
  ) {}

  /** Tensors alive in the worker after its last step (null before the first). */
  get tensors(): number | null {
    return this.lastTensors;
  }

  /** Sends one slice and resolves with the worker's reply; rejects if it fails, throws or stops first. */
  step(batch: ArrayBatch, version: number, resetStates: boolean, transfer: ArrayBuffer[]): Promise<StepDone> {
    const reply = this.request();
    if (!this.failure) this.post({ batch, version, resetStates } satisfies StepRequest, transfer);
    return reply as Promise<StepDone>;
  }

  /** Stops the worker; later requests are refused. */
  abstract terminate(): Promise<void>;

  /** Sends a step request to the worker. */
  protected abstract post(request: StepRequest, transfer: ArrayBuffer[]): void;

  /** Told when a request starts (true) and ends (false): a Node worker keeps its process alive only meanwhile. */
  protected busyChanged(_busy: boolean): void {}

  /** Waits for the worker's next reply (the first one says its replica is built). */
  protected request(): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new RnnkitError('INTERNAL', `${this.name} is already working on a step`));
    this.busyChanged(true);
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  /** Marks the slot as closed by its owner: the worker's end is then no failure of its own. */
  protected markClosing(): void {
    this.closing = true;
  }

  /** Settles the request in flight with the worker's reply. */
  protected settle(reply: WorkerReply): void {
    const pending = this.take();
    if (!pending) return;
    if (reply.type === 'failed') pending.reject(new RnnkitError(reply.code ?? 'INTERNAL', `${this.name} failed: ${reply.message}`));
    else {
      if (reply.type === 'done') this.lastTensors = reply.tensors;
      pending.resolve(reply);
    }
  }

  /** The worker is lost (`reason` says how): this request and every later one is rejected. */
  protected fail(reason: string): void {
    if (this.failure) return;
    this.failure = this.closing
      ? new RnnkitError('BAD_USAGE', 'the data-parallel trainer is closed; start a new one')
      : new RnnkitError('INTERNAL', `${this.name} ${reason}; the update was not applied and training cannot go on with a missing worker — ${this.restartAdvice}`);
    this.take()?.reject(this.failure);
  }

  private take(): Pending | null {
    const pending = this.pending;
    this.pending = null;
    this.busyChanged(false);
    return pending;
  }
}
