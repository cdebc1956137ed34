import { createRng, integerInRange, numberInRange } from '@rnnkit/common';
import { AudioFeaturesError } from './errors';

/** Noise colours: flat (`white`), −3 dB per octave (`pink`), −6 dB per octave (`brown`). */
export type NoiseColour = 'white' | 'pink' | 'brown';

/** The noise colours {@link colouredNoise} makes. */
export const NOISE_COLOURS: readonly NoiseColour[] = ['white', 'pink', 'brown'];

/** Lowest corner of the pink approximation, and the corner of brown noise (Hz). */
const LOW_HZ = 10;

/**
 * Seeded noise of a colour, scaled to unit RMS over its length. Pink noise sums one-pole low passes of white
 * noise with corners an octave apart from 10 Hz up to Nyquist, each weighted by 1/√corner, which follows 1/f
 * within about a decibel; brown noise is white noise through one leaky integrator (a one-pole low pass at 10 Hz).
 * The filters run through a warm-up first, so the noise is stationary from its first sample.
 *
 * @example
 * const hiss = colouredNoise('pink', 8000, 8000, 1); // one second of pink noise at unit RMS
 */
export function colouredNoise(colour: NoiseColour, length: number, sampleRate: number, seed: number): Float32Array {
  integerInRange('noise length', length, 0, 1e9);
  numberInRange('sampleRate', sampleRate, 1, 1e7);
  if (!NOISE_COLOURS.includes(colour)) throw new AudioFeaturesError('BAD_OPTION', `noise colour must be one of ${NOISE_COLOURS.join(', ')}, got "${colour}"`);
  const rng = createRng(seed);
  const corners: number[] = [];
  if (colour === 'brown') corners.push(LOW_HZ);
  if (colour === 'pink') for (let f = LOW_HZ; f < sampleRate / 2; f *= 2) corners.push(f);
  const poles = corners.map((f) => Math.exp((-2 * Math.PI * f) / sampleRate));
  const weights = corners.map((f) => 1 / Math.sqrt(f));
  const state = new Float64Array(poles.length);
  const warmup = colour === 'white' ? 0 : Math.ceil((6 * sampleRate) / (2 * Math.PI * LOW_HZ));
  const out = new Float32Array(length);
  let sum = 0;
  for (let i = -warmup; i < length; i++) {
    const w = rng.normal();
    let v = colour === 'white' ? w : 0;
    for (let k = 0; k < poles.length; k++) {
      state[k] = poles[k] * state[k] + (1 - poles[k]) * w;
      v += weights[k] * state[k];
    }
    if (i >= 0) {
      out[i] = v;
      sum += v * v;
    }
  }
  const rms = Math.sqrt(sum / Math.max(1, length));
  if (rms > 0) for (let i = 0; i < length; i++) out[i] /= rms;
  return out;
}
