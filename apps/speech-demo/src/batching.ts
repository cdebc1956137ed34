import { createRng, type Rng } from '@rnnkit/common';
import { tf } from '@rnnkit/rnn-core';
import type { Features } from '@rnnkit/speech';

/** One training or evaluation example: features and the class indices it should produce. */
export interface Example {
  features: Features;
  /** Word mode: one class. Sequence mode: the label sequence (CTC classes, never the blank). */
  target: number[];
}

/** A padded batch as plain arrays (tensors are made only when it is used). */
export interface PaddedBatch {
  /** [batch, steps, dim], zero after each example's end. */
  input: Float32Array;
  /** 1 for a real step, 0 for padding, [batch, steps]. */
  mask: Float32Array;
  /** Real steps of each example. */
  lengths: number[];
  targets: number[][];
  batch: number;
  steps: number;
  dim: number;
}

/** Pads examples to the longest of them and builds the mask. */
export function padBatch(examples: readonly Example[]): PaddedBatch {
  const batch = examples.length;
  const steps = Math.max(1, ...examples.map((e) => e.features.steps));
  const dim = examples[0].features.dim;
  const input = new Float32Array(batch * steps * dim);
  const mask = new Float32Array(batch * steps);
  examples.forEach((e, b) => {
    input.set(e.features.data, b * steps * dim);
    mask.fill(1, b * steps, b * steps + e.features.steps);
  });
  return { input, mask, lengths: examples.map((e) => e.features.steps), targets: examples.map((e) => e.target), batch, steps, dim };
}

/**
 * Groups examples of similar length into batches (little padding, so little wasted work) and shuffles the batch
 * order; the same seed gives the same batches.
 */
export function bucketBatches<T extends Example>(examples: readonly T[], batchSize: number, seed: number): T[][] {
  const rng = createRng(seed);
  // Random jitter of less than one step keeps equal lengths in random order.
  const keyed = examples.map((e) => ({ e, key: e.features.steps + rng.next() }));
  keyed.sort((a, b) => a.key - b.key);
  const batches: T[][] = [];
  for (let i = 0; i < keyed.length; i += batchSize) batches.push(keyed.slice(i, i + batchSize).map((k) => k.e));
  for (let i = batches.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [batches[i], batches[j]] = [batches[j], batches[i]];
  }
  return batches;
}

/**
 * Word-mode targets: each example's class at every step, int32 [batch, steps] (padding steps are masked out
 * of the loss), so that every frame learns to name the word and recognition can average over frames.
 */
export function frameTargets(targets: readonly number[][], steps: number): tf.Tensor2D {
  const flat = new Int32Array(targets.length * steps);
  targets.forEach((t, b) => flat.fill(t[0], b * steps, (b + 1) * steps));
  return tf.tensor2d(flat, [targets.length, steps], 'int32');
}

/** Sequence-mode targets: the label sequences as int32 [batch, longest], padded with -1. */
export function labelTargets(targets: readonly number[][]): tf.Tensor2D {
  const longest = Math.max(1, ...targets.map((t) => t.length));
  const flat = new Int32Array(targets.length * longest).fill(-1);
  targets.forEach((t, b) => flat.set(t, b * longest));
  return tf.tensor2d(flat, [targets.length, longest], 'int32');
}

/** Undoes the padding of {@link labelTargets}. */
export function unpadTargets(values: ArrayLike<number>, batch: number): number[][] {
  const longest = values.length / batch;
  const out: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const row: number[] = [];
    for (let k = 0; k < longest && values[b * longest + k] >= 0; k++) row.push(values[b * longest + k]);
    out.push(row);
  }
  return out;
}

/** Options of {@link maskFeatures}. */
export interface FeatureMaskOptions {
  /** Time masks per example: each zeroes up to 20% of its steps (at most 5) in a row. */
  time: number;
  /** Feature masks per example: each zeroes 1–4 adjacent coefficients of every stacked frame. */
  features: number;
  /** Values per stacked frame (the masks repeat with this period along a step). */
  frameDim: number;
}

/**
 * SpecAugment-style masking on normalised features, in place: a training-time regulariser that keeps the
 * model from leaning on any one moment or coefficient (zero is the per-utterance mean after CMVN).
 */
export function maskFeatures(batch: PaddedBatch, rng: Rng, options: FeatureMaskOptions): void {
  const { steps, dim } = batch;
  for (let b = 0; b < batch.batch; b++) {
    const length = batch.lengths[b];
    for (let m = 0; m < options.time; m++) {
      const width = Math.floor(rng.next() * (Math.min(5, Math.floor(length / 5)) + 1));
      const start = Math.floor(rng.next() * Math.max(1, length - width + 1));
      batch.input.fill(0, (b * steps + start) * dim, (b * steps + start + width) * dim);
    }
    for (let m = 0; m < options.features; m++) {
      const width = 1 + Math.floor(rng.next() * Math.min(4, options.frameDim));
      const first = Math.floor(rng.next() * Math.max(1, options.frameDim - width + 1));
      for (let t = 0; t < length; t++) {
        for (let offset = 0; offset < dim; offset += options.frameDim) {
          const at = (b * steps + t) * dim + offset + first;
          batch.input.fill(0, at, at + width);
        }
      }
    }
  }
}
