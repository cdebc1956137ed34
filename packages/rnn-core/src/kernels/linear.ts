import { tf } from '../tfjs';
import { peekValues } from './tensor-values';
import { transposeRowsReused, transposedColumns } from './transpose-rows';

/**
 * x·W + b with a gradient made of plain products on explicitly transposed operands. tfjs's own matMul gradient
 * multiplies with the transposeA/transposeB flags, which on wasm run 10–100× slower than a plain product (on the
 * lstm bench config, ~200 ms of a training step for a [2048,256]·[256,96] output layer).
 *
 * @param x [N, K]
 * @param kernel [K, M]
 * @param bias [M], or null for no bias
 * @returns [N, M]
 */
export function linear(x: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D | null): tf.Tensor2D {
  const [N, K] = x.shape;
  const M = kernel.shape[1];
  if (kernel.shape[0] !== K) {
    throw new Error(`linear: kernel has shape [${kernel.shape}]; its rows must match the ${K} columns of x`);
  }
  if (bias && (bias.rank !== 1 || bias.shape[0] !== M)) {
    throw new Error(`linear: bias has shape [${bias.shape}], expected [${M}]`);
  }
  const op = tf.customGrad((...args: unknown[]) => {
    const [xT, kT, bT] = args as tf.Tensor[];
    const save = args[args.length - 1] as tf.GradSaveFunc;
    save([xT, kT]);
    const value = tf.tidy(() => {
      const product = tf.matMul(xT as tf.Tensor2D, kT as tf.Tensor2D);
      return bias ? tf.add(product, bT) : product;
    });
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xS, kS] = saved;
      return tf.tidy(() => {
        const dx = tf.matMul(dy as tf.Tensor2D, transposedColumns(kS as tf.Tensor2D));
        const xTransposed = tf.tensor2d(transposeRowsReused(peekValues(xS), N, K), [K, N]);
        const dKernel = tf.matMul(xTransposed, dy as tf.Tensor2D);
        return bias ? [dx, dKernel, tf.sum(dy, 0)] : [dx, dKernel];
      });
    };
    return { value, gradFunc };
  });
  return (bias ? op(x, kernel, bias) : op(x, kernel)) as tf.Tensor2D;
}
