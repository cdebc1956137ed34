import { addNoise, applyBiquad, applyGain, colouredNoise, convolve, designBiquad, NoiseColour, resample, roomImpulseResponse } from '@rnnkit/audio-features';
import { createRng } from '@rnnkit/common';
import { SpeechDemoError } from './errors';

/** A named, seeded perturbation of a clip: what a real room, microphone or recording chain adds. */
export interface Condition {
  /** The name it was asked by, e.g. `white10`. */
  name: string;
  /** Perturbs mono samples at `sampleRate`; the same seed gives the same output, bit for bit. */
  apply(samples: Float32Array, sampleRate: number, seed: number): Float32Array;
}

/** One family of condition names: a pattern, what it does, and how to build it from the pattern's number. */
interface Family {
  pattern: RegExp;
  usage: string;
  help: string;
  range?: [number, number];
  build: (value: number) => Condition['apply'];
}

function rms(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return x.length ? Math.sqrt(sum / x.length) : 0;
}

function peak(x: ArrayLike<number>): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) p = Math.max(p, Math.abs(x[i]));
  return p;
}

const noise = (colour: NoiseColour) => (snrDb: number) => (x: Float32Array, rate: number, seed: number) =>
  addNoise(x, snrDb, { noise: colouredNoise(colour, x.length, rate, seed) });

/** 50 Hz mains hum: the odd harmonics below 500 Hz (and Nyquist), each 6 dB below the last, at seeded phases. */
function mainsHum(length: number, rate: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const harmonics = [1, 3, 5, 7, 9].filter((h) => 50 * h < rate / 2).map((h, k) => ({ hz: 50 * h, amplitude: 0.5 ** k, phase: 2 * Math.PI * rng.next() }));
  return Float32Array.from({ length }, (_, n) => harmonics.reduce((sum, { hz, amplitude, phase }) => sum + amplitude * Math.sin((2 * Math.PI * hz * n) / rate + phase), 0));
}

/** Band-limits to [low, high] Hz with two 2nd-order Butterworth sections at each edge (24 dB per octave). */
function bandLimit(x: Float32Array, rate: number, low: number, high: number): Float32Array {
  let out = x;
  for (let k = 0; k < 2; k++) out = applyBiquad(out, designBiquad('highPass', rate, low));
  if (high < 0.999 * (rate / 2)) for (let k = 0; k < 2; k++) out = applyBiquad(out, designBiquad('lowPass', rate, high));
  return out;
}

const FAMILIES: Family[] = [
  { pattern: /^clean$/, usage: 'clean', help: 'as recorded', build: () => (x) => Float32Array.from(x) },
  { pattern: /^gain-(\d+)$/, usage: 'gain-N', help: 'N dB quieter, e.g. gain-30', range: [0, 100], build: (db) => (x) => applyGain(x, -db) },
  ...(['white', 'pink', 'brown'] as const).map((colour) => ({
    pattern: new RegExp(`^${colour}(-?\\d+)$`),
    usage: `${colour}N`,
    help: `${colour} noise at N dB SNR over the clip, e.g. ${colour}10, ${colour}0`,
    range: [-20, 60] as [number, number],
    build: noise(colour),
  })),
  {
    pattern: /^hum(-?\d+)$/,
    usage: 'humN',
    help: 'mains hum at N dB SNR: 50 Hz and its odd harmonics to 450 Hz, each 6 dB below the last, seeded phases, e.g. hum10',
    range: [-20, 60],
    build: (snrDb) => (x, rate, seed) => addNoise(x, snrDb, { noise: mainsHum(x.length, rate, seed) }),
  },
  {
    pattern: /^reverb(\d+)$/,
    usage: 'reverbN',
    help: 'a synthetic room (exponentially decaying noise) with an RT60 of N ms and as much reverberant as direct energy, e.g. reverb300',
    range: [50, 3000],
    build: (ms) => (x, rate, seed) => convolve(x, roomImpulseResponse(ms / 1000, rate, { seed })),
  },
  { pattern: /^telephone$/, usage: 'telephone', help: 'the telephone band, 300–3400 Hz (24 dB per octave outside)', build: () => (x, rate) => bandLimit(x, rate, 300, 3400) },
  {
    pattern: /^resample44$/,
    usage: 'resample44',
    help: 'up to 44.1 kHz and back (band-limited resampling both ways)',
    build: () => (x, rate) => resample(resample(x, rate, 44100), 44100, rate).slice(0, x.length),
  },
  {
    pattern: /^room$/,
    usage: 'room',
    help: '1 s of pink room noise before and after the clip, and under it, 30 dB below the clip\'s level',
    build: () => (x, rate, seed) => {
      const out = new Float32Array(x.length + 2 * rate);
      out.set(x, rate);
      const hiss = colouredNoise('pink', out.length, rate, seed);
      const level = rms(x) * 10 ** (-30 / 20);
      for (let i = 0; i < out.length; i++) out[i] += level * hiss[i];
      return out;
    },
  },
  {
    pattern: /^clip(\d+)$/,
    usage: 'clipN',
    help: 'driven N dB over full scale, then clipped at ±1, e.g. clip6',
    range: [0, 40],
    build: (db) => (x) => {
      const gain = 10 ** (db / 20) / (peak(x) || 1);
      return x.map((v) => Math.max(-1, Math.min(1, v * gain)));
    },
  },
  {
    pattern: /^dc$/,
    usage: 'dc',
    help: 'a DC offset of a fifth of the clip\'s peak',
    build: () => (x) => {
      const offset = 0.2 * peak(x);
      return x.map((v) => v + offset);
    },
  },
];

/** The condition names `speech-demo eval --condition` accepts, one line each: for --help and the README. */
export const CONDITION_HELP: string = FAMILIES.map((f) => `  ${f.usage.padEnd(11)} ${f.help}`).join('\n');

/**
 * The condition of a name (see {@link CONDITION_HELP}).
 *
 * @throws {@link SpeechDemoError} `BAD_USAGE` naming the known conditions when the name is unknown or out of range.
 */
export function parseCondition(name: string): Condition {
  for (const family of FAMILIES) {
    const match = family.pattern.exec(name);
    if (!match) continue;
    const value = match[1] === undefined ? 0 : Number(match[1]);
    if (family.range && !(value >= family.range[0] && value <= family.range[1])) {
      throw new SpeechDemoError('BAD_USAGE', `condition "${name}": N must be ${family.range[0]} … ${family.range[1]} for ${family.usage}`);
    }
    return { name, apply: family.build(value) };
  }
  throw new SpeechDemoError('BAD_USAGE', `unknown condition "${name}"; known: ${FAMILIES.map((f) => f.usage).join(', ')} (see eval --help)`);
}

/**
 * The seed of one clip under one condition: the run's seed, the clip's position and the condition's name mixed
 * (FNV-1a), so every clip and condition draws its own noise and room, and a rerun draws the same.
 */
export function conditionSeed(seed: number, clip: number, condition: string): number {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${clip}:${condition}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}
