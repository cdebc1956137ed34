import { numberInRange } from '@rnnkit/common';

/** Frame geometry in samples. */
export interface FrameGeometry {
  /** Samples per frame (the analysis window). */
  readonly frameLength: number;
  /** Samples between frame starts. */
  readonly hopLength: number;
}

/** Rounds halves up (2.5 → 3), as the psf definition does; Math.round would too, but x+0.5 can round up early. */
function roundHalfUp(x: number): number {
  const whole = Math.floor(x);
  return x - whole >= 0.5 ? whole + 1 : whole;
}

/** Window and hop in milliseconds to whole samples at `sampleRate` (halves round up). */
export function frameGeometry(sampleRate: number, winMs: number, hopMs: number): FrameGeometry {
  numberInRange('winMs', winMs, 0.1, 10000);
  numberInRange('hopMs', hopMs, 0.1, 10000);
  const frameLength = Math.max(1, roundHalfUp((winMs / 1000) * sampleRate));
  const hopLength = Math.max(1, roundHalfUp((hopMs / 1000) * sampleRate));
  return { frameLength, hopLength };
}

/**
 * Frames for `n` samples: one frame when the signal fits in one window (padded with zeros), else enough frames
 * to cover every sample, the last one padded at the end; none for an empty signal.
 */
export function frameCount(n: number, { frameLength, hopLength }: FrameGeometry): number {
  if (n === 0) return 0;
  return n <= frameLength ? 1 : 1 + Math.ceil((n - frameLength) / hopLength);
}
