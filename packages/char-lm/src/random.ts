import { CharLmError } from './errors';

/** A source of uniform random numbers in `[0, 1)`. */
export type Rng = () => number;

/**
 * A seeded random generator (xoshiro128**, its 128-bit state filled from the seed by splitmix32): the same seed
 * always gives the same stream, on every platform. `seed` must be an integer; only its low 32 bits are used.
 * Throws `CharLmError` `bad-option` otherwise.
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new CharLmError('bad-option', `seed must be an integer, got ${seed}`);
  let mix = seed >>> 0;
  const splitmix = () => {
    mix = (mix + 0x9e3779b9) | 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  const rotl = (v: number, k: number) => (v << k) | (v >>> (32 - k));
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return (result >>> 0) / 4294967296;
  };
}
