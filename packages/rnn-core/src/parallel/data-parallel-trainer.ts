// The Node binding of the data-parallel trainer: workers are worker_threads (WorkerSlot), and the default thread
// count reads RNNKIT_THREADS and the cores. The browser entry binds its own (web-data-parallel.ts).
import { bindParallelPlatform } from './data-parallel-core';
import { defaultThreads } from './default-threads';
import { WorkerSlot } from './worker-slot';

bindParallelPlatform({ spawn: (name, init) => new WorkerSlot(name, init), defaultThreads: () => defaultThreads() });

export { DataParallelTrainer, type DataParallelOptions } from './data-parallel-core';
