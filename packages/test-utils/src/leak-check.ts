import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` and asserts that it left no new tensor behind. Whatever `fn` returns is disposed first
 * (tensors, arrays or objects of tensors), since returning a result is not a leak.
 */
export async function expectNoLeak<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const returned = new Set<tf.Tensor>();
  collectTensors(result, returned);
  expect(tf.memory().numTensors - returned.size).toBe(before);
  return result;
}

function collectTensors(value: unknown, into: Set<tf.Tensor>, seen = new Set<unknown>()): void {
  if (value instanceof tf.Tensor) {
    if (!value.isDisposed) into.add(value);
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const v of Object.values(value as Record<string, unknown>)) collectTensors(v, into, seen);
}
