import { RnnkitError } from './rnnkit-error';

// Each validator returns the value it checked, so a default can be resolved and checked in one expression:
// `const batchSize = positiveInteger('batchSize', options.batchSize ?? 32);`. All throw `RnnkitError`
// `BAD_OPTION` with one line naming the option, the rule and the value given.

function fail(name: string, rule: string, value: unknown): never {
  throw new RnnkitError('BAD_OPTION', `${name} must be ${rule}, got ${String(value)}`);
}

/** Checks that `value` is an integer from 1 to `max` (default: no upper limit). */
export function positiveInteger(name: string, value: number, max = Infinity): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    fail(name, max === Infinity ? 'a positive integer' : `an integer from 1 to ${max}`, value);
  }
  return value;
}

/** Checks that `value` is an integer from `min` to `max`, both included. */
export function integerInRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) fail(name, `an integer from ${min} to ${max}`, value);
  return value;
}

/** Checks that `value` is a finite number from `min` to `max`, both included. */
export function numberInRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max) fail(name, `a number from ${min} to ${max}`, value);
  return value;
}

/** Checks that `value` is a finite number greater than 0. */
export function positiveNumber(name: string, value: number): number {
  if (!Number.isFinite(value) || !(value > 0)) fail(name, 'a finite number > 0', value);
  return value;
}

/** Checks that `value` is a finite number of at least 0. */
export function nonNegativeNumber(name: string, value: number): number {
  if (!Number.isFinite(value) || !(value >= 0)) fail(name, 'a finite number >= 0', value);
  return value;
}

/** Checks that `value` is in [0, 1): a dropout rate, a held-out fraction. */
export function fraction(name: string, value: number): number {
  if (!(value >= 0 && value < 1)) fail(name, 'a number in [0, 1)', value);
  return value;
}

/** Checks that `value` is one of `allowed` (compared with `===`). */
export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) fail(name, `one of ${allowed.join(', ')}`, JSON.stringify(value));
  return value as T;
}
