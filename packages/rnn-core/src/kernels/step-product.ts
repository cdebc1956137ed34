import { tf } from '../tfjs';
import type { StepProduct } from './cell-kernel';
import { keepValues } from './tensor-values';

/**
 * A per-step product through tfjs (XNNPACK on wasm, native on tfjs-node): `run(x)` is x·M for a fixed matrix M.
 * Each run makes exactly two tensors, the operand and the result, and frees both before it returns: tfjs has
 * no public way to refill a tensor or to multiply into an existing one. On wasm the result is copied from the
 * backend's memory into an array the product owns and reuses (`dataSync` would make a fresh one at every step);
 * on cpu `dataSync` is the result's own storage, returned as it is; elsewhere it is a fresh copy.
 */
export class TfjsStepProduct implements StepProduct {
  readonly operand: Float32Array;
  private readonly rows: number;
  private result: Float32Array | null = null;

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
    this.result = keepValues(product, this.result);
    left.dispose();
    product.dispose();
    return this.result;
  }
}
