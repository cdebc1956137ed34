import { addNoise, augment, colouredNoise, convolve, NoiseColour, roomImpulseResponse } from '@rnnkit/audio-features';
import { createRng, type Rng } from '@rnnkit/common';
import { extractFeatures, FrontEndConfig } from '@rnnkit/speech';
import { readClip } from './audio-input';
import { Example } from './batching';
import { ClipFile, Mode } from './dataset';
import { integer, joinClips, uniform } from './join-clips';

/** A clip read into memory. */
export interface LoadedClip {
  clip: ClipFile;
  samples: Float32Array;
}

/** Reads clips at the front-end's rate; unreadable ones are reported through `skip` and left out. */
export function loadClips(clips: readonly ClipFile[], sampleRate: number, skip: (file: string, reason: string) => void): LoadedClip[] {
  const loaded: LoadedClip[] = [];
  for (const clip of clips) {
    try {
      loaded.push({ clip, samples: readClip(clip.path, { sampleRate }) });
    } catch (err) {
      skip(clip.path, err instanceof Error ? err.message : String(err));
    }
  }
  return loaded;
}

/** Class targets of a label: the digit in word mode; CTC classes (digit + 1, after the blank) in sequence mode. */
export function targetOf(label: string, mode: Mode): number[] {
  const digits = [...label].map(Number);
  return mode === 'word' ? digits : digits.map((d) => d + 1);
}

/** How training recordings are varied afresh every epoch. */
export interface AugmentPlan {
  /** Speed factors to draw from, e.g. [0.8, 1.2]. */
  speed: readonly [number, number];
  /**
   * Also colour each copy as another microphone and recording chain would: a high pass at 20–300 Hz, a low pass
   * at 2.6–3.9 kHz and one peaking band of ±10 dB somewhere from 200 Hz to 3.4 kHz (at 8 kHz).
   */
  channel: boolean;
  /** SNR range (dB) of the noise added to each copy. Default [10, 40]. */
  noiseSnr?: readonly [number, number];
  /** Noise colours, one drawn per copy. Default `['white']`. */
  noiseColours?: readonly NoiseColour[];
  /** Share of copies played in a synthetic room: RT60 0.1–0.8 s, direct-to-reverberant −3 to +10 dB. Default 0. */
  reverb?: number;
  /** Share of copies driven 0–12 dB over full scale and clipped. Default 0. */
  clip?: number;
  /** Share of copies given a DC offset of up to a fifth of their peak. Default 0. */
  dc?: number;
}

function peakOf(x: Float32Array): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) p = Math.max(p, Math.abs(x[i]));
  return p;
}

/**
 * Training-time augmentation of a recording: speed (tape-style, which moves the formants as a shorter or longer
 * vocal tract would), the channel colouring of {@link AugmentPlan} when asked, gain −12 to +6 dB, then — as the
 * plan asks — a synthetic room, noise of a drawn colour at the plan's SNR (default white at 10–40 dB), clipping and
 * a DC offset; the result is clipped to [-1, 1]. The room, noise, clipping and DC are the same code as
 * `speech-demo eval --condition` (audio-features' `roomImpulseResponse`, `colouredNoise`).
 */
