/**
 * Row-major [n, w] → row-major [w, n], in JS, in cache-sized tiles. On wasm this beats a transpose op, and it lets
 * weight gradients be formed as plain products with a small right operand: XNNPACK repacks the right operand of
 * every product it has not seen before, which costs as much as the product itself when that operand is large.
 */
export function transposeRows(values: Float32Array, n: number, w: number, out = new Float32Array(n * w)): Float32Array {
  const tile = 32;
  for (let r0 = 0; r0 < n; r0 += tile) {
    const r1 = Math.min(r0 + tile, n);
    for (let k0 = 0; k0 < w; k0 += tile) {
      const k1 = Math.min(k0 + tile, w);
      for (let r = r0; r < r1; r++) {
        const base = r * w;
        for (let k = k0; k < k1; k++) out[k * n + r] = values[base + k];
      }
    }
  }
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
