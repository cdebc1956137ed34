import { BACKENDS_UNDER_TEST, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { copiedColumns, transposeBlock, transposeRows, transposedColumns } from './transpose-rows';

/** dst[c, r] = src[r, c], one element at a time: the reference. */
function naiveTranspose(src: Float32Array, n: number, w: number): Float32Array {
  const out = new Float32Array(n * w);
  for (let r = 0; r < n; r++) for (let c = 0; c < w; c++) out[c * n + r] = src[r * w + c];
  return out;
}

describe('transposeRows', () => {
  // Shapes with both loop orders (n < w, n > w, square), edges that are not a multiple of the tile, one row/column.
  it.each([
    [1, 1],
    [1, 70],
    [70, 1],
    [33, 65],
    [65, 33],
    [64, 64],
    [256, 96],
    [1024, 256],
  ])('[%i, %i] equals the element-by-element transpose', (n, w) => {
    const src = randomArray(n * w, n + w);
    expect(Array.from(transposeRows(src, n, w))).toEqual(Array.from(naiveTranspose(src, n, w)));
  });
});

describe('transposeBlock', () => {
  it.each([
    ['source stride shorter', 5, 40],
    ['destination stride shorter', 40, 5],
  ])('copies a block between offsets and strides and touches nothing else (%s)', (_, rows, cols) => {
    const srcStride = cols + 7;
    const src = randomArray(3 + rows * srcStride, rows * cols);
    const dstStride = rows + 4;
    const dst = new Float32Array(2 + cols * dstStride).fill(-9);
    transposeBlock(src, { stride: srcStride, offset: 3 }, rows, cols, dst, { stride: dstStride, offset: 2 });
    const want = new Float32Array(dst.length).fill(-9);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) want[2 + c * dstStride + r] = src[3 + r * srcStride + c];
    expect(Array.from(dst)).toEqual(Array.from(want));
  });
});

describe.each(BACKENDS_UNDER_TEST)('transposedColumns and copiedColumns on %s', (backend) => {
  useBackend(backend);

  it("gives tf.transpose's values for the whole matrix and for a block of columns, leaving no tensor behind", () => {
    const m = tf.tensor2d(randomArray(9 * 20, 4), [9, 20]);
    const before = tf.memory().numTensors;
    const whole = transposedColumns(m);
    const block = transposedColumns(m, 5, 12);
    expect(whole.shape).toEqual([20, 9]);
    expect(block.shape).toEqual([7, 9]);
    const want = tf.tidy(() => tf.transpose(m));
    const wantBlock = tf.tidy(() => tf.transpose(tf.slice(m, [0, 5], [9, 7])));
    expect(Array.from(whole.dataSync())).toEqual(Array.from(want.dataSync()));
    expect(Array.from(block.dataSync())).toEqual(Array.from(wantBlock.dataSync()));
    tf.dispose([whole, block, want, wantBlock]);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it("copiedColumns gives tf.slice's values for a block of columns, leaving no tensor behind", () => {
    const m = tf.tensor2d(randomArray(9 * 20, 5), [9, 20]);
    const before = tf.memory().numTensors;
    const block = copiedColumns(m, 5, 12);
    const want = tf.tidy(() => tf.slice(m, [0, 5], [9, 7]));
    expect(block.shape).toEqual([9, 7]);
    expect(Array.from(block.dataSync())).toEqual(Array.from(want.dataSync()));
    tf.dispose([block, want]);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});
