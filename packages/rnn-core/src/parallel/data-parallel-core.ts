import { RnnkitError } from '@rnnkit/common';
import { tf } from '../tfjs';
import { meanOfLossSum } from '../losses';
import { applyUpdate, trainStep, type TrainStepResult, type UpdateOptions } from '../train-step';
import { tensorsCopyTheirValues } from '../kernels/tensor-values';
import { batchRows, rowRanges, sliceBatch } from './batch-rows';
import { gradientsFrom, parameterLayout, writeGradients, writeVariables, type ParameterLayout } from './flat-parameters';
import type { ArrayBatch, Replica, ReplicaSpec } from './replica';
import { checkThreads } from './thread-count';
import type { ParallelPlatform, SpawnTrainingWorker, TrainingWorker } from './training-worker';

/** Options of {@link DataParallelTrainer.start}. */
export interface DataParallelOptions<B extends ArrayBatch = ArrayBatch> extends UpdateOptions {
  /** Threads to train on, the main thread included. Default: the entry's `defaultThreads()`. 1 starts no worker. */
  threads?: number;
  /** How each worker builds its copy of the model. */
  replica: ReplicaSpec;
  /** The main thread's replica, over the variables the optimizer updates; it computes the first slice itself. */
  local: Replica<B>;
  /**
   * How a worker starts. Default: the entry's own — a Node worker thread on the Node entry; on the browser entry,
   * none (pass `webTrainingWorkers(url)` of a worker bundle that calls `serveTrainingWorker`).
   */
  spawn?: SpawnTrainingWorker;
}

/**
 * Data-parallel training on worker threads: each update cuts the batch by rows into one contiguous slice per
 * thread (sizes differ by at most one row; every thread keeps the same rows from step to step, which is what
 * carried state needs), the main thread computes the first slice and each worker one of the others, the summed
 * gradients meet in a SharedArrayBuffer, and the main thread divides them by the total normaliser and makes the
 * one optimizer update ({@link trainStep}'s clipping and NaN/Inf guard). The new weights reach the workers through
 * another SharedArrayBuffer before the next step. Workers start once and are reused.
 *
 * With `threads: 1` no worker starts and each step is {@link trainStep} on the local replica's mean loss. When the
 * main thread's tfjs backend cannot load in a worker thread (a native addon may not), the trainer runs on one
 * thread and says why in {@link DataParallelTrainer.notice}.
 * A worker that throws, fails to start or exits rejects the step (and every later one) with a clear
 * `RnnkitError`; {@link close} stops the workers and may be called any number of times.
 */
export class DataParallelTrainer<B extends ArrayBatch = ArrayBatch> {
  /** How workers start and how many threads by default: each entry's subclass sets its own. */
  protected static platform: ParallelPlatform | null = null;
  private closed = false;
  private busy = false;
  private failure: Error | null = null;
  private readonly pendingReset: boolean[];
  /** The summed gradients, reused from step to step where tensors copy their values (see parallelStep). */
  private flat: Float32Array | null = null;

  protected constructor(
    private readonly local: Replica<B>,
    private readonly update: UpdateOptions,
    private readonly workers: TrainingWorker[],
    private readonly layout: ParameterLayout,
    private readonly weights: Float32Array,
    private readonly gradients: SharedArrayBuffer | null,
    private readonly control: Int32Array,
    /** Why the trainer runs on fewer threads than asked, or null. */
    readonly notice: string | null = null,
  ) {
    this.pendingReset = workers.map(() => false);
  }

