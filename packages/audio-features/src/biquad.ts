import { numberInRange } from '@rnnkit/common';

/** Coefficients of a second-order IIR section, normalised so that a0 = 1. */
export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

type Kind = 'lowPass' | 'highPass' | 'peaking';

/**
 * A second-order section designed by the bilinear transform (the formulas of R. Bristow-Johnson's "Audio EQ
 * Cookbook"). With q = 1/√2 the low- and high-pass sections are Butterworth: −3 dB at `hz`.
 */
export function designBiquad(kind: Kind, sampleRate: number, hz: number, { q = Math.SQRT1_2, gainDb = 0 } = {}): Biquad {
  numberInRange('sampleRate', sampleRate, 1, 10_000_000);
  numberInRange(`${kind} frequency`, hz, 1e-6, (sampleRate / 2) * 0.999999);
  numberInRange('q', q, 1e-3, 1e3);
  numberInRange('gainDb', gainDb, -60, 60);
  const w = (2 * Math.PI * hz) / sampleRate;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * q);
  const amp = 10 ** (gainDb / 40);
  const [b0, b1, b2, a0, a1, a2] =
    kind === 'lowPass'
      ? [(1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha]
      : kind === 'highPass'
        ? [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha]
        : [1 + alpha * amp, -2 * cos, 1 - alpha * amp, 1 + alpha / amp, -2 * cos, 1 - alpha / amp];
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

/** Runs the signal through the section from rest (direct form I, in double precision). */
export function applyBiquad(signal: ArrayLike<number>, { b0, b1, b2, a1, a2 }: Biquad): Float32Array {
  const out = new Float32Array(signal.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < signal.length; i++) {
    const x = signal[i];
    const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    out[i] = y;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
  }
  return out;
}
