import { tf } from '../tfjs';
import { sequencePool } from './float32-pool';
import { peekValues } from './tensor-values';
import { transposeRowsReused, transposedColumns } from './transpose-rows';

/** Options of {@link denseSoftmaxCrossEntropy}. */
export interface DenseSoftmaxCrossEntropyOptions {
  /**
   * Weight of each row's loss, [N] (0 drops a padded step). The loss is Σ wᵢ·CEᵢ / Σ wᵢ, so the weights need not
   * sum to one. Default: every row weighs 1, i.e. the mean over rows.
   */
  rowWeights?: Float32Array | null;
}

/**
 * The output layer of a sequence model and its loss in one op: logits = x·W + b, softmax over classes, cross-entropy
 * against integer class ids, averaged over rows. One custom gradient covers all three, so the backward pass is two
 * plain matrix products on explicitly transposed operands (tfjs's own matMul gradient uses the transpose flags,
 * which are 10–100× slower on wasm) and ∂L/∂logits = softmax − one-hot is formed in the forward pass.
 *
 * @param x [N, K] features (e.g. an RNN's outputs reshaped to [B·T, H])
 * @param kernel [K, V]
 * @param bias [V]
 * @param labels class ids in [0, V), N of them
 * @returns the scalar loss in nats
 */
export function denseSoftmaxCrossEntropy(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  labels: Int32Array,
  options: DenseSoftmaxCrossEntropyOptions = {},
): tf.Scalar {
  const [N, K] = x.shape;
  const V = kernel.shape[1];
  if (kernel.shape[0] !== K) throw new Error(`denseSoftmaxCrossEntropy: kernel has shape [${kernel.shape}], expected [${K},${V}]`);
  if (bias.rank !== 1 || bias.shape[0] !== V) throw new Error(`denseSoftmaxCrossEntropy: bias has shape [${bias.shape}], expected [${V}]`);
  if (labels.length !== N) throw new Error(`denseSoftmaxCrossEntropy: ${labels.length} labels for ${N} rows`);
  const weights = options.rowWeights ?? null;
  if (weights && weights.length !== N) throw new Error(`denseSoftmaxCrossEntropy: ${weights.length} row weights for ${N} rows`);
  for (let n = 0; n < N; n++) {
    const c = labels[n];
    if (!(c >= 0 && c < V)) throw new Error(`denseSoftmaxCrossEntropy: label ${c} at row ${n} is outside [0, ${V})`);
  }

  const op = tf.customGrad((...args: unknown[]) => {
    const [xT, kT, bT] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const logitsT = tf.tidy(() => tf.add(tf.matMul(xT as tf.Tensor2D, kT as tf.Tensor2D), bT));
    // Read in place: nothing between here and the dispose calls tfjs.
    const { loss, dLogits } = softmaxCrossEntropyRows(peekValues(logitsT), N, V, labels, weights);
    logitsT.dispose();
    save([xT, kT]);

    let released = false;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      if (released) throw new Error('denseSoftmaxCrossEntropy: the backward pass of one call ran twice');
      const [xS, kS] = saved;
      const scale = (dy.dataSync() as Float32Array)[0];
      const dz = scale === 1 ? dLogits : dLogits.map((v) => v * scale);
      const dBias = new Float32Array(V);
      for (let r = 0; r < N * V; r += V) for (let v = 0; v < V; v++) dBias[v] += dz[r + v];
      const grads = tf.tidy(() => {
        const dzT = tf.tensor2d(dz, [N, V]);
        const dx = tf.matMul(dzT, transposedColumns(kS as tf.Tensor2D));
        const dKernel = tf.matMul(tf.tensor2d(transposeRowsReused(peekValues(xS), N, K), [K, N]), dzT);
        return [dx, dKernel, tf.tensor1d(dBias)];
      });
      // The tensor made from dLogits was an intermediate of the tidy, now freed.
      released = true;
      sequencePool.give(dLogits);
      return grads;
    };
    return { value: tf.scalar(loss), gradFunc };
  });
  return op(x, kernel, bias) as tf.Scalar;
}

/**
 * Weighted mean softmax cross-entropy of logit rows [N, V], and its gradient with respect to the logits. Row
 * maxima are subtracted before exponentiating; the sums run in float64 so that wide rows lose nothing.
 */
function softmaxCrossEntropyRows(
  logits: Float32Array,
  N: number,
  V: number,
  labels: Int32Array,
  weights: Float32Array | null,
): { loss: number; dLogits: Float32Array } {
  let totalWeight = 0;
  for (let n = 0; n < N; n++) totalWeight += weights ? weights[n] : 1;
  const dLogits = sequencePool.take(N * V); // zero-filled: rows of weight 0 keep no gradient
  let loss = 0;
  if (totalWeight === 0) return { loss, dLogits };
  for (let n = 0; n < N; n++) {
    const w = (weights ? weights[n] : 1) / totalWeight;
    if (w === 0) continue;
    const row = n * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (logits[row + v] > max) max = logits[row + v];
    let sum = 0;
    for (let v = 0; v < V; v++) {
      const e = Math.exp(logits[row + v] - max);
      dLogits[row + v] = e;
      sum += e;
    }
    loss += w * (Math.log(sum) - (logits[row + labels[n]] - max));
    const norm = w / sum;
    for (let v = 0; v < V; v++) dLogits[row + v] *= norm;
    dLogits[row + labels[n]] -= w;
  }
  return { loss, dLogits };
}
