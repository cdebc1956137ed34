import { TaskError } from '../task-error';

/** Largest number the `numbers-*` tasks and the spelling functions accept. */
export const MAX_NUMBER = 999_999;

/** Throws a `TaskError` unless `n` is an integer in 0–999,999. */
export function checkNumber(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_NUMBER) {
    throw new TaskError('OUT_OF_RANGE', `numbers are spelled for integers 0-${MAX_NUMBER}, got ${n}`);
  }
}
