import { createRng } from '@rnnkit/common';

/**
 * A toy "spoken digit": `leadMs` of silence, then a harmonic tone whose pitch encodes the class, with a
 * smooth envelope and a little seeded noise, then silence again. Trivially separable, for plumbing tests.
 */
export function toneClip(digit: number, seed: number, { sampleRate = 8000, seconds = 0.5, leadMs = 150, amplitude = 0.3 } = {}): Float32Array {
  const rng = createRng(seed);
  const lead = Math.round((leadMs / 1000) * sampleRate);
  const body = Math.round(seconds * sampleRate);
  const out = new Float32Array(2 * lead + body);
  const f0 = 200 + 120 * digit + 10 * rng.next();
  for (let i = 0; i < body; i++) {
    const envelope = Math.sin((Math.PI * i) / body);
    let v = 0;
    for (let h = 1; h <= 4; h++) v += Math.sin((2 * Math.PI * h * f0 * i) / sampleRate) / h;
    out[lead + i] = amplitude * envelope * v * 0.5;
  }
  for (let i = 0; i < out.length; i++) out[i] += 0.001 * rng.normal();
  return out;
}
