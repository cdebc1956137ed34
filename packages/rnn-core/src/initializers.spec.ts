import { expectClose } from '@rnnkit/test-utils';
import { createRng } from '@rnnkit/common';
import { glorotUniform, orthogonal } from './initializers';

describe('initializers', () => {
  it('orthogonal gives orthonormal rows for a wide matrix and columns for a tall one', () => {
    for (const [rows, cols] of [
      [4, 12],
      [12, 4],
      [5, 5],
    ]) {
      const m = orthogonal(rows, cols, createRng(3));
      const byRows = rows <= cols;
      const n = Math.min(rows, cols);
      const gram: number[] = [];
      const identity: number[] = [];
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          let dot = 0;
          for (let i = 0; i < Math.max(rows, cols); i++) {
            dot += byRows ? m[a * cols + i] * m[b * cols + i] : m[i * cols + a] * m[i * cols + b];
          }
          gram.push(dot);
          identity.push(a === b ? 1 : 0);
        }
      }
      // float32 storage of unit vectors: products are exact to about 1e-6.
      expectClose(gram, identity, { atol: 1e-5 });
    }
  });

  it('glorotUniform stays within its limit and is reproducible from the seed', () => {
    const w = glorotUniform(10, 30, createRng(1));
    const limit = Math.sqrt(6 / 40);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    expect(Array.from(glorotUniform(10, 30, createRng(1)))).toEqual(Array.from(w));
    expect(Array.from(glorotUniform(10, 30, createRng(2)))).not.toEqual(Array.from(w));
  });
});
