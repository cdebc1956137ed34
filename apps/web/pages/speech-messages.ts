// The messages between the speech page and its worker.
import type { Mode } from '@rnnkit/speech';

/** One recognised utterance, as the page shows it. */
export interface HeardUtterance {
  /** The digits, e.g. "7" or "314"; empty when the model heard no digit. */
  digits: string;
  /** The probability of each digit of `digits`, in order. */
  probabilities: number[];
  /** The recognizer's confidence in the whole utterance. */
  confidence: number;
  /** Start and end of the speech in seconds since the stream began. */
  start: number;
  end: number;
  /** Milliseconds from the end of the speech (as the audio clock goes) to this result. */
  latencyMs: number;
  /** Milliseconds the recognizer computed for this utterance (part of the latency). */
  computeMs: number;
}

/** Page → worker. */
export type ToSpeechWorker =
  | { type: 'load'; backend: string; mode: Mode }
  | { type: 'audio'; samples: Float32Array; sampleRate: number }
  | { type: 'flush' };

/** Worker → page. */
export type FromSpeechWorker =
  | { type: 'ready'; mode: Mode; backend: string }
  | { type: 'utterance'; utterance: HeardUtterance }
  | { type: 'error'; during: 'load' | 'recognize'; message: string };
