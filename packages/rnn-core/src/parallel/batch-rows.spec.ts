import { batchRows, rowRanges, sliceBatch } from './batch-rows';

describe('cutting a batch by rows', () => {
  it('cuts rows into contiguous ranges that differ by at most one, larger first', () => {
    expect(rowRanges(5, 2)).toEqual([[0, 3], [3, 5]]);
    expect(rowRanges(16, 2)).toEqual([[0, 8], [8, 16]]);
    expect(rowRanges(7, 3)).toEqual([[0, 3], [3, 5], [5, 7]]);
    expect(rowRanges(1, 3)).toEqual([[0, 1], [1, 1], [1, 1]]);
  });

  it('slices tensors along axis 0 and per-row lists by index, copying only when asked', () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i);
    const batch = { x: { data, shape: [3, 2, 2] }, labels: [[1], [2, 3], []] };
    const viewed = sliceBatch(batch, 1, 3, false);
    expect(viewed.transfer).toEqual([]);
    expect(viewed.batch.x).toEqual({ data: Float32Array.from([4, 5, 6, 7, 8, 9, 10, 11]), shape: [2, 2, 2] });
    expect((viewed.batch.x as { data: Float32Array }).data.buffer).toBe(data.buffer);
    expect(viewed.batch.labels).toEqual([[2, 3], []]);
    const copied = sliceBatch(batch, 0, 1, true);
    const x = copied.batch.x as { data: Float32Array };
    expect(Array.from(x.data)).toEqual([0, 1, 2, 3]);
    expect(x.data.buffer).not.toBe(data.buffer);
    expect(copied.transfer).toEqual([x.data.buffer]);
    expect(x.data.buffer.byteLength).toBe(16);
  });

  it('counts rows and refuses fields that disagree, data that do not fill the shape, or no field', () => {
    expect(batchRows({ x: { data: new Int32Array(6), shape: [3, 2] }, y: [1, 2, 3], mask: undefined })).toBe(3);
    expect(() => batchRows({ x: { data: new Int32Array(6), shape: [3, 2] }, y: [1, 2] })).toThrow(/"y" has 2 rows; the other fields have 3/);
    expect(() => batchRows({ x: { data: new Int32Array(5), shape: [3, 2] } })).toThrow(/"x" has 5 values for shape \[3,2\]/);
    expect(() => batchRows({})).toThrow(/no fields/);
  });
});
