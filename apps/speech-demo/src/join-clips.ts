import type { Rng } from '@rnnkit/common';

/** Draws uniformly from [low, high]. */
export function uniform(rng: Rng, [low, high]: readonly [number, number]): number {
  return low + (high - low) * rng.next();
}

/** Draws an integer uniformly from [low, high]. */
export function integer(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng.next() * (high - low + 1));
}

/**
 * Joins recordings into one, with a pause of silence drawn from `pauseMs` before, between and after them:
 * how connected digit strings are built from isolated digits. Each clip's DC offset is removed so that the joins
 * do not click.
 */
export function joinClips(clips: readonly Float32Array[], sampleRate: number, rng: Rng, pauseMs: readonly [number, number]): Float32Array {
  const pauses = Array.from({ length: clips.length + 1 }, () => Math.round((uniform(rng, pauseMs) / 1000) * sampleRate));
  const total = pauses.reduce((s, p) => s + p, 0) + clips.reduce((s, c) => s + c.length, 0);
  const out = new Float32Array(total);
  let at = pauses[0];
  clips.forEach((clip, i) => {
    let mean = 0;
    for (let k = 0; k < clip.length; k++) mean += clip[k];
    mean = clip.length ? mean / clip.length : 0;
    for (let k = 0; k < clip.length; k++) out[at + k] = clip[k] - mean;
    at += clip.length + pauses[i + 1];
  });
  return out;
}
