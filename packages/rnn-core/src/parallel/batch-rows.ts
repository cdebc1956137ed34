import { RnnkitError } from '@rnnkit/common';
import type { ArrayBatch, ArrayTensor } from './replica';

function isArrayTensor(value: unknown): value is ArrayTensor {
  return typeof value === 'object' && value !== null && 'data' in value && 'shape' in value && ArrayBuffer.isView((value as ArrayTensor).data);
}

/**
 * The number of rows of a batch: axis 0 of every tensor field, the length of every per-row list.
 *
 * @throws RnnkitError `BAD_INPUT` when fields disagree, a tensor's data does not fill its shape, or there is no field
 */
export function batchRows(batch: ArrayBatch): number {
  let rows: number | null = null;
  for (const [name, value] of Object.entries(batch)) {
    if (value === undefined) continue;
    let n: number;
    if (isArrayTensor(value)) {
      const size = value.shape.reduce((a, b) => a * b, 1);
      if (value.shape.length === 0 || value.data.length !== size) {
        throw new RnnkitError('BAD_INPUT', `batch field "${name}" has ${value.data.length} values for shape [${value.shape}]`);
      }
      n = value.shape[0];
    } else if (Array.isArray(value)) {
      n = value.length;
    } else {
      throw new RnnkitError('BAD_INPUT', `batch field "${name}" must be { data, shape } or an array with one entry per row`);
    }
    if (rows !== null && n !== rows) throw new RnnkitError('BAD_INPUT', `batch field "${name}" has ${n} rows; the other fields have ${rows}`);
    rows = n;
  }
  if (rows === null) throw new RnnkitError('BAD_INPUT', 'the batch has no fields');
  return rows;
}

/** Cuts `rows` into `parts` contiguous ranges [start, end) whose sizes differ by at most one, larger first. */
export function rowRanges(rows: number, parts: number): Array<[number, number]> {
  const base = Math.floor(rows / parts);
  const extra = rows % parts;
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const end = start + base + (p < extra ? 1 : 0);
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

/**
 * Rows [start, end) of a batch. With `copy`, every tensor's data is a fresh array whose buffer is listed in
 * `transfer`, so that it can be moved to a worker without a second copy; without it, the data are views.
 */
export function sliceBatch(batch: ArrayBatch, start: number, end: number, copy: boolean): { batch: ArrayBatch; transfer: ArrayBuffer[] } {
  const slice: ArrayBatch = {};
  const transfer: ArrayBuffer[] = [];
  for (const [name, value] of Object.entries(batch)) {
    if (value === undefined) continue;
    if (isArrayTensor(value)) {
      const rowSize = value.shape.slice(1).reduce((a, b) => a * b, 1);
      const data = copy ? value.data.slice(start * rowSize, end * rowSize) : value.data.subarray(start * rowSize, end * rowSize);
      if (copy) transfer.push(data.buffer as ArrayBuffer);
      slice[name] = { data, shape: [end - start, ...value.shape.slice(1)] };
    } else {
      slice[name] = (value as ReadonlyArray<unknown>).slice(start, end);
    }
  }
  return { batch: slice, transfer };
}
