import { cmvn, mfcc, withDeltas } from '@rnnkit/audio-features';
import { addDither, type DitherConfig } from './dither';
import { blockLevels } from './levels';
import { findSpeech } from './speech-detection';
import type { Mode } from './mode';

/**
 * The feature front-end shared by training and recognition; it is stored in every model's `extra`, so a
 * model is always fed exactly the features it was trained on.
 */
export interface FrontEndConfig {
  /** Audio is resampled to this rate first (Hz). */
  sampleRate: number;
  /** MFCCs per frame (psf flavour, c0 = log energy); deltas and delta-deltas triple it. */
  numCeps: number;
  /**
   * Frequencies the mel filter bank spans, [low, high] Hz; absent: 0 Hz to Nyquist. Leaving out the band
   * edges, where microphones and recording chains differ most, makes features less tied to the recording.
   */
  bandHz?: [number, number];
  /** Analysis window (ms). */
  winMs: number;
  /** Hop between frames (ms). */
  hopMs: number;
  /** Consecutive frames stacked into one model step (fewer, wider steps: faster, same information). */
  stack: number;
  /** Leading and trailing audio more than this many dB below the utterance's loudest 10 ms is trimmed. */
  trimDb: number;
  /** Audio kept on either side of the trimmed region (ms). */
  marginMs: number;
  /** A noise floor laid under the scaled utterance before the MFCC ({@link DitherConfig}); absent: none. */
  dither?: DitherConfig;
}

/**
 * The front-end settings both modes' shipped models share: 13 MFCC + Δ + ΔΔ at 8 kHz, 25/10 ms frames, three
 * frames per step, mel filters from 0 Hz to Nyquist (see {@link defaultFrontEnd} for word mode's narrower band).
 */
export const DEFAULT_FRONT_END: Readonly<FrontEndConfig> = {
  sampleRate: 8000,
  numCeps: 13,
  winMs: 25,
  hopMs: 10,
  stack: 3,
  trimDb: 35,
  marginMs: 100,
};

/**
 * The front-end of a mode's shipped model. Word mode's mel filters span 200–3300 Hz, which raised accuracy on
 * unseen speakers (their recording chains differ most at the band edges); in sequence mode the same band made
 * unseen speakers' digit strings worse, so it keeps the whole band. Figures in the README.
 */
export function defaultFrontEnd(mode: Mode): FrontEndConfig {
  return mode === 'word' ? { ...DEFAULT_FRONT_END, bandHz: [200, 3300] } : { ...DEFAULT_FRONT_END };
}

/** A feature matrix, row-major [steps, dim]. */
export interface Features {
  data: Float32Array;
  steps: number;
  dim: number;
}

/** Values per model step: MFCC, deltas and delta-deltas for each stacked frame. */
export function featureDim(config: FrontEndConfig): number {
  return 3 * config.numCeps * config.stack;
}

/**
 * Where a recording's speech is: the streaming recognizer's detection ({@link findSpeech}: relative to the
 * recording's own noise floor, never an absolute level) over the whole recording, from the first segment's start
 * to the last one's end, plus `marginMs` either side. Null when it finds no speech: silence or noise at any gain.
 */
export function speechRegion(samples: Float32Array, config: FrontEndConfig): { start: number; end: number } | null {
  const segments = findSpeech(samples, config.sampleRate);
  if (segments.length === 0) return null;
  const margin = Math.round((config.marginMs / 1000) * config.sampleRate);
  return { start: Math.max(0, segments[0].start - margin), end: Math.min(samples.length, segments[segments.length - 1].end + margin) };
}

/**
 * The part of an utterance kept for features: from the first to the last 10 ms block within `trimDb` of the
 * loudest, plus `marginMs` either side — relative to the utterance's own peak. Null when shorter than one block.
 */
export function trimRegion(samples: Float32Array, config: FrontEndConfig): { start: number; end: number } | null {
  const levels = blockLevels(samples, config.sampleRate);
  if (levels.length === 0) return null;
  let peak = -Infinity;
  for (const level of levels) peak = Math.max(peak, level);
  const threshold = peak - config.trimDb;
  let first = 0;
  while (levels[first] < threshold) first++;
  let last = levels.length - 1;
  while (levels[last] < threshold) last--;
  const block = Math.round(config.sampleRate / 100);
  const margin = Math.round((config.marginMs / 1000) * config.sampleRate);
  return { start: Math.max(0, first * block - margin), end: Math.min(samples.length, (last + 1) * block + margin) };
}
/** Concatenates each run of `stack` frames into one row; a short final run repeats its last frame. */
export function stackFrames(frames: Float32Array[], stack: number): Features {
  const frameDim = frames.length ? frames[0].length : 0;
  const steps = Math.ceil(frames.length / stack);
  const dim = frameDim * stack;
  const data = new Float32Array(steps * dim);
  for (let s = 0; s < steps; s++) {
    for (let k = 0; k < stack; k++) {
      data.set(frames[Math.min(frames.length - 1, s * stack + k)], s * dim + k * frameDim);
    }
  }
  return { data, steps, dim };
}

/** The loudest 10 ms of an utterance is brought to this level (dBFS) before the MFCC. */
const REFERENCE_DB = -20;

/**
 * Features of one utterance already at `config.sampleRate` (the streaming recognizer's detected segments, or a
 * recording's {@link speechRegion}): trimmed relative to its own peak ({@link trimRegion}), scaled so its loudest
 * 10 ms sits at −20 dBFS, then MFCC with deltas and delta-deltas, normalised per utterance (zero mean, unit
 * variance per dimension, which removes the channel and the speaker's level), then stacked. Every step is
 * relative, so the features do not depend on the input gain; the scaling keeps the log's floor for exact zeros
 * (digital silence) at the same distance below the speech at any gain; a `dither` floor, when configured, is added
 * after the scaling, so it too sits at a fixed distance below the speech. Null when shorter than one frame.
 */
export function utteranceFeatures(samples: Float32Array, config: FrontEndConfig): Features | null {
  const region = trimRegion(samples, config);
  if (!region) return null;
  const speech = samples.slice(region.start, region.end);
  let peak = -Infinity;
  for (const level of blockLevels(speech, config.sampleRate)) peak = Math.max(peak, level);
  if (Number.isFinite(peak)) {
    const gain = 10 ** ((REFERENCE_DB - peak) / 20);
    for (let i = 0; i < speech.length; i++) speech[i] *= gain;
    if (config.dither) addDither(speech, config.sampleRate, REFERENCE_DB, config.dither);
  }
  const { numCeps, winMs, hopMs, bandHz } = config;
  const frames = mfcc(speech, config.sampleRate, { numCeps, winMs, hopMs, lowHz: bandHz?.[0], highHz: bandHz?.[1] });
  if (frames.length === 0) return null;
  return stackFrames(cmvn(withDeltas(frames)), config.stack);
}

/**
 * Speech features of a whole recording already at `config.sampleRate`: its {@link speechRegion} (found by
 * `SpeechDetector` relative to the recording's noise floor) through {@link utteranceFeatures}. Null when the
 * recording holds no speech.
 */
export function extractFeatures(samples: Float32Array, config: FrontEndConfig): Features | null {
  const region = speechRegion(samples, config);
  return region ? utteranceFeatures(samples.subarray(region.start, region.end), config) : null;
}
