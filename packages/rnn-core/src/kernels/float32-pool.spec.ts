import { Float32Pool, capacityFor } from './float32-pool';

describe('Float32Pool', () => {
  it('gives zero-filled arrays of the exact length, like new Float32Array', () => {
    const pool = new Float32Pool();
    const a = pool.take(100);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(100);
    expect(a.every((v) => v === 0)).toBe(true);
    a.fill(7);
    pool.give(a);
    const again = pool.take(100);
    expect(again.buffer).toBe(a.buffer); // reused …
    expect(again.length).toBe(100);
    expect(again.every((v) => v === 0)).toBe(true); // … and zeroed again
  });

  it('takeForOverwrite reuses an array as it was left, and take zeroes it again afterwards', () => {
    const pool = new Float32Pool();
    const fresh = pool.takeForOverwrite(100);
    expect(fresh.length).toBe(100);
    expect(fresh.every((v) => v === 0)).toBe(true); // a new buffer is zeroed by the allocator anyway
    fresh.fill(7);
    pool.give(fresh);
    const reused = pool.takeForOverwrite(98); // the same capacity class as 100
    expect(reused.buffer).toBe(fresh.buffer);
    expect(reused.length).toBe(98);
    expect(reused.every((v) => v === 7)).toBe(true); // not zeroed: the caller writes every value
    pool.give(reused);
    expect(pool.take(100).every((v) => v === 0)).toBe(true);
  });

  it('shares an array between lengths of one capacity class, never hands out one array twice', () => {
    const pool = new Float32Pool();
    expect(capacityFor(1000)).toBe(1024);
    expect(capacityFor(1025)).toBe(1152); // 8 classes per power of two: at most 1/8 spare
    expect(capacityFor(3)).toBe(16);
    const a = pool.take(1000);
    pool.give(a);
    const b = pool.take(1020);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(1020);
    const c = pool.take(1020);
    expect(c.buffer).not.toBe(b.buffer);
    pool.give(b, b, c); // given twice in one call: kept once
    expect(pool.heldBytes).toBe(2 * 1024 * 4);
    const d = pool.take(1000);
    const e = pool.take(1000);
    expect(d.buffer).not.toBe(e.buffer);
    expect(pool.heldBytes).toBe(0);
  });

  it('ignores arrays that do not own their buffer, and nulls', () => {
    const pool = new Float32Pool();
    const whole = new Float32Array(64);
    pool.give(whole.subarray(8, 40), null, undefined);
    expect(pool.heldBytes).toBe(0);
  });

  it('keeps at most maxFreeBytes of free arrays, dropping the longest-unused first', () => {
    const pool = new Float32Pool(3 * 1024 * 4);
    const arrays = [1, 2, 3, 4].map(() => pool.take(1024));
    pool.give(...arrays);
    expect(pool.heldBytes).toBe(3 * 1024 * 4);
    const reused = [1, 2, 3].map(() => pool.take(1024).buffer);
    expect(reused).not.toContain(arrays[0].buffer);
    expect(reused).toEqual(expect.arrayContaining([arrays[1].buffer, arrays[2].buffer, arrays[3].buffer]));
  });

  it('clear drops every free array', () => {
    const pool = new Float32Pool();
    const a = pool.take(64);
    pool.give(a);
    pool.clear();
    expect(pool.heldBytes).toBe(0);
    expect(pool.take(64).buffer).not.toBe(a.buffer);
  });
});
