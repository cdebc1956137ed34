import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { augment, writeWavFile } from '@rnnkit/audio-features';
import { createRng, type Rng } from '@rnnkit/common';
import { formatClipName } from './clip-name';
import { checkEspeak, speak, SpeakOptions } from './espeak';
import { integer, uniform } from './join-clips';

/** The words espeak-ng is asked to say for each digit. */
export const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** English espeak-ng voices (accents) drawn from. */
export const BASE_VOICES = ['en-us', 'en-gb', 'en-gb-scotland', 'en-gb-x-rp', 'en-029', 'en-us-nyc', 'en-gb-x-gbclan', 'en-gb-x-gbcwmd'];
/** espeak-ng voice variants (timbres) drawn from; '' is the voice's own. */
export const VARIANTS = [
  ...['', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'f1', 'f2', 'f3', 'f4', 'f5', 'klatt', 'klatt2', 'klatt3'],
  ...['Andy', 'Annie', 'belinda', 'david', 'linda', 'rob'],
];

/** Options of {@link prepareData}. */
export interface PrepareDataOptions {
  out: string;
  /** Isolated-digit clips to make. */
  words: number;
  /** Digit-string clips to make. */
  strings: number;
  /** Digits per string, inclusive range. */
  stringDigits: readonly [number, number];
  /** Sample rate of the files written. */
  sampleRate: number;
  seed: number;
  /** Synthesis processes run at once. */
  jobs: number;
  /** The espeak-ng program. */
  command?: string;
  /** Called after each clip with the count done. */
  onProgress?: (done: number, total: number) => void;
}

/** One clip to synthesize: what is said, by which voice, and how it is then augmented. */
export interface ClipPlan {
  label: string;
  text: string;
  speaker: string;
  speak: SpeakOptions;
  augmentSeed: number;
  index: number;
}

/** The speaker tag of a voice: `esp-` + voice + variant, lower case, dashes only. */
export function speakerTag(voice: string): string {
  return `esp-${voice.replace(/\+/g, '-')}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

function planClip(rng: Rng, label: string, index: number): ClipPlan {
  const base = BASE_VOICES[integer(rng, 0, BASE_VOICES.length - 1)];
  const variant = VARIANTS[integer(rng, 0, VARIANTS.length - 1)];
  const voice = variant ? `${base}+${variant}` : base;
  const words = [...label].map((d) => DIGIT_WORDS[Number(d)]);
  // Commas make espeak-ng pause, as people do now and then inside a string of digits.
  const text = words.map((w, i) => (i < words.length - 1 && rng.next() < 0.2 ? `${w},` : w)).join(' ');
  return {
    label,
    text,
    speaker: speakerTag(voice),
    speak: { voice, pitch: integer(rng, 20, 85), speed: integer(rng, 120, 230), wordGap: label.length > 1 ? integer(rng, 0, 8) : 0 },
    augmentSeed: Math.floor(rng.next() * 2 ** 31),
    index,
  };
}

/** The clips {@link prepareData} makes for these options, in order (deterministic in the seed). */
export function planClips(options: Pick<PrepareDataOptions, 'words' | 'strings' | 'stringDigits' | 'seed'>): ClipPlan[] {
  const rng = createRng(options.seed);
  const plans: ClipPlan[] = [];
  for (let i = 0; i < options.words; i++) plans.push(planClip(rng, String(i % 10), i));
  for (let i = 0; i < options.strings; i++) {
    const length = integer(rng, options.stringDigits[0], options.stringDigits[1]);
    const label = Array.from({ length }, () => String(integer(rng, 0, 9))).join('');
    plans.push(planClip(rng, label, options.words + i));
  }
  return plans;
}

/**
 * Augments a synthesized clip the way real recordings differ: speed (tape-style, 0.9–1.1), a gain of −20 to
 * 0 dB, white noise at 15–45 dB SNR and up to 150 ms of extra lead-in.
 */
export function augmentClip(samples: Float32Array, sampleRate: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const lead = Math.round((uniform(rng, [0, 150]) / 1000) * sampleRate);
  const padded = new Float32Array(samples.length + lead);
  padded.set(samples, lead);
  const { samples: out } = augment(padded, sampleRate, { seed, speed: [0.9, 1.1], gainDb: [-20, 0], snrDb: [15, 45] });
  for (let i = 0; i < out.length; i++) out[i] = Math.max(-1, Math.min(1, out[i]));
  return out;
}

/**
 * Synthesizes labelled speech with espeak-ng across voices, variants, pitches and speeds — isolated digits and
 * digit strings — augments every clip and writes it as `{label}_{speaker}_{index}.wav` (16-bit PCM). The same
 * options give the same files.
 *
 * @throws SpeechDemoError `MISSING_TOOL` when espeak-ng is not installed (with how to install it).
 */
export async function prepareData(options: PrepareDataOptions): Promise<{ files: number; speakers: number }> {
  checkEspeak(options.command);
  mkdirSync(options.out, { recursive: true });
  const plans = planClips(options);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const plan = plans[next++];
      const clean = await speak(plan.text, { ...plan.speak, command: options.command }, options.sampleRate);
      const samples = augmentClip(clean, options.sampleRate, plan.augmentSeed);
      writeWavFile(join(options.out, formatClipName(plan)), samples, options.sampleRate);
      options.onProgress?.(++done, plans.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  return { files: plans.length, speakers: new Set(plans.map((p) => p.speaker)).size };
}
