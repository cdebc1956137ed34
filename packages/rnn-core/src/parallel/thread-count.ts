import { RnnkitError } from '@rnnkit/common';

/**
 * Checks a thread count given by a caller or read from the environment: a positive integer. `source` names where
 * it came from, for the error.
 *
 * @throws RnnkitError `BAD_USAGE` otherwise
 */
export function checkThreads(value: unknown, source: string): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new RnnkitError('BAD_USAGE', `${source} must be a positive integer number of threads, got ${JSON.stringify(value)}`);
  }
  return n;
}
