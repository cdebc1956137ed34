import { tf } from '../tfjs';
import { peekValues, tensorFromScratch, tensorsCopyTheirValues } from './tensor-values';

/**
 * Rows [start, start + count) of a 2-D float32 tensor, with tf.slice's gradient (the upstream gradient padded with
 * zero rows). On wasm, tfjs's Slice kernel first copies its whole input into a fresh JavaScript array (megabytes
 * per call for a sequence's packed outputs); here the rows are copied out of the backend's memory through a pooled
 * array. Elsewhere it is tf.slice.
 */
export function takeRows(x: tf.Tensor2D, start: number, count: number): tf.Tensor2D {
  const [rows, width] = x.shape;
  if (!(Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= rows)) {
    throw new Error(`takeRows: rows [${start}, ${start + count}) are outside the tensor's ${rows} rows`);
  }
  if (!tensorsCopyTheirValues() || x.dtype !== 'float32') return tf.slice(x, [start, 0], [count, width]);
  const op = tf.customGrad((...args: unknown[]) => {
    const xT = args[0] as tf.Tensor2D;
    const value = tensorFromScratch(count * width, [count, width], (out) => {
      out.set(peekValues(xT).subarray(start * width, (start + count) * width));
      return out;
    }) as tf.Tensor2D;
    const gradFunc = (dy: tf.Tensor) => tf.pad(dy as tf.Tensor2D, [[start, rows - start - count], [0, 0]]);
    return { value, gradFunc };
  });
  return op(x) as tf.Tensor2D;
}
