import type { ArrayBatch, ReplicaSpec } from './replica';

/** What a training worker is started with (its `workerData`). */
export interface WorkerInit {
  /** The TypeScript entry to load (only when the worker runs from sources, see worker-script.ts). */
  entry?: string;
  /** The main thread's tfjs backend: every thread must compute alike. */
  backend: string;
  replica: ReplicaSpec;
  /** Shapes of the main thread's variables, in order; the replica's must match. */
  shapes: number[][];
  /** All parameters, written by the main thread before each step. */
  weights: SharedArrayBuffer;
  /** One region of all parameters per worker, where each writes its gradient sums. */
  gradients: SharedArrayBuffer;
  /** [0]: the weights' version, bumped after each write (an Atomics fence between the threads). */
  control: SharedArrayBuffer;
  /** This worker's region in `gradients`, 0 … workers − 1. */
  slot: number;
  /** How many workers the trainer runs. */
  workers: number;
}

/** Main thread → worker. */
export interface StepRequest {
  batch: ArrayBatch;
  /** The weights' version this step must read. */
  version: number;
  /** Forget the carried state before this slice. */
  resetStates: boolean;
}

/** Worker → main thread. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; sum: number; count: number; served: number; tensors: number }
  | { type: 'failed'; message: string; code?: string };
