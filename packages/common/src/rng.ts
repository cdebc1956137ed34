import { RnnkitError } from './rnnkit-error';

/**
 * A seeded source of random numbers: the same seed gives the same stream on every platform. Not for
 * cryptography. Its state is 32 bits, so streams from different seeds or splits may meet after about 2^16
 * draws each; that is fine for initial weights, data order and augmentation, not for long simulations.
 */
export interface Rng {
  /** Uniform in [0, 1), with 32 random bits (the mulberry32 stream). */
  next(): number;
  /** Uniform integer in [0, n); `n` must be an integer from 1 to 2^32. */
  int(n: number): number;
  /** Standard normal (mean 0, variance 1), by Box–Muller: each pair of uniforms gives two draws. */
  normal(): number;
  /** A new generator seeded from this one's stream: independent of it for practical purposes, and reproducible. */
  split(): Rng;
}

const TWO_32 = 4294967296;

/** murmur3's 32-bit finaliser: spreads a child seed away from the parent's own state sequence. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Creates the generator. `seed` must be an integer; only its low 32 bits are used. `next()` is exactly the
 * mulberry32 stream that rnn-core's weight initialisers and audio-features' augmentation have always drawn, so
 * their results stay bit-identical. Throws `RnnkitError` `BAD_OPTION` for a seed that is not an integer.
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RnnkitError('BAD_OPTION', `seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_32;
  };
  return {
    next,
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
        throw new RnnkitError('BAD_OPTION', `int(n) needs an integer n from 1 to 2^32, got ${n}`);
      }
      return Math.floor(next() * n);
    },
    normal(): number {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      const u = 1 - next(); // in (0, 1], so the logarithm is finite
      const angle = 2 * Math.PI * next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    split(): Rng {
      return createRng(mix32((next() * TWO_32) ^ 0x9e3779b9));
    },
  };
}
