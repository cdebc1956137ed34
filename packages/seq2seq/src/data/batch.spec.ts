import { END_ID, PAD_ID, START_ID } from '../vocabulary';
import { makeSourceBatch, makeTrainingBatch } from './batch';

describe('batches', () => {
  it('pads sources to the longest and masks the padding; an empty source keeps one padded step', () => {
    const b = makeSourceBatch([[5, 6, 7], [8], []]);
    expect([b.size, b.sourceLength]).toEqual([3, 3]);
    expect(Array.from(b.sourceIds)).toEqual([5, 6, 7, 8, PAD_ID, PAD_ID, PAD_ID, PAD_ID, PAD_ID]);
    expect(Array.from(b.sourceMask)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(makeSourceBatch([[]]).sourceLength).toBe(1);
  });

  it('shifts targets for teacher forcing: the decoder reads START y, predicts y END, and padding is masked', () => {
    const b = makeTrainingBatch([
      { source: [4], target: [9, 10] },
      { source: [4, 5], target: [] },
    ]);
    expect(b.targetLength).toBe(3);
    expect(Array.from(b.decoderInput)).toEqual([START_ID, 9, 10, START_ID, PAD_ID, PAD_ID]);
    expect(Array.from(b.decoderTarget)).toEqual([9, 10, END_ID, END_ID, PAD_ID, PAD_ID]);
    expect(Array.from(b.targetMask)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(() => makeTrainingBatch([])).toThrow(/at least one pair/);
  });
});
