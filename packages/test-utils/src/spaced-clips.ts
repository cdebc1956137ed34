import { createRng } from '@rnnkit/common';

/** Options of {@link spacedClips}. */
export interface SpacedClipsOptions {
  /** Silence before, between and after the clips (s). Default 0.8. */
  gapSeconds?: number;
  /** Each clip is scaled so its loudest 10 ms block (mean removed) is at this level (dBFS). Default −20. */
  peakDb?: number;
  /** Steady white background noise under everything (dBFS RMS). Default −60. */
  noiseDb?: number;
  /** Seed of the noise. Default 5. */
  seed?: number;
}

/** Levels of the 10 ms blocks of `x` (dBFS, each block's mean removed). */
export function blockLevelsDb(x: Float32Array, sampleRate: number): number[] {
  const block = Math.round(sampleRate / 100);
  return Array.from({ length: Math.floor(x.length / block) }, (_, b) => {
    let mean = 0;
    for (let i = b * block; i < (b + 1) * block; i++) mean += x[i] / block;
    let sum = 0;
    for (let i = b * block; i < (b + 1) * block; i++) sum += (x[i] - mean) ** 2;
    return 10 * Math.log10(sum / block);
  });
}

/**
 * A long recording made of clips one after another — as one speaker at one distance would sound: every clip at
 * the same peak level, over one steady seeded background noise, with gaps between them. Returns the signal and
 * where each (scaled) clip starts, in samples.
 */
export function spacedClips(
  clips: Float32Array[],
  sampleRate: number,
  { gapSeconds = 0.8, peakDb = -20, noiseDb = -60, seed = 5 }: SpacedClipsOptions = {},
): { signal: Float32Array; offsets: number[]; clips: Float32Array[] } {
  const scaled = clips.map((clip) => {
    const gain = 10 ** ((peakDb - Math.max(...blockLevelsDb(clip, sampleRate))) / 20);
    return clip.map((v) => v * gain);
  });
  const gap = Math.round(gapSeconds * sampleRate);
  const signal = new Float32Array(scaled.reduce((n, c) => n + c.length + gap, gap));
  const rng = createRng(seed);
  const noise = 10 ** (noiseDb / 20);
  for (let i = 0; i < signal.length; i++) signal[i] = noise * rng.normal();
  const offsets: number[] = [];
  let at = gap;
  for (const clip of scaled) {
    for (let i = 0; i < clip.length; i++) signal[at + i] += clip[i];
    offsets.push(at);
    at += clip.length + gap;
  }
  return { signal, offsets, clips: scaled };
}
