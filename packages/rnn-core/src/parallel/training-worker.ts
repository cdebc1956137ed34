import type { ArrayBatch } from './replica';
import type { WorkerInit, WorkerReply } from './worker-protocol';

/** A worker's answer to one step: its slice's loss sum and normaliser (its gradients are in shared memory). */
export type StepDone = Extract<WorkerReply, { type: 'done' }>;

/**
 * One training worker seen from the main thread, whatever runs it (a Node worker thread, a browser Web Worker):
 * at most one request in flight, answered by the worker's reply or rejected with a clear `RnnkitError` when the
 * worker fails, throws or stops — a lost worker is an error, never a wait forever.
 */
export interface TrainingWorker {
  /** Resolves when the worker has built its replica. */
  readonly ready: Promise<void>;
  /** Tensors alive in the worker after its last step (null before the first). */
  readonly tensors: number | null;
  /** An id of the worker, stable for its life (the thread id under Node). */
  readonly threadId: number;
  /** Sends one slice and resolves with the worker's reply; rejects if it fails, throws or stops first. */
  step(batch: ArrayBatch, version: number, resetStates: boolean, transfer: ArrayBuffer[]): Promise<StepDone>;
  /** Stops the worker; later requests are refused. */
  terminate(): Promise<void>;
}

/** Starts one training worker; `name` is how errors name it ("training worker 1 of 3"). */
export type SpawnTrainingWorker = (name: string, init: Omit<WorkerInit, 'entry'>) => TrainingWorker;

/** What a platform's entry binds the data-parallel trainer to: how workers start and how many threads by default. */
export interface ParallelPlatform {
  spawn: SpawnTrainingWorker;
  defaultThreads(): number;
}
