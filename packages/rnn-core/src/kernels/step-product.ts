import { tf } from '../tfjs';
import type { StepProduct } from './cell-kernel';

/**
 * A per-step product through tfjs (XNNPACK on wasm, native on tfjs-node): `run(x)` is x·M for a fixed matrix M.
 * Each run makes exactly two tensors, the operand and the result, and frees both before it returns: tfjs has
 * no public way to refill a tensor or to multiply into an existing one. The result is read once with
 * `dataSync` (a copy on wasm and tfjs-node, the result's own storage on cpu).
 */
export class TfjsStepProduct implements StepProduct {
  readonly operand: Float32Array;
  private readonly rows: number;

  /**
   * @param matrix M [inner, cols]; the caller keeps ownership and frees it after the last run
   * @param rows rows of every operand
   */
  constructor(private readonly matrix: tf.Tensor2D, rows: number) {
    this.rows = rows;
    this.operand = new Float32Array(rows * matrix.shape[0]);
  }

  run(operand: Float32Array = this.operand): Float32Array {
    // Never return a typed array from tf.tidy: tfjs walks the returned value element by element looking for tensors.
    const left = tf.tensor2d(operand, [this.rows, this.matrix.shape[0]]);
    const product = tf.matMul(left, this.matrix);
    const values = product.dataSync() as Float32Array;
    left.dispose();
    product.dispose();
    return values;
  }
}
