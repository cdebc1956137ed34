/**
 * Float32Arrays reused from one call to the next. A fresh array of a training pass's size (megabytes: the gate
 * tape alone is 8 MB at the bench size) is zeroed by the allocator and then page-faulted in 4 kB at a time at
 * first touch, and its release feeds V8's garbage collector; with two training threads in one process, that work
 * (partly on V8's background threads) competes for the same cores and the process's page tables. A taken array is
 * indistinguishable from `new Float32Array(length)`: zero-filled, exactly `length` long; one taken for overwriting
 * is exactly `length` long and holds anything.
 *
 * Capacities are rounded up to one of 8 sizes per power of two (at most 1/8 spare), so that batches whose
 * lengths differ a little (padded sequences of varying length) share arrays. The pool keeps at most
 * `maxFreeBytes` of free arrays, dropping the longest-unused first, so a change of sizes cannot pile up memory.
 */
export class Float32Pool {
  private free: Float32Array[] = [];
  private freeBytes = 0;

  /** @param maxFreeBytes the most free memory the pool keeps (default 256 MB) */
  constructor(private readonly maxFreeBytes = 256 * 2 ** 20) {}

  /** A zero-filled array of `length` floats, its own buffer, whose buffer may be reused after {@link give}. */
  take(length: number): Float32Array {
    const reused = this.reuse(length);
    return reused ? reused.fill(0) : this.fresh(length);
  }

  /**
   * As {@link take}, but a reused array keeps whatever it held: for callers that write every value before they
   * read any (a copy, a transpose, a product read back), which would only overwrite the zeros — megabytes per
   * training step, written through the cache for nothing.
   */
  takeForOverwrite(length: number): Float32Array {
    return this.reuse(length) ?? this.fresh(length);
  }

  /** The most recently given free array of `length`'s capacity (the likeliest to be in cache), or null. */
  private reuse(length: number): Float32Array | null {
    const capacity = capacityFor(length);
    for (let k = this.free.length - 1; k >= 0; k--) {
      const whole = this.free[k];
      if (whole.length !== capacity) continue;
      this.free.splice(k, 1);
      this.freeBytes -= whole.byteLength;
      return length === capacity ? whole : whole.subarray(0, length);
    }
    return null;
  }

  private fresh(length: number): Float32Array {
    const capacity = capacityFor(length);
    const whole = new Float32Array(capacity);
    return length === capacity ? whole : whole.subarray(0, length);
  }

  /**
   * Hands arrays back for later {@link take}s. Give only arrays this pool made and that nothing reads or writes
   * any more (no tensor may still hold one: the cpu backend keeps the arrays tensors are made from). Nulls and
   * arrays given twice in one call are skipped.
   */
  give(...arrays: Array<Float32Array | null | undefined>): void {
    for (const array of arrays) {
      if (!array) continue;
      const whole = new Float32Array(array.buffer as ArrayBuffer);
      if (array.byteOffset !== 0 || whole.length !== capacityFor(array.length)) continue; // not one of ours
      if (this.free.some((f) => f.buffer === whole.buffer)) continue;
      this.free.push(whole);
      this.freeBytes += whole.byteLength;
    }
    while (this.freeBytes > this.maxFreeBytes && this.free.length > 0) {
      this.freeBytes -= (this.free.shift() as Float32Array).byteLength;
    }
  }

  /** Drops every free array, e.g. to hand memory back once training is over. */
  clear(): void {
    this.free = [];
    this.freeBytes = 0;
  }

  /** Bytes held in free arrays. */
  get heldBytes(): number {
    return this.freeBytes;
  }
}

/** `length` rounded up to the next of 8 steps per power of two (16 floats at least). */
export function capacityFor(length: number): number {
  if (length <= 16) return 16;
  const step = 2 ** Math.max(0, Math.floor(Math.log2(length)) - 3);
  return Math.ceil(length / step) * step;
}

/**
 * This thread's pool for the sequence kernel's tapes and gradient arrays (each worker thread has its own, as it
 * has its own module instances).
 */
export const sequencePool = new Float32Pool();
