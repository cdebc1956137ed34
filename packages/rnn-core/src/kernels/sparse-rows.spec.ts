import { randomArray } from '@rnnkit/test-utils';
import { gatherProjection, scatterGradient, sparseRows } from './sparse-rows';

/** Brute-force row-major products, in float64, as the reference. */
function product(a: Float32Array, b: Float32Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let p = 0; p < k; p++) out[i * m + j] += a[i * k + p] * b[p * m + j];
  return out;
}

function transpose(a: Float32Array, n: number, m: number): Float32Array {
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

describe('sparse input rows', () => {
  const rows = 5;
  const inputs = 4;
  const width = 3;
  // A one-hot row, a zero row, a scaled one-hot row, the same column twice, and the last column.
  const x = new Float32Array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, -2.5, 0, 0, 1, 0, 0, 0, 0, 0, 1]);

  it('finds each row’s only non-zero, −1 for a zero row, and refuses a row with two', () => {
    const s = sparseRows(x, rows, inputs);
    expect(Array.from(s!.columns)).toEqual([1, -1, 2, 1, 3]);
    expect(Array.from(s!.values)).toEqual([1, 0, -2.5, 1, 1]);
    const dense = x.slice();
    dense[8] = 0.1;
    expect(sparseRows(dense, rows, inputs)).toBeNull();
  });

  it('gathers x·W + b and scatters xᵀ·dY exactly as the brute-force products', () => {
    const s = sparseRows(x, rows, inputs)!;
    const kernel = randomArray(inputs * width, 1);
    const bias = randomArray(width, 2);
    const dY = randomArray(rows * width, 3);
    const xw = product(x, kernel, rows, inputs, width);
    const gathered = gatherProjection(s, kernel, bias, width);
    gathered.forEach((v, i) => expect(v).toBeCloseTo(xw[i] + bias[i % width], 6));
    const xtdy = product(transpose(x, rows, inputs), dY, inputs, rows, width);
    scatterGradient(s, transpose(dY, rows, width), inputs, width).forEach((v, i) => expect(v).toBeCloseTo(xtdy[i], 6));
  });

  // Scaled rows take the multiplying loop, all-one rows the one without; widths leave a remainder past the groups of 4.
  it.each([
    ['scaled and one-hot rows', 5, -0.75],
    ['one-hot rows only', 9, 1],
  ])('sums each kernel gradient over its rows in row order, bit for bit as a float64 scatter row by row (%s)', (_, w, scaled) => {
    const n = 300;
    const ins = 7;
    const columns = Int32Array.from({ length: n }, (_, r) => (r % 11 === 4 ? -1 : (r * 5) % ins));
    const values = Float32Array.from(columns, (c, r) => (c < 0 ? 0 : r % 3 === 0 ? scaled : 1));
    const dYT = randomArray(w * n, 8);
    const sums = new Float64Array(ins * w);
    for (let r = 0; r < n; r++) {
      if (columns[r] < 0) continue;
      for (let g = 0; g < w; g++) sums[columns[r] * w + g] += values[r] * dYT[g * n + r];
    }
    expect(Array.from(scatterGradient({ columns, values }, dYT, ins, w))).toEqual(Array.from(new Float32Array(sums)));
  });
});
