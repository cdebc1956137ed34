import { TaskError } from './task-error';
import { hashKey } from './hash-split';
import { SPLITS, type Split } from './types';

/** A seeded source of uniform floats in [0, 1). */
export type Rng = () => number;

/** A deterministic generator (32-bit state, Weyl increment plus an xorshift-multiply output mix). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    z ^= z >>> 15;
    return (z >>> 0) / 4294967296;
  };
}

/** A uniform integer in [lo, hi] (inclusive). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A uniform element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/**
 * Checks the arguments of `Task.generate` and returns the generator for that call. Each (task, split, seed) has its
 * own stream, so asking for the test split never shifts the train pairs of the same seed.
 */
export function generatorFor(task: string, split: Split, count: number, seed: number): Rng {
  if (!SPLITS.includes(split)) {
    throw new TaskError('BAD_ARGUMENT', `${task}: split must be one of ${SPLITS.join(', ')}, got ${JSON.stringify(split)}`);
  }
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new TaskError('BAD_ARGUMENT', `${task}: count must be a non-negative integer, got ${count}`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new TaskError('BAD_ARGUMENT', `${task}: seed must be an integer, got ${seed}`);
  }
  return createRng(hashKey(`${task}|${split}|${seed}`));
}

/** Draws `count` items by rejection: `draw` proposes, `accept` keeps those that belong to the wanted split. */
export function drawAccepted<T>(count: number, draw: () => T, accept: (item: T) => boolean): T[] {
  const out: T[] = [];
  while (out.length < count) {
    const item = draw();
    if (accept(item)) out.push(item);
  }
  return out;
}
