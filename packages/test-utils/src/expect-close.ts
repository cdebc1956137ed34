import * as tf from '@tensorflow/tfjs-core';

/**
 * Absolute and relative tolerance: |a - e| <= atol + rtol * |e| must hold element-wise. The one default,
 * atol 1e-5 and rtol 0, fits float32 results of order 1 computed two ways (a few hundred roundings of 6e-8
 * each); a test that wants exact equality passes `{ atol: 0 }`, and a looser or relative bound says so.
 */
export interface Tolerance {
  atol?: number;
  rtol?: number;
  /** Names what is compared in the failure message. */
  label?: string;
}

type Values = tf.Tensor | ArrayLike<number> | number;

function flatten(v: Values): { shape: number[] | null; dtype: string | null; data: ArrayLike<number> } {
  if (v instanceof tf.Tensor) return { shape: v.shape, dtype: v.dtype, data: v.dataSync() as ArrayLike<number> };
  if (typeof v === 'number') return { shape: null, dtype: null, data: [v] };
  return { shape: null, dtype: null, data: v };
}

/**
 * Compares shape and dtype first (when both sides are tensors), then every value within the tolerance.
 * The failure message names the worst element so that a numeric regression is easy to locate.
 */
export function expectClose(actual: Values, expected: Values, { atol = 1e-5, rtol = 0, label = 'values' }: Tolerance = {}): void {
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.shape && e.shape) expect(a.shape).toEqual(e.shape);
  if (a.dtype && e.dtype) expect(a.dtype).toEqual(e.dtype);
  expect(a.data.length).toBe(e.data.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < e.data.length; i++) {
    const diff = Math.abs(a.data[i] - e.data[i]);
    const excess = diff - (atol + rtol * Math.abs(e.data[i]));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    throw new Error(
      `${label} differ at index ${worst} of ${e.data.length}: got ${a.data[worst]}, expected ${e.data[worst]} ` +
        `(atol ${atol}, rtol ${rtol})`,
    );
  }
}
