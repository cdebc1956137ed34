import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deltas, withDeltas } from './deltas';
import { expectFramesClose } from './test-utils/close';

// Golden deltas from tools/reference/psf_mfcc.py (numpy regression with edge padding), applied to the golden
// MFCCs themselves so only the delta step is under test; float32 rounding allows ~1e-5, we ask 1e-4.
const golden = JSON.parse(readFileSync(join(__dirname, '../../../tools/reference/golden/synthetic.json'), 'utf8')).cases as {
  name: string;
  mfcc: number[][];
  delta?: number[][];
  deltaDelta?: number[][];
}[];

describe('deltas', () => {
  it.each(golden.filter((c) => c.delta).map((c) => [c.name, c] as const))('match the numpy reference on %s', (_n, c) => {
    const d = deltas(c.mfcc);
    expectFramesClose(d, c.delta!, { atol: 1e-4, label: 'delta' });
    expectFramesClose(deltas(d), c.deltaDelta!, { atol: 1e-4, label: 'delta-delta' });
  });

  it('follow the regression formula on a hand-worked case', () => {
    const squares = [0, 1, 4, 9, 16].map((v) => [v]);
    // Window 1: (c[t+1] − c[t−1]) / 2 with the ends repeated.
    expect(deltas(squares, 1).map((f) => f[0])).toEqual([0.5, 2, 4, 6, 3.5]);
    // Window 2 on a line c = 3t: the slope 3 away from the ends.
    const line = [0, 3, 6, 9, 12, 15].map((v) => [v]);
    expect(deltas(line, 2)[2][0]).toBeCloseTo(3, 6);
  });

  it('withDeltas stacks features, deltas and delta-deltas', () => {
    const frames = [[1, 2], [3, 5], [6, 9]];
    const stacked = withDeltas(frames);
    expect(stacked[1].length).toBe(6);
    expect(Array.from(stacked[1].subarray(0, 2))).toEqual([3, 5]);
    expect(Array.from(stacked[1].subarray(2, 4))).toEqual(Array.from(deltas(frames)[1]));
    expect(Array.from(stacked[1].subarray(4))).toEqual(Array.from(deltas(deltas(frames))[1]));
  });

  it('handles no frames and rejects a bad window', () => {
    expect(deltas([])).toEqual([]);
    expect(() => deltas([[1]], 0)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });
});
