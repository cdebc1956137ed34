import { RnnkitError } from '@rnnkit/common';
import { DataParallelTrainer as DataParallelCore } from './data-parallel-core';
import { defaultThreads } from './default-threads-browser';
import type { ArrayBatch } from './replica';
import type { ParallelPlatform } from './training-worker';

export type { DataParallelOptions } from './data-parallel-core';

/**
 * {@link DataParallelCore | DataParallelTrainer} in a browser: its workers are Web Workers of a bundle the caller
 * names (`spawn: webTrainingWorkers(url)`), and by default it trains on every core where the page is cross-origin
 * isolated, else on one thread ({@link defaultThreads}).
 */
export class DataParallelTrainer<B extends ArrayBatch = ArrayBatch> extends DataParallelCore<B> {
  protected static override platform: ParallelPlatform = {
    spawn: () => {
      throw new RnnkitError('BAD_OPTION', 'in a browser, DataParallelTrainer needs spawn: webTrainingWorkers(<url of a bundle that calls serveTrainingWorker>), or threads: 1');
    },
    defaultThreads,
  };
}
