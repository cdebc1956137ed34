import { tf } from '../tfjs';
import { peekValues, tensorFromScratch } from './tensor-values';

/** Where a block of a row-major matrix lies: `stride` values per row, the block's first value at `offset`. */
export interface BlockLayout {
  stride: number;
  offset: number;
}

/**
 * Copies the block of `rows` × `cols` values of `src` to `dst` transposed: dst[c, r] = src[r, c]. Tiles of 32 × 32;
 * within a tile the inner loop runs along whichever side has the longer row stride, so that the strided accesses
 * have the shorter stride. With the inner loop always along the source row (as before), transposing [1024, 256]
 * wrote with a 4 kB stride, where 32 rows of a tile fall in the same few L1 sets and evict each other: 2.0 ms
 * against 0.4 ms for the same copy with the loops swapped (CPU time, shared machine; `[2048, 256]` 4.1 → 0.8 ms).
 */
export function transposeBlock(
  src: Float32Array,
  from: BlockLayout,
  rows: number,
  cols: number,
  dst: Float32Array,
  to: BlockLayout,
): void {
  const tile = 32;
  const { stride: ss, offset: so } = from;
  const { stride: ds, offset: dso } = to;
  const alongDestination = ss <= ds;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = Math.min(r0 + tile, rows);
    for (let c0 = 0; c0 < cols; c0 += tile) {
      const c1 = Math.min(c0 + tile, cols);
      if (alongDestination) {
        for (let c = c0; c < c1; c++) {
          const d = dso + c * ds;
          for (let r = r0; r < r1; r++) dst[d + r] = src[so + r * ss + c];
        }
      } else {
        for (let r = r0; r < r1; r++) {
          const s = so + r * ss;
          for (let c = c0; c < c1; c++) dst[dso + c * ds + r] = src[s + c];
        }
      }
    }
  }
}

/**
 * Row-major [n, w] → row-major [w, n], in JS (see {@link transposeBlock}). On wasm this beats tfjs's Transpose
 * kernel (the recurrent kernel's [256, 1024]: 2.2 ms of CPU against 0.8 ms with the tensor made, shared machine),
 * and it lets weight gradients be formed as plain products with a small right operand: XNNPACK repacks the right
 * operand of every product it has not seen before, which costs as much as the product when that operand is large.
 */
export function transposeRows(values: Float32Array, n: number, w: number, out = new Float32Array(n * w)): Float32Array {
  transposeBlock(values, { stride: w, offset: 0 }, n, w, out, { stride: n, offset: 0 });
  return out;
}

let reused = new Float32Array(0);

/**
 * {@link transposeRows} into an array that the next call of the same size reuses: for operands that are read into
 * a product and let go within one gradient function. A fresh array of a step's size (2 MB for the benchmark's dense
 * layer) costs a page fault per 4 kB at first touch.
 */
export function transposeRowsReused(values: Float32Array, n: number, w: number): Float32Array {
  if (reused.length !== n * w) reused = new Float32Array(n * w);
  return transposeRows(values, n, w, reused);
}

/**
 * The transpose of columns [from, to) of a float32 matrix [n, w], as a new tensor [to − from, n], copied in JS
 * rather than by tfjs's Transpose (and Gather or Slice for a column block), which on wasm is several times slower.
 */
export function transposedColumns(m: tf.Tensor2D, from = 0, to = m.shape[1]): tf.Tensor2D {
  const [n, w] = m.shape;
  const cols = to - from;
  return tensorFromScratch(cols * n, [cols, n], (out) => {
    transposeBlock(peekValues(m), { stride: w, offset: from }, n, cols, out, { stride: n, offset: 0 });
    return out;
  }) as tf.Tensor2D;
}

/**
 * Columns [from, to) of a float32 matrix [n, w], as a new tensor [n, to − from], copied row by row in JS: tfjs's
 * Gather kernel on wasm took 6 ms for 512 of a [256, 768] kernel's columns, the copy 0.2 ms (CPU, shared machine).
 */
export function copiedColumns(m: tf.Tensor2D, from: number, to: number): tf.Tensor2D {
  const [n, w] = m.shape;
  const cols = to - from;
  return tensorFromScratch(n * cols, [n, cols], (out) => {
    const values = peekValues(m);
    for (let r = 0; r < n; r++) out.set(values.subarray(r * w + from, r * w + to), r * cols);
    return out;
  }) as tf.Tensor2D;
}
