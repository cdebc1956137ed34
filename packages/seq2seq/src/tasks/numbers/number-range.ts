import { TaskError } from '../task-error';

/** Largest number the `numbers-*` tasks and the spelling functions accept. */
export const MAX_NUMBER = 999_999;

/**
 * Why `text` is not an input of the `numbers-*` tasks, or null: they read plain decimal digits with no sign,
 * separator, space or leading zero, from 0 to `MAX_NUMBER`.
 */
export function numberInputProblem(text: string): string | null {
  if (!/^[0-9]+$/.test(text)) return `${JSON.stringify(text)} is not a plain number: write digits only (0-9), like 2500`;
  if (text.length > 1 && text.startsWith('0')) return `${JSON.stringify(text)} has leading zeros: write ${text.replace(/^0+(?=.)/, '')}`;
  if (text.length > String(MAX_NUMBER).length || Number(text) > MAX_NUMBER) return `${text} is out of range: numbers are spelled from 0 to ${MAX_NUMBER}`;
  return null;
}

/** Throws a `TaskError` unless `n` is an integer in 0–999,999. */
export function checkNumber(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_NUMBER) {
    throw new TaskError('OUT_OF_RANGE', `numbers are spelled for integers 0-${MAX_NUMBER}, got ${n}`);
  }
}
