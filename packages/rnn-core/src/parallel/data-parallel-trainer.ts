import { DataParallelTrainer as DataParallelCore } from './data-parallel-core';
import { defaultThreads } from './default-threads';
import type { ArrayBatch } from './replica';
import type { ParallelPlatform } from './training-worker';
import { WorkerSlot } from './worker-slot';

export type { DataParallelOptions } from './data-parallel-core';

/**
 * {@link DataParallelCore | DataParallelTrainer} on Node: its workers are worker threads, and its default thread
 * count reads `RNNKIT_THREADS` and the cores ({@link defaultThreads}).
 */
export class DataParallelTrainer<B extends ArrayBatch = ArrayBatch> extends DataParallelCore<B> {
  protected static override platform: ParallelPlatform = { spawn: (name, init) => new WorkerSlot(name, init), defaultThreads: () => defaultThreads() };
}
