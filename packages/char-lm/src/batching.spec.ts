import { BpttBatcher, type BpttWindow } from './batching';
import { createRng } from '@rnnkit/common';

/** Ids equal to their own positions, so every value in a window says where in the corpus it came from. */
const positions = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const rowOf = (w: BpttWindow, b: number) => Array.from(w.x.subarray(b * w.steps, (b + 1) * w.steps));

describe('BpttBatcher', () => {
  it('gives stream b the inputs [b*L, (b+1)*L) and targets one position later (brute-force check)', () => {
    const rand = createRng(3);
    const ids = Int32Array.from({ length: 103 }, () => rand.int(50));
    const batchSize = 4;
    const seqLen = 7;
    const batcher = new BpttBatcher(ids, { batchSize, seqLen });
    const L = Math.floor((103 - 1) / batchSize);
    expect(batcher.streamLength).toBe(L);
    for (const w of batcher.windows()) {
      expect(w.x.length).toBe(batchSize * w.steps);
      expect(w.y.length).toBe(batchSize * w.steps);
      for (let b = 0; b < batchSize; b++) {
        for (let t = 0; t < w.steps; t++) {
          const position = b * L + w.index * seqLen + t;
          expect(w.x[b * w.steps + t]).toBe(ids[position]);
          expect(w.y[b * w.steps + t]).toBe(ids[position + 1]);
        }
      }
    }
  });

  it('continues each row exactly where the previous window stopped, so state can carry over', () => {
    const batcher = new BpttBatcher(positions(1 + 3 * 20), { batchSize: 3, seqLen: 6 });
    const windows = [...batcher.windows()];
    for (let k = 1; k < windows.length; k++) {
      for (let b = 0; b < 3; b++) {
        const previous = rowOf(windows[k - 1], b);
        expect(rowOf(windows[k], b)[0]).toBe(previous[previous.length - 1] + 1);
      }
    }
    // Concatenating a row over the epoch gives its whole stream, in order, with nothing repeated or missing.
    for (let b = 0; b < 3; b++) {
      expect(windows.flatMap((w) => rowOf(w, b))).toEqual(Array.from(positions(20), (i) => b * 20 + i));
    }
  });

  it('yields a shorter final window by default and drops it with dropPartial', () => {
    const ids = positions(1 + 2 * 10); // streamLength 10, seqLen 4 → 4 + 4 + 2
    const kept = [...new BpttBatcher(ids, { batchSize: 2, seqLen: 4 }).windows()];
    expect(kept.map((w) => w.steps)).toEqual([4, 4, 2]);
    expect(kept.map((w) => w.index)).toEqual([0, 1, 2]);
    expect(rowOf(kept[2], 1)).toEqual([18, 19]);
    const dropped = new BpttBatcher(ids, { batchSize: 2, seqLen: 4, dropPartial: true });
    expect(dropped.windowCount).toBe(2);
    expect([...dropped.windows()].map((w) => w.steps)).toEqual([4, 4]);
  });

  it('has no partial window when seqLen divides the stream length', () => {
    const batcher = new BpttBatcher(positions(1 + 2 * 12), { batchSize: 2, seqLen: 4 });
    expect([...batcher.windows()].map((w) => w.steps)).toEqual([4, 4, 4]);
  });

  it('leaves the last (n - 1) mod batchSize positions unused', () => {
    const batcher = new BpttBatcher(positions(24), { batchSize: 5, seqLen: 10 }); // 23 usable → L = 4, 3 unused
    const [only] = [...batcher.windows()];
    expect(batcher.windowCount).toBe(1);
    expect(Math.max(...only.y)).toBe(20); // targets reach position 5*4 = 20; 21..23 are never used
  });

  it('starts every epoch from the beginning', () => {
    const batcher = new BpttBatcher(positions(50), { batchSize: 2, seqLen: 5 });
    expect([...batcher.windows()]).toEqual([...batcher.windows()]);
  });

  it('resumes an epoch part-way from window `from`, with the same windows as a full epoch', () => {
    const batcher = new BpttBatcher(positions(101), { batchSize: 4, seqLen: 7 });
    const all = [...batcher.windows()];
    expect([...batcher.windows(2)]).toEqual(all.slice(2));
    expect([...batcher.windows(batcher.windowCount)]).toEqual([]);
    for (const from of [-1, 1.5, batcher.windowCount + 1]) {
      expect(() => [...batcher.windows(from)]).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    }
  });

  it('accepts plain arrays of ids', () => {
    const [w] = [...new BpttBatcher([5, 6, 7], { batchSize: 1, seqLen: 2 }).windows()];
    expect(Array.from(w.x)).toEqual([5, 6]);
    expect(Array.from(w.y)).toEqual([6, 7]);
  });

  it('rejects bad sizes and corpora too short for them', () => {
    const cases: [number, { batchSize: number; seqLen: number; dropPartial?: boolean }, RegExp][] = [
      [100, { batchSize: 0, seqLen: 5 }, /batchSize must be a positive integer/],
      [100, { batchSize: 2.5, seqLen: 5 }, /batchSize/],
      [100, { batchSize: 2, seqLen: 0 }, /seqLen must be a positive integer/],
      [4, { batchSize: 4, seqLen: 5 }, /4 ids, too few for batchSize 4: at least 5 are needed/],
      [20, { batchSize: 4, seqLen: 5, dropPartial: true }, /at least 21 are needed/],
    ];
    for (const [n, options, message] of cases) {
      expect(() => new BpttBatcher(positions(n), options)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
      expect(() => new BpttBatcher(positions(n), options)).toThrow(message);
    }
  });
});