export function augmentForTraining(samples: Float32Array, sampleRate: number, seed: number, plan: AugmentPlan): Float32Array {
  const nyquist = sampleRate / 2;
  const channel = plan.channel
    ? { highPassHz: [20, 300], lowPassHz: [0.65 * nyquist, 0.975 * nyquist], peak: { gainDb: [-10, 10], hz: [200, 0.85 * nyquist] } } as const
    : {};
  const colours = plan.noiseColours ?? ['white'];
  const snr = plan.noiseSnr ?? [10, 40];
  // White noise alone is drawn inside augment(), as before the other colours existed, so that recipe is unchanged.
  const whiteOnly = colours.length === 1 && colours[0] === 'white';
  let { samples: out } = augment(samples, sampleRate, { seed, speed: plan.speed, ...channel, gainDb: [-12, 6], ...(whiteOnly && { snrDb: snr }) });
  const rng = createRng(seed + 0x9e3779b9);
  const chance = (p = 0) => rng.next() < p;
  if (chance(plan.reverb)) {
    const room = roomImpulseResponse(uniform(rng, [0.1, 0.8]), sampleRate, { seed: integer(rng, 0, 2 ** 30), directToReverbDb: uniform(rng, [-3, 10]) });
    out = convolve(out, room);
  }
  if (!whiteOnly) {
    const colour = colours[integer(rng, 0, colours.length - 1)];
    out = addNoise(out, uniform(rng, snr), { noise: colouredNoise(colour, out.length, sampleRate, integer(rng, 0, 2 ** 30)) });
  }
  if (chance(plan.clip)) {
    const gain = 10 ** (uniform(rng, [0, 12]) / 20) / (peakOf(out) || 1);
    for (let i = 0; i < out.length; i++) out[i] *= gain;
  }
  if (chance(plan.dc)) {
    const offset = uniform(rng, [-0.2, 0.2]) * peakOf(out);
    for (let i = 0; i < out.length; i++) out[i] += offset;
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.max(-1, Math.min(1, out[i]));
  return out;
}

/** Features and targets of one recording, or null when the front-end finds no speech in it. */
export function toExample(samples: Float32Array, label: string, mode: Mode, frontEnd: FrontEndConfig): Example | null {
  const features = extractFeatures(samples, frontEnd);
  return features ? { features, target: targetOf(label, mode) } : null;
}

/** Each clip as an example, as recorded. */
export function cleanExamples(clips: readonly LoadedClip[], mode: Mode, frontEnd: FrontEndConfig): Example[] {
  return clips.map(({ clip, samples }) => toExample(samples, clip.label, mode, frontEnd)).filter((e): e is Example => e !== null);
}

/** `copies` augmented versions of each clip, seeded by `seed` and the clip's position. */
export function augmentedExamples(
  clips: readonly LoadedClip[],
  mode: Mode,
  frontEnd: FrontEndConfig,
  copies: number,
  seed: number,
  plan: AugmentPlan,
): Example[] {
  const out: Example[] = [];
  clips.forEach(({ clip, samples }, i) => {
    for (let k = 0; k < copies; k++) {
      const example = toExample(augmentForTraining(samples, frontEnd.sampleRate, seed + 7919 * i + k, plan), clip.label, mode, frontEnd);
      if (example) out.push(example);
    }
  });
  return out;
}

/** Options of {@link joinedStrings}. */
export interface JoinOptions {
  count: number;
  /** Digits per string, inclusive. */
  digits: readonly [number, number];
  /** Silence before, between and after the digits (ms). */
  pauseMs: readonly [number, number];
  sampleRate: number;
}

/** One joined string: its digits, speaker and audio. */
export interface JoinedString {
  label: string;
  speaker: string;
  samples: Float32Array;
}

/** The one-digit clips of each speaker, by digit. */
function bySpeakerAndDigit(clips: readonly LoadedClip[]): Map<string, LoadedClip[][]> {
  const map = new Map<string, LoadedClip[][]>();
  for (const c of clips) {
    if (c.clip.label.length !== 1) continue;
    if (!map.has(c.clip.speaker)) map.set(c.clip.speaker, Array.from({ length: 10 }, () => []));
    map.get(c.clip.speaker)![Number(c.clip.label)].push(c);
  }
  return map;
}

/**
 * Digit strings built by joining one speaker's isolated-digit recordings with pauses: each string picks a
 * speaker, a length and random digits, then one recording of each digit by that speaker. Only speakers with
 * recordings of all ten digits are used.
 */
export function joinedStrings(clips: readonly LoadedClip[], options: JoinOptions, rng: Rng): JoinedString[] {
  const speakers = [...bySpeakerAndDigit(clips)].filter(([, digits]) => digits.every((d) => d.length > 0));
  if (speakers.length === 0 || options.count === 0) return [];
  const out: JoinedString[] = [];
  for (let i = 0; i < options.count; i++) {
    const [speaker, digits] = speakers[integer(rng, 0, speakers.length - 1)];
    const length = integer(rng, options.digits[0], options.digits[1]);
    const label = Array.from({ length }, () => String(integer(rng, 0, 9))).join('');
    const parts = [...label].map((d) => {
      const pool = digits[Number(d)];
      return pool[integer(rng, 0, pool.length - 1)].samples;
    });
    out.push({ label, speaker, samples: joinClips(parts, options.sampleRate, rng, options.pauseMs) });
  }
  return out;
}

/**
 * Sequence-mode training strings: joined from one-digit clips, then (four in five, when `plan` is given)
 * augmented.
 */
export function joinedExamples(
  clips: readonly LoadedClip[],
  options: JoinOptions,
  frontEnd: FrontEndConfig,
  seed: number,
  plan?: AugmentPlan,
): Example[] {
  const rng = createRng(seed);
  const out: Example[] = [];
  for (const s of joinedStrings(clips, options, rng)) {
    const augmentSeed = Math.floor(uniform(rng, [0, 2 ** 31]));
    const audio = plan && rng.next() < 0.8 ? augmentForTraining(s.samples, frontEnd.sampleRate, augmentSeed, plan) : s.samples;
    const example = toExample(audio, s.label, 'sequence', frontEnd);
    if (example) out.push(example);
  }
  return out;
}
