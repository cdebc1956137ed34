import { editDistance } from '@rnnkit/common';

/** Word-mode results: accuracy, and the confusion matrix over the labels. */
export interface WordScore {
  n: number;
  accuracy: number;
  /** `matrix[reference][hypothesis]` counts, in `labels` order; a hypothesis outside the labels (empty) is not counted. */
  matrix: number[][];
  labels: string[];
}

/** Sequence-mode results. */
export interface SequenceScore {
  n: number;
  /** Fraction of recordings whose whole digit string is right. */
  sequence_accuracy: number;
  /** Σ edit distance / Σ reference length over all recordings. */
  digit_error_rate: number;
}

/** Scores isolated-digit results; pairs are [reference, hypothesis]. */
export function scoreWords(pairs: ReadonlyArray<readonly [string, string]>, labels: readonly string[]): WordScore {
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const [reference, hypothesis] of pairs) {
    if (reference === hypothesis) correct++;
    const r = index.get(reference);
    const h = index.get(hypothesis);
    if (r !== undefined && h !== undefined) matrix[r][h]++;
  }
  return { n: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, matrix, labels: [...labels] };
}

/** Scores digit-string results; pairs are [reference, hypothesis]. */
export function scoreSequences(pairs: ReadonlyArray<readonly [string, string]>): SequenceScore {
  let correct = 0;
  let errors = 0;
  let length = 0;
  for (const [reference, hypothesis] of pairs) {
    if (reference === hypothesis) correct++;
    errors += editDistance(reference, hypothesis);
    length += reference.length;
  }
  const n = pairs.length;
  return { n, sequence_accuracy: n ? correct / n : 0, digit_error_rate: length ? errors / length : 0 };
}
