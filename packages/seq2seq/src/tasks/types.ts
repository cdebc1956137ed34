import type { BleuTokenize } from '../metrics/corpus-bleu';

/** The three fixed partitions every task is divided into. */
export type Split = 'train' | 'validation' | 'test';

/** All splits, in a fixed order. */
export const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

/** One example: the model reads `source` and must produce `target`. */
export interface Pair {
  readonly source: string;
  readonly target: string;
  /**
   * Every acceptable target, `target` first, when the data has several (a sentence translated more than once);
   * metrics then count an output right if it matches any of them. Absent: `target` is the only one.
   */
  readonly references?: readonly string[];
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
  /**
   * The task's input domain beyond the model's vocabulary: why `source` is not something the task covers (a number
   * out of range, not plain digits), or null when it is. Absent: every source made of known symbols is in.
   */
  checkSource?(source: string): string | null;
  /** Why an output is not a valid answer of the task (e.g. not a real calendar date), or null when it is. */
  checkTarget?(target: string): string | null;
  /**
   * The task's input domain beyond the model's vocabulary: why `source` is not something the task covers (a number
   * out of range, not plain digits), or null when it is. Absent: every source made of known symbols is in.
   */
  checkSource?(source: string): string | null;
  /** Why an output is not a valid answer of the task (e.g. not a real calendar date), or null when it is. */
  checkTarget?(target: string): string | null;
  /** How BLEU splits texts into tokens for this task (see `corpusBleu`); default `'whitespace'`. */
  readonly bleuTokenize?: BleuTokenize;
}
