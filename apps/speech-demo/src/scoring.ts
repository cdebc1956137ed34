/** Levenshtein distance between two strings (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j] + 1, current[j - 1] + 1));
    }
    previous = current;
  }
  return previous[b.length];
}

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
