import { createRng, numberInRange } from '@rnnkit/common';

/** Options of {@link roomImpulseResponse}. */
export interface RoomOptions {
  /** Seed of the reverberant tail. Default 0. */
  seed?: number;
  /** Energy of the direct sound over that of the reverberant tail (dB): lower is a farther talker. Default 0. */
  directToReverbDb?: number;
}

/**
 * A synthetic room impulse response: the direct sound (1 at sample 0) and a tail of seeded Gaussian noise whose
 * amplitude decays exponentially, 60 dB over `rt60` seconds, scaled to the asked direct-to-reverberant ratio.
 * Its length is `rt60` (the tail is then 60 dB down).
 *
 * @example
 * const room = roomImpulseResponse(0.4, 8000, { seed: 3 });
 * const wet = convolve(dry, room);
 */
export function roomImpulseResponse(rt60: number, sampleRate: number, options: RoomOptions = {}): Float32Array {
  numberInRange('rt60', rt60, 1e-3, 10);
  numberInRange('sampleRate', sampleRate, 1, 1e7);
  const drr = numberInRange('directToReverbDb', options.directToReverbDb ?? 0, -40, 40);
  const rng = createRng(options.seed ?? 0);
  const length = Math.max(2, Math.ceil(rt60 * sampleRate));
  // Amplitude falls by a factor 1000 (60 dB) over rt60.
  const decay = Math.log(1000) / (rt60 * sampleRate);
  const h = new Float32Array(length);
  let energy = 0;
  for (let n = 1; n < length; n++) {
    h[n] = rng.normal() * Math.exp(-decay * n);
    energy += h[n] * h[n];
  }
  const scale = Math.sqrt(10 ** (-drr / 10) / energy);
  for (let n = 1; n < length; n++) h[n] *= scale;
  h[0] = 1;
  return h;
}

/** Linear convolution (direct form, double precision sums): `signal.length + kernel.length − 1` samples. */
export function convolve(signal: ArrayLike<number>, kernel: ArrayLike<number>): Float32Array {
  if (signal.length === 0 || kernel.length === 0) return new Float32Array(0);
  const out = new Float64Array(signal.length + kernel.length - 1);
  for (let i = 0; i < signal.length; i++) {
    const x = signal[i];
    if (x === 0) continue;
    for (let k = 0; k < kernel.length; k++) out[i + k] += x * kernel[k];
  }
  return Float32Array.from(out);
}
