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

/** x·W + bias for sparse rows of x: each output row is value·W[column] + bias, [rows, width]. */
export function gatherProjection(rows: SparseRows, kernel: Float32Array, bias: Float32Array, width: number): Float32Array {
  const n = rows.columns.length;
  const inputs = kernel.length / width;
  // W + bias once per input symbol: a one-hot row is then a copy of one of these rows.
  const shifted = new Float32Array(kernel.length);
  for (let k = 0; k < inputs; k++) for (let g = 0; g < width; g++) shifted[k * width + g] = kernel[k * width + g] + bias[g];
  const out = new Float32Array(n * width);
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
  return out;
}

/**
 * xᵀ·dY for sparse rows of x [rows, inputs], given dY transposed, [width, rows]: the kernel gradient
 * [inputs, width], summed in float64.
 */
export function scatterGradient(rows: SparseRows, dYT: Float32Array, inputs: number, width: number): Float32Array {
  const sums = new Float64Array(inputs * width);
  const n = rows.columns.length;
  const { columns, values } = rows;
  for (let g = 0; g < width; g++) {
    const o = g * n;
    for (let r = 0; r < n; r++) {
      const c = columns[r];
      if (c >= 0) sums[c * width + g] += values[r] * dYT[o + r];
    }
  }
  return new Float32Array(sums);
}
