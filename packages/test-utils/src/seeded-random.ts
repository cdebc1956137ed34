import { createRng } from '@rnnkit/common';

/** `n` uniform values in [-scale, scale) from the given seed (the mulberry32 stream of `createRng`). */
export function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rng.next() * 2 - 1) * scale;
  return out;
}