  /** Starts the workers (threads − 1 of them) and waits until each has built its replica. */
  static async start<B extends ArrayBatch = ArrayBatch>(options: DataParallelOptions<B>): Promise<DataParallelTrainer<B>> {
    const threads = options.threads === undefined ? this.bound().defaultThreads() : checkThreads(options.threads, 'threads');
    const { local, optimizer, clipNorm, clipValue } = options;
    if (local.variables.length === 0) throw new RnnkitError('BAD_OPTION', 'the local replica has no variables to train');
    const shapes = local.variables.map((v) => [...v.shape]);
    const layout = parameterLayout(shapes);
    const update = { optimizer, clipNorm, clipValue };
    if (threads === 1) return new DataParallelTrainer(local, update, [], layout, new Float32Array(0), null, new Int32Array(1));

    const weights = new SharedArrayBuffer(layout.total * 4);
    const gradients = new SharedArrayBuffer((threads - 1) * layout.total * 4);
    const control = new SharedArrayBuffer(4);
    const init = { backend: tf.getBackend(), replica: options.replica, shapes, weights, gradients, control, workers: threads - 1 };
    const spawn = options.spawn ?? this.bound().spawn;
    const workers = Array.from({ length: threads - 1 }, (_, k) => spawn(`training worker ${k + 1} of ${threads - 1}`, { ...init, slot: k }));
    const started = await Promise.allSettled(workers.map((w) => w.ready));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all(workers.map((w) => w.terminate()));
      const reason = failed.reason as Error & { code?: string };
      if (reason.code !== 'BACKEND_UNAVAILABLE') throw reason;
      const notice = `the ${init.backend} backend does not load in a worker thread, so training runs on 1 thread (${reason.message})`;
      return new DataParallelTrainer(local, update, [], layout, new Float32Array(0), null, new Int32Array(1), notice);
    }
    return new DataParallelTrainer(local, update, workers, layout, new Float32Array(weights), gradients, new Int32Array(control));
  }

  private static bound(): ParallelPlatform {
    if (!this.platform) throw new RnnkitError('INTERNAL', 'this DataParallelTrainer has no platform; import it from @rnnkit/rnn-core');
    return this.platform;
  }

  /** Threads this trainer computes on, the main thread included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** The workers' thread ids, in slice order (the same for the trainer's whole life). */
  get workerThreadIds(): number[] {
    return this.workers.map((w) => w.threadId);
  }

  /** Tensors alive in each worker after its last step, in slice order (null before a worker's first): a leak check. */
  get workerTensors(): Array<number | null> {
    return this.workers.map((w) => w.tensors);
  }

  /**
   * One update on `batch` (cut by rows across the threads): the same result as {@link trainStep} on the whole
   * batch — the loss is Σ sum / Σ count over the slices, the gradient norm that of the combined gradients.
   */
  async step(batch: B): Promise<TrainStepResult> {
    if (this.closed) throw new RnnkitError('BAD_USAGE', 'the data-parallel trainer is closed; start a new one');
    if (this.failure) throw this.failure;
    if (this.busy) throw new RnnkitError('BAD_USAGE', 'step() was called while another step runs; await each step first');
    const rows = batchRows(batch);
    if (this.workers.length === 0) return trainStep(this.local.variables, () => meanOfLossSum(this.local.lossSum(batch)), this.update);
    this.busy = true;
    try {
      return await this.parallelStep(batch, rowRanges(rows, this.threads));
    } catch (err) {
      this.failure = err as Error;
      throw err;
    } finally {
      this.busy = false;
    }
  }

  /** Forgets the carried state of every replica (the local one now, the workers' before their next slice). */
  resetStates(): void {
    this.local.resetStates?.();
    this.pendingReset.fill(true);
  }

  /** Stops the workers. Safe to call more than once; later steps are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private async parallelStep(batch: B, ranges: Array<[number, number]>): Promise<TrainStepResult> {
    const { local, layout } = this;
    writeVariables(local.variables, this.weights, layout);
    const version = Atomics.add(this.control, 0, 1) + 1;
    const replies = this.workers.map((worker, k) => {
      const [start, end] = ranges[k + 1];
      if (start === end) return null; // fewer rows than threads
      const slice = sliceBatch(batch, start, end, true);
      const reply = worker.step(slice.batch, version, this.pendingReset[k], slice.transfer);
      this.pendingReset[k] = false;
      return reply;
    });

    // The main thread's slice, while the workers compute theirs. `flat` is fresh each step unless tensors copy
    // their values (wasm): elsewhere the summed gradient tensors may keep views of it. Every value is written.
    const flat = tensorsCopyTheirValues() ? (this.flat ??= new Float32Array(layout.total)) : new Float32Array(layout.total);
    let sum = 0;
    let count = 0;
    let localError: unknown = null;
    try {
      const slice = sliceBatch(batch, ranges[0][0], ranges[0][1], false).batch as B;
      const { value, grads } = tf.variableGrads(() => {
        const result = local.lossSum(slice);
        count = result.count;
        return result.sum;
      }, local.variables);
      sum = value.dataSync()[0];
      writeGradients(local.variables, grads, flat, layout);
      tf.dispose([value, ...Object.values(grads)]);
    } catch (err) {
      localError = err;
    }

    const settled = await Promise.allSettled(replies.map((r) => r ?? Promise.resolve(null)));
    if (localError) throw localError;
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    settled.forEach((s, k) => {
      const reply = (s as PromiseFulfilledResult<{ sum: number; count: number } | null>).value;
      if (!reply) return;
      sum += reply.sum;
      count += reply.count;
      const region = new Float32Array(this.gradients as SharedArrayBuffer, k * layout.total * 4, layout.total);
      for (let i = 0; i < layout.total; i++) flat[i] += region[i];
    });
    const scale = 1 / Math.max(count, 1);
    return applyUpdate(local.variables, sum * scale, gradientsFrom(local.variables, flat, layout, scale), this.update);
  }
}
