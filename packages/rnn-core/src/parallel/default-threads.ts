import { availableParallelism } from 'node:os';
import { checkThreads } from './thread-count';

/**
 * How many threads training uses unless told: `RNNKIT_THREADS` when set (a positive integer), else every core
 * Node may use (`os.availableParallelism()`). 1 means the one-thread path, with no worker.
 *
 * @param env where to read `RNNKIT_THREADS` (default `process.env`)
 * @throws RnnkitError `BAD_USAGE` when `RNNKIT_THREADS` is set but not a positive integer
 */
export function defaultThreads(env: Record<string, string | undefined> = process.env): number {
  const forced = env.RNNKIT_THREADS;
  if (forced !== undefined && forced.trim() !== '') return checkThreads(forced, 'RNNKIT_THREADS');
  return availableParallelism();
}
