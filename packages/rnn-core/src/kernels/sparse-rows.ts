import { sequencePool } from './float32-pool';

/**
 * Inputs whose rows hold at most one non-zero value — one-hot symbols, padded rows of zeros — make the input
 * projection a row gather and the kernel gradient a row scatter: the same numbers as the matrix products (a
 * product by 1 or a sum with zeros is exact) for a few million fewer multiply-adds on a character model.
 */
export interface SparseRows {
  /** Column of each row's non-zero value, or −1 for a row of zeros. */
  columns: Int32Array;
  /** The non-zero value of each row (0 for a row of zeros). */
  values: Float32Array;
}

/** Finds the non-zero of every row of a row-major [rows, width] array; null as soon as a row has two. */
export function sparseRows(x: Float32Array, rows: number, width: number): SparseRows | null {
  const columns = new Int32Array(rows).fill(-1);
  const values = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let k = 0; k < width; k++) {
      const v = x[base + k];
      if (v === 0) continue;
      if (columns[r] >= 0) return null;
      columns[r] = k;
      values[r] = v;
    }
  }
  return { columns, values };
}

/**
 * x·W + bias for sparse rows of x: each output row is value·W[column] + bias, [rows, width], written into `out`
 * (default: a new array) and returned.
 */
export function gatherProjection(
  rows: SparseRows,
  kernel: Float32Array,
  bias: Float32Array,
  width: number,
  out: Float32Array = new Float32Array(rows.columns.length * width),
): Float32Array {
  const n = rows.columns.length;
  const inputs = kernel.length / width;
  // W + bias once per input symbol: a one-hot row is then a copy of one of these rows.
  const shifted = sequencePool.takeForOverwrite(kernel.length);
  for (let k = 0; k < inputs; k++) for (let g = 0; g < width; g++) shifted[k * width + g] = kernel[k * width + g] + bias[g];
  for (let r = 0; r < n; r++) {
    const c = rows.columns[r];
    const v = rows.values[r];
    const o = r * width;
    if (c < 0) {
      out.set(bias, o);
    } else if (v === 1) {
      out.set(shifted.subarray(c * width, (c + 1) * width), o);
    } else {
      for (let g = 0; g < width; g++) out[o + g] = v * kernel[c * width + g] + bias[g];
    }
  }
  sequencePool.give(shifted);
  return out;
}

/**
 * xᵀ·dY for sparse rows of x [rows, inputs], given dY transposed, [width, rows]: the kernel gradient
 * [inputs, width], summed in float64, written into `out` (default: a new array; every value is written). Rows are
 * grouped by their column first, so that each output is one running sum over its rows in row order (the same
 * additions, in the same order, as a scatter over all rows) and is written once, instead of a read-modify-write of
 * the output for every row and gate. Four outputs of a column are summed side by side, sharing each row index, and
 * one-hot rows (value 1) skip the multiplication, which would not change a bit.
 */
export function scatterGradient(
  rows: SparseRows,
  dYT: Float32Array,
  inputs: number,
  width: number,
  out: Float32Array = new Float32Array(inputs * width),
): Float32Array {
  const n = rows.columns.length;
  const { columns, values } = rows;
  // Counting sort of the non-zero rows by column: rows of column c are order[start[c] … start[c + 1]).
  const start = new Int32Array(inputs + 1);
  for (let r = 0; r < n; r++) if (columns[r] >= 0) start[columns[r] + 1]++;
  for (let c = 0; c < inputs; c++) start[c + 1] += start[c];
  const order = new Int32Array(start[inputs]);
  const next = start.slice(0, inputs);
  let oneHot = true;
  for (let r = 0; r < n; r++) {
    if (columns[r] < 0) continue;
    order[next[columns[r]]++] = r;
    if (values[r] !== 1) oneHot = false;
  }
  let g = 0;
  for (; g + 4 <= width; g += 4) {
    const o0 = g * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let c = 0; c < inputs; c++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      const end = start[c + 1];
      if (oneHot) {
        for (let k = start[c]; k < end; k++) {
          const r = order[k];
          s0 += dYT[o0 + r];
          s1 += dYT[o1 + r];
          s2 += dYT[o2 + r];
          s3 += dYT[o3 + r];
        }
      } else {
        for (let k = start[c]; k < end; k++) {
          const r = order[k];
          const v = values[r];
          s0 += v * dYT[o0 + r];
          s1 += v * dYT[o1 + r];
          s2 += v * dYT[o2 + r];
          s3 += v * dYT[o3 + r];
        }
      }
      const at = c * width + g;
      out[at] = s0;
      out[at + 1] = s1;
      out[at + 2] = s2;
      out[at + 3] = s3;
    }
  }
  for (; g < width; g++) {
    const o = g * n;
    for (let c = 0; c < inputs; c++) {
      let sum = 0;
      for (let k = start[c]; k < start[c + 1]; k++) sum += values[order[k]] * dYT[o + order[k]];
      out[c * width + g] = sum;
    }
  }
  return out;
}
