import * as tf from '@tensorflow/tfjs-core';
import { ctcBackward, ctcForward, type CtcSequence } from './ctc-alignment';
import { CtcInputError } from './ctc-error';
import { checkBlank, checkInputLengths, checkLabels } from './ctc-input';
import { logSoftmaxRow } from './log-space';

/** How {@link ctcLoss} combines the per-sequence losses. */
export type CtcReduction = 'mean' | 'sum' | 'none';

/** Options of {@link ctcLoss}. */
export interface CtcLossOptions {
  /** Class index of the CTC blank. Default 0. */
  blank?: number;
  /**
   * Number of valid frames per batch item, each in `[0, time]`; later frames are padding, take no part in the
   * loss and receive a zero gradient. Default: every item uses all `time` frames.
   */
  inputLengths?: ArrayLike<number>;
  /**
   * `'mean'` (default): the average of the per-sequence losses over the batch — NOT divided by label length
   * (PyTorch's `'mean'` divides by it first; multiply by your own weights if you want that).
   * `'sum'`: their sum. `'none'`: a `[batch]` tensor of per-sequence losses.
   */
  reduction?: CtcReduction;
  /**
   * What an infeasible item contributes — one whose label needs more frames than it has (each label takes a
   * frame, and each pair of equal neighbouring labels needs a blank frame between them). `false` (default): its
   * loss is `Infinity` (so a `'mean'` or `'sum'` is `Infinity` too), making the problem visible. `true`: its loss
   * is 0. Either way its gradient is exactly zero, so it never poisons the other items' updates with NaN.
   */
  zeroInfinity?: boolean;
}

/**
 * Connectionist temporal classification loss: −log p(labels | logits), summed over every alignment of the label
 * sequence to the frames (blanks anywhere, repeats collapsed), computed by the log-space forward–backward
 * algorithm in float64.
 *
 * `logits` are unnormalised scores `[batch, time, classes]` (float32); log-softmax is applied internally (in
 * float64), so the gradient with respect to the logits has the stable closed form softmax − alignment posterior.
 * `labels` holds one sequence of class indices per item (any length, possibly empty; never the blank). The result
 * is differentiable with respect to `logits` (tf.grad, tf.variableGrads, optimizers) and needs no other gradient
 * registered; its shape is `[]`, or `[batch]` for `reduction: 'none'`. The values are read to JS synchronously
 * (`dataSync`), which suits the cpu and wasm backends this package targets.
 *
 * @throws {@link CtcInputError} when `logits` is not a float32 rank-3 tensor, a label is the blank or out of
 * range, the blank is out of range, an input length is outside `[0, time]` or the reduction is unknown.
 */
export function ctcLoss(
  logits: tf.Tensor3D,
  labels: ReadonlyArray<ArrayLike<number>>,
  options: CtcLossOptions = {},
): tf.Tensor {
  if (!(logits instanceof tf.Tensor) || logits.rank !== 3) {
    const got = logits instanceof tf.Tensor ? `shape [${logits.shape.join(', ')}]` : typeof logits;
    throw new CtcInputError(`logits must be a rank-3 tensor [batch, time, classes], got ${got}`);
  }
  if (logits.dtype !== 'float32') throw new CtcInputError(`logits must be float32, got ${logits.dtype}`);
  const [batch, time, classes] = logits.shape;
  const { blank = 0, reduction = 'mean', zeroInfinity = false } = options;
  checkBlank(blank, classes);
  const labelSeqs = checkLabels(labels, batch, classes, blank);
  const lengths = checkInputLengths(options.inputLengths, batch, time);
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new CtcInputError(`reduction must be 'mean', 'sum' or 'none', got ${String(reduction)}`);
  }

  // The reduction happens inside the custom gradient too, so that differentiating the loss needs no gradient
  // registered for other ops (tfjs-core alone registers none).
  const perItemWeight = reduction === 'mean' ? 1 / Math.max(batch, 1) : 1;
  const differentiable = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = (inputs[0] as tf.Tensor).dataSync();
    // Log-softmax in float64 JS rather than as tensor ops: more accurate, and ~10x faster than the cpu kernels.
    // Padded frames are skipped, so whatever they hold (even -Infinity) cannot turn into NaN.
    const logProbs = new Float64Array(batch * time * classes);
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < lengths[b]; t++) {
        const row = (b * time + t) * classes;
        logSoftmaxRow(x, row, classes, logProbs, row);
      }
    }
    const seqs: CtcSequence[] = [];
    const losses = new Float64Array(batch);
    for (let b = 0; b < batch; b++) {
      const seq = ctcForward(logProbs, b * time * classes, lengths[b], classes, labelSeqs[b], blank);
      seqs.push(seq);
      losses[b] = seq.logLikelihood === -Infinity && zeroInfinity ? 0 : -seq.logLikelihood;
    }
    const value =
      reduction === 'none'
        ? tf.tensor1d(Float32Array.from(losses))
        : tf.scalar(perItemWeight * losses.reduce((sum, v) => sum + v, 0));
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const upstream = dy.dataSync();
      const grad = new Float32Array(batch * time * classes);
      const maxS = seqs.reduce((m, s) => Math.max(m, s.extended.length), 1);
      const scratch = {
        betaA: new Float64Array(maxS),
        betaB: new Float64Array(maxS),
        occupancy: new Float64Array(classes),
      };
      for (let b = 0; b < batch; b++) {
        const scale = reduction === 'none' ? upstream[b] : upstream[0] * perItemWeight;
        ctcBackward(logProbs, b * time * classes, classes, seqs[b], blank, scale, grad, scratch);
      }
      return tf.tensor3d(grad, [batch, time, classes]);
    };
    return { value, gradFunc };
  });
  return differentiable(logits);
}
