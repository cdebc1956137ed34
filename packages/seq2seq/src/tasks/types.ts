/** The three fixed partitions every task is divided into. */
export type Split = 'train' | 'validation' | 'test';

/** All splits, in a fixed order. */
export const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

/** One example: the model reads `source` and must produce `target`. */
export interface Pair {
  readonly source: string;
  readonly target: string;
}

/** A seq2seq task: a generator of example pairs over a fixed, documented train/validation/test partition. */
export interface Task {
  /** Registry name, e.g. `'dates'`. */
  readonly name: string;
  /** One line saying what the task maps from and to. */
  readonly description: string;
  /**
   * `count` pairs drawn (with replacement) from `split`. Deterministic: the same `(split, count, seed)` always
   * gives the same pairs, and a longer request starts with the pairs of a shorter one.
   */
  generate(split: Split, count: number, seed: number): Pair[];
}
