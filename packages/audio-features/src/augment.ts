import { applyBiquad, designBiquad } from './biquad';
import { createRng, numberInRange, type Rng } from '@rnnkit/common';
import { AudioFeaturesError } from './errors';
import { resample } from './resample';

function power(signal: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < signal.length; i++) sum += signal[i] * signal[i];
  return signal.length ? sum / signal.length : 0;
}

/** Options for {@link addNoise}. */
export interface NoiseOptions {
  /** Seed for the noise (or for where to start in `noise`). Default 0. */
  seed?: number;
  /** Noise to mix in (looped, from a seeded offset); default: white Gaussian noise. */
  noise?: ArrayLike<number>;
}

/**
 * Adds noise scaled so that 10·log10(P_signal / P_noise) equals `snrDb` exactly over the whole signal
 * (P = mean square). A silent signal has no defined SNR and comes back unchanged.
 */
export function addNoise(signal: ArrayLike<number>, snrDb: number, options: NoiseOptions = {}): Float32Array {
  numberInRange('snrDb', snrDb, -100, 200);
  const rng = createRng(options.seed ?? 0);
  const n = signal.length;
  const added = new Float64Array(n);
  if (options.noise) {
    const source = options.noise;
    if (source.length === 0 || power(source) === 0) throw new AudioFeaturesError('BAD_OPTION', 'noise signal is silent');
    const offset = Math.floor(rng.next() * source.length);
    for (let i = 0; i < n; i++) added[i] = source[(offset + i) % source.length];
  } else {
    for (let i = 0; i < n; i++) added[i] = rng.normal();
  }
  const signalPower = power(signal);
  const noisePower = power(added);
  const out = Float32Array.from(signal);
  if (signalPower === 0 || noisePower === 0) return out;
  const scale = Math.sqrt(signalPower / (noisePower * 10 ** (snrDb / 10)));
  for (let i = 0; i < n; i++) out[i] += scale * added[i];
  return out;
}

/** Multiplies by 10^(gainDb/20). Values may leave [-1, 1]; clip afterwards if the use needs it. */
export function applyGain(signal: ArrayLike<number>, gainDb: number): Float32Array {
  numberInRange('gainDb', gainDb, -200, 200);
  const g = 10 ** (gainDb / 20);
  const out = new Float32Array(signal.length);
  for (let i = 0; i < signal.length; i++) out[i] = signal[i] * g;
  return out;
}

/**
 * Moves the signal `samples` later (negative: earlier), keeping its length: the gap is filled with zeros, or,
 * with `wrap`, with what fell off the other end.
 */
export function timeShift(signal: ArrayLike<number>, samples: number, { wrap = false } = {}): Float32Array {
  if (!Number.isInteger(samples)) throw new AudioFeaturesError('BAD_OPTION', `shift must be whole samples, got ${samples}`);
  const n = signal.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const from = i - samples;
    if (from >= 0 && from < n) out[i] = signal[from];
    else if (wrap && n > 0) out[i] = signal[((from % n) + n) % n];
  }
  return out;
}

/**
 * Plays the signal `factor` times faster (pitch and tempo together, as tape would): 1.1 gives 1/1.1 of the
 * samples with every frequency ×1.1. Band-limited, by {@link resample}.
 */
export function changeSpeed(signal: ArrayLike<number>, factor: number): Float32Array {
  numberInRange('speed factor', factor, 0.1, 10);
  return factor === 1 ? Float32Array.from(signal) : resample(signal, factor, 1);
}

/** A [low, high] range to draw from uniformly, or one fixed value. */
export type Range = number | readonly [number, number];

/** Options for {@link augment}: each effect is applied only when its range is given. */
export interface AugmentOptions {
  /** Seed for every random draw. */
  seed: number;
  /** Speed factor, e.g. [0.9, 1.1]. */
  speed?: Range;
  /** Shift in milliseconds (zero-filled), e.g. [-100, 100]. */
  shiftMs?: Range;
  /** Cutoff (Hz) of a 2nd-order Butterworth high pass, e.g. [20, 300]: a microphone's or chain's low end. */
  highPassHz?: Range;
  /** Cutoff (Hz) of a 2nd-order Butterworth low pass, e.g. [2500, 3900]: a chain's band limit. */
  lowPassHz?: Range;
  /**
   * One peaking band (Q = 1): its gain in dB and centre in Hz, e.g. `{ gainDb: [-10, 10], hz: [200, 3400] }`, as a
   * microphone's uneven response.
   */
  peak?: { gainDb: Range; hz: Range };
  /** Gain in dB, e.g. [-6, 6]. */
  gainDb?: Range;
  /** Signal-to-noise ratio in dB for added white noise, e.g. [10, 30]. */
  snrDb?: Range;
}

/** What {@link augment} drew and applied. */
export interface AugmentResult {
  samples: Float32Array;
  applied: {
    speed?: number;
    shiftMs?: number;
    highPassHz?: number;
    lowPassHz?: number;
    peak?: { gainDb: number; hz: number };
    gainDb?: number;
    snrDb?: number;
  };
}

function draw(rng: Rng, range: Range): number {
  return typeof range === 'number' ? range : range[0] + (range[1] - range[0]) * rng.next();
}

/**
 * Seeded random augmentation in a fixed order: speed, shift, high pass, low pass, peaking band, gain, noise. The
 * same seed and options give the same output, bit for bit.
 *
 * @example
 * const { samples } = augment(clean, 8000, { seed: 7, speed: [0.9, 1.1], snrDb: [10, 30] });
 */
export function augment(signal: ArrayLike<number>, sampleRate: number, options: AugmentOptions): AugmentResult {
  const rng = createRng(options.seed);
  const applied: AugmentResult['applied'] = {};
  let out: Float32Array = Float32Array.from(signal);
  if (options.speed !== undefined) {
    applied.speed = draw(rng, options.speed);
    out = changeSpeed(out, applied.speed);
  }
  if (options.shiftMs !== undefined) {
    applied.shiftMs = draw(rng, options.shiftMs);
    out = timeShift(out, Math.round((applied.shiftMs / 1000) * sampleRate));
  }
  if (options.highPassHz !== undefined) {
    applied.highPassHz = draw(rng, options.highPassHz);
    out = applyBiquad(out, designBiquad('highPass', sampleRate, applied.highPassHz));
  }
  if (options.lowPassHz !== undefined) {
    applied.lowPassHz = draw(rng, options.lowPassHz);
    out = applyBiquad(out, designBiquad('lowPass', sampleRate, applied.lowPassHz));
  }
  if (options.peak !== undefined) {
    const peak = { gainDb: draw(rng, options.peak.gainDb), hz: draw(rng, options.peak.hz) };
    applied.peak = peak;
    out = applyBiquad(out, designBiquad('peaking', sampleRate, peak.hz, { gainDb: peak.gainDb, q: 1 }));
  }
  if (options.gainDb !== undefined) {
    applied.gainDb = draw(rng, options.gainDb);
    out = applyGain(out, applied.gainDb);
  }
  if (options.snrDb !== undefined) {
    applied.snrDb = draw(rng, options.snrDb);
    out = addNoise(out, applied.snrDb, { seed: Math.floor(rng.next() * 2 ** 32) });
  }
  return { samples: out, applied };
}
