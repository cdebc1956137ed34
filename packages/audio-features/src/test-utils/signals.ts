// Test-only signal builders: sines and seeded noise, made in code so tests never need files from outside.
import { createRng } from '@rnnkit/common';

/** amplitude·sin(2π f n / sr + phase) for n < length. */
export function sine(freq: number, sampleRate: number, length: number, amplitude = 1, phase = 0): Float32Array {
  const out = new Float32Array(length);
  for (let n = 0; n < length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * freq * n) / sampleRate + phase);
  return out;
}

/** Gaussian noise with standard deviation `scale` from a seed. */
export function noise(length: number, seed: number, scale = 0.1): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(length);
  for (let n = 0; n < length; n++) out[n] = scale * rng.normal();
  return out;
}

/**
 * Amplitude and phase of the component at `freq` over samples [from, to), by least squares on sin and cos —
 * exact for a pure tone when the span holds many periods.
 */
export function toneAmplitude(signal: ArrayLike<number>, freq: number, sampleRate: number, from: number, to: number): number {
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let xs = 0;
  let xc = 0;
  for (let n = from; n < to; n++) {
    const s = Math.sin((2 * Math.PI * freq * n) / sampleRate);
    const c = Math.cos((2 * Math.PI * freq * n) / sampleRate);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    xs += signal[n] * s;
    xc += signal[n] * c;
  }
  const det = ss * cc - sc * sc;
  const a = (xs * cc - xc * sc) / det;
  const b = (xc * ss - xs * sc) / det;
  return Math.hypot(a, b);
}

/** Root mean square of samples [from, to). */
export function rms(signal: ArrayLike<number>, from = 0, to = signal.length): number {
  let sum = 0;
  for (let n = from; n < to; n++) sum += signal[n] * signal[n];
  return Math.sqrt(sum / Math.max(1, to - from));
}
