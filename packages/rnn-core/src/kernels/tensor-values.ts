import { tf } from '../tfjs';
import { sequencePool } from './float32-pool';

/**
 * The wasm backend's view of a tensor's memory and its table of tensors (public members of its backend class,
 * not of tfjs-core's API).
 */
interface HeapBackend {
  typedArrayFromHeap(t: { shape: number[]; dtype: tf.DataType; dataId: object }): Float32Array;
  dataIdMap: { has(dataId: object): boolean };
}

/** The wasm backend when it holds `t`'s values (a tensor made before a backend switch may still live elsewhere). */
function heapHolding(t: tf.Tensor): HeapBackend | null {
  if (t.dtype !== 'float32' || tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as Partial<HeapBackend>;
  const usable = typeof backend.typedArrayFromHeap === 'function' && typeof backend.dataIdMap?.has === 'function';
  return usable && backend.dataIdMap?.has(t.dataId) ? (backend as HeapBackend) : null;
}

/**
 * A float32 tensor's values without a copy where the backend allows: on wasm a view of its memory, which the next
 * tfjs call may move (a growing wasm memory detaches it), so read it at once; elsewhere `dataSync()`, which on
 * wasm would be a fresh copy — megabytes per pass that the allocator zeroes and the garbage collector frees.
 */
export function peekValues(t: tf.Tensor): Float32Array {
  const heap = heapHolding(t);
  return heap ? heap.typedArrayFromHeap(t) : (t.dataSync() as Float32Array);
}

/** Copies a float32 tensor's values into `out` (of its size) without an intermediate array on wasm; returns `out`. */
export function readValuesInto(t: tf.Tensor, out: Float32Array): Float32Array {
  out.set(peekValues(t));
  return out;
}

/**
 * A float32 tensor's values as an array the caller may keep after the tensor is freed: on wasm copied into
 * `reuse` when it has the tensor's size (else into a new array); elsewhere `dataSync()` (on cpu the tensor's own
 * storage, no copy).
 */
export function keepValues(t: tf.Tensor, reuse: Float32Array | null = null): Float32Array {
  const heap = heapHolding(t);
  if (!heap) return t.dataSync() as Float32Array;
  const view = heap.typedArrayFromHeap(t);
  if (reuse && reuse.length === view.length) {
    reuse.set(view);
    return reuse;
  }
  return view.slice();
}

/**
 * True when a tensor made from an array copies it at once (wasm), so the array may be reused or changed right
 * after. The cpu backend keeps the array itself as the tensor's storage; other backends are not assumed to copy.
 */
export function tensorsCopyTheirValues(): boolean {
  return tf.getBackend() === 'wasm';
}

/**
 * A float32 tensor of `shape` whose values `fill` writes into the array it is given and returns: where tensors
 * copy their values (wasm), an array of this thread's pool, given back at once; elsewhere a fresh one, which the
 * tensor keeps. `fill` must write every value: a pooled array holds what its last user left.
 */
export function tensorFromScratch(size: number, shape: number[], fill: (out: Float32Array) => Float32Array): tf.Tensor {
  if (!tensorsCopyTheirValues()) return tf.tensor(fill(new Float32Array(size)), shape, 'float32');
  const scratch = sequencePool.takeForOverwrite(size);
  const t = tf.tensor(fill(scratch), shape, 'float32');
  sequencePool.give(scratch);
  return t;
}
