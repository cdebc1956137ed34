import { createRng, type Rng } from '@rnnkit/common';
import { TaskError } from './task-error';
import { hashKey } from './hash-split';
import { SPLITS, type Split } from './types';

/** A uniform integer in [lo, hi] (inclusive). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}

/** A uniform element of a non-empty array. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
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
