import * as tf from '@tensorflow/tfjs-core';
import { CtcInputError } from './ctc-error';

/**
 * Frame scores for the CTC decoders, shaped `[batch, time, classes]`: either logits or log-probabilities (each
 * frame is log-softmax normalised inside the decoders, which leaves log-probabilities unchanged). Plain
 * probabilities are not accepted: pass their logarithm. Given as a tfjs tensor, as nested arrays, or as a flat
 * row-major array with its shape — the last two let an app decode without tfjs.
 */
export type CtcScores =
  | tf.Tensor3D
  | ReadonlyArray<ReadonlyArray<ArrayLike<number>>>
  | { readonly values: ArrayLike<number>; readonly shape: readonly [number, number, number] };

/** Scores flattened row-major, with their dimensions. */
export interface FlatScores {
  values: ArrayLike<number>;
  batch: number;
  time: number;
  classes: number;
}

function isDim(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/** Normalises any {@link CtcScores} form to a flat array; reading a tensor creates no new tensor. */
export function flattenScores(scores: CtcScores): FlatScores {
  if (scores instanceof tf.Tensor) {
    if (scores.rank !== 3) {
      const got = `shape [${scores.shape.join(', ')}]`;
      throw new CtcInputError(`scores must be a rank-3 tensor [batch, time, classes], got ${got}`);
    }
    const [batch, time, classes] = scores.shape;
    return { values: scores.dataSync() as ArrayLike<number>, batch, time, classes };
  }
  if (Array.isArray(scores)) return flattenNested(scores as ReadonlyArray<ReadonlyArray<ArrayLike<number>>>);
  if (scores != null && typeof scores === 'object' && 'values' in scores && 'shape' in scores) {
    const { values, shape } = scores;
    if (!Array.isArray(shape) || shape.length !== 3 || !shape.every(isDim)) {
      const got = JSON.stringify(shape);
      throw new CtcInputError(`scores.shape must be [batch, time, classes] of non-negative integers, got ${got}`);
    }
    const [batch, time, classes] = shape;
    if (values == null || values.length !== batch * time * classes) {
      throw new CtcInputError(
        `scores.values has ${values?.length} entries but shape [${shape.join(', ')}] needs ${batch * time * classes}`,
      );
    }
    return { values, batch, time, classes };
  }
  throw new CtcInputError('scores must be a Tensor3D, nested arrays [batch][time][classes] or { values, shape }');
}

function flattenNested(nested: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>): FlatScores {
  const batch = nested.length;
  const time = batch > 0 && Array.isArray(nested[0]) ? nested[0].length : 0;
  const classes = time > 0 && nested[0][0] != null ? nested[0][0].length : 0;
  if (classes === 0) {
    throw new CtcInputError('nested scores need at least one frame of class scores; use { values, shape } otherwise');
  }
  const values = new Float64Array(batch * time * classes);
  for (let b = 0; b < batch; b++) {
    const item = nested[b];
    if (!Array.isArray(item) || item.length !== time) {
      throw new CtcInputError(`scores[${b}] must hold ${time} frames like scores[0]`);
    }
    for (let t = 0; t < time; t++) {
      const row = item[t];
      if (row == null || row.length !== classes) {
        throw new CtcInputError(`scores[${b}][${t}] must hold ${classes} class scores like scores[0][0]`);
      }
      for (let k = 0; k < classes; k++) values[(b * time + t) * classes + k] = row[k];
    }
  }
  return { values, batch, time, classes };
}
