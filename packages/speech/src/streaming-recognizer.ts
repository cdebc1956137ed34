import { ResampleStream, SpeechDetectorOptions, SpeechSegment } from '@rnnkit/audio-features';
import { utteranceFeatures } from './front-end';
import { BLANK } from './model-files';
import { SpeechFinder } from './speech-detection';
import { argmax, meanLogSoftmax, softmax } from './pooling';
import type { Recognizer } from './recognizer';
import { SpeechError } from './speech-error';

/** One digit of an utterance with the model's belief in each digit. */
export interface DigitScore {
  /** The digit heard. */
  digit: string;
  /** Its probability. */
  probability: number;
  /** Probability of each digit '0' … '9', summing to 1. */
  probabilities: number[];
}

/** The result for one utterance of a stream. */
export interface Utterance {
  /** The digits heard, e.g. `7` or `314` (may be empty when the model hears no digit in a sound). */
  transcript: string;
  /** As {@link Transcription.confidence}. */
  confidence: number;
  /**
   * Per digit of the transcript, the model's distribution over the ten digits: word mode, the pooled
   * utterance score; sequence mode, the frame where the best path's digit peaks (blank left out). Empty when a
   * beam decoder's transcript differs from the best path.
   */
  digits: DigitScore[];
  /** Start of speech, seconds from the start of the stream. */
  start: number;
  /** End of speech, seconds from the start of the stream. */
  end: number;
  /** True when the utterance was cut at the maximum length while speech went on. */
  truncated: boolean;
  /**
   * Milliseconds from the end of speech to this result: the audio heard after it before the utterance was
   * closed (the hangover, plus the rest of the chunk that closed it) and the time spent computing the result.
   */
  latencyMs: number;
  /** The computing part of {@link Utterance.latencyMs}: features, model and decoding (wall clock, ms). */
  computeMs: number;
}

/**
 * Options of a {@link StreamingRecognizer}: speech detection (over `SPEECH_DETECTION`, which whole recordings use
 * too), plus the audio kept around each utterance.
 */
export interface StreamingOptions extends SpeechDetectorOptions {
  /** Audio kept before and after the detected speech (ms). Default: the model front-end's `marginMs`. */
  marginMs?: number;
}

/** Audio kept in memory before a segment could start: the detector reaches back at most this far (s). */
const LOOKBACK_SECONDS = 1;

/**
 * Live recognition over a stream of audio: push chunks at any sample rate as they arrive; the stream is
 * resampled to the model's rate, speech is found relative to the stream's own noise floor (`SpeechDetector`:
 * hangover, minimum and maximum length), and each utterance is recognized as soon as it ends — one
 * {@link Utterance} each, with its digits, per-digit probabilities, span and latency. The results do not depend on
 * how the audio is cut into chunks. Works in browsers and Node; the recognizer stays owned by the caller.
 *
 * @example
 * const live = new StreamingRecognizer(recognizer, 44100);
 * for (const chunk of microphoneChunks) for (const u of live.push(chunk)) show(u.transcript, u.start);
 * live.end();
 */
export class StreamingRecognizer {
  private readonly resampler: ResampleStream;
  private readonly detector: SpeechFinder;
  private readonly rate: number;
  private readonly margin: number;
  /** Audio at the model's rate; `audio[0]` is stream sample `offset`. */
  private audio = new Float32Array(8192);
  private length = 0;
  private offset = 0;
  private ended = false;

  constructor(
    private readonly recognizer: Recognizer,
    /** Sample rate of the pushed audio (Hz). */
    readonly inputRate: number,
    options: StreamingOptions = {},
  ) {
    if (!(Number.isFinite(inputRate) && inputRate >= 1000 && inputRate <= 768000)) {
      throw new SpeechError('BAD_INPUT', `sample rate must be 1000 … 768000 Hz, got ${inputRate}`);
    }
    const { marginMs, ...detection } = options;
    this.rate = recognizer.frontEnd.sampleRate;
    this.margin = Math.round(((marginMs ?? recognizer.frontEnd.marginMs) / 1000) * this.rate);
    this.resampler = new ResampleStream(inputRate, this.rate);
    this.detector = new SpeechFinder(this.rate, detection);
  }

  /** Level of the latest 10 ms (dBFS) and the noise floor it is judged against: for a level meter. */
  get level(): { levelDb: number; noiseFloorDb: number; inSpeech: boolean } {
    return this.detector.level;
  }

  /** Adds audio (mono, in [-1, 1], at `inputRate`) and returns the utterances that ended within it. */
  push(chunk: ArrayLike<number>): Utterance[] {
    if (this.ended) throw new SpeechError('BAD_INPUT', 'push() after end(): start a new StreamingRecognizer');
    return this.consume(this.resampler.push(chunk), false);
  }

  /** Ends the stream: recognizes an utterance still open. The recognizer can then be disposed by its owner. */
  end(): Utterance[] {
    if (this.ended) return [];
    this.ended = true;
    return this.consume(this.resampler.end(), true);
  }

  private consume(samples: Float32Array, last: boolean): Utterance[] {
    this.append(samples);
    const segments = [...this.detector.push(samples), ...(last ? this.detector.end() : [])];
    const results: Utterance[] = [];
    for (const segment of segments) {
      const result = this.recognizeSegment(segment);
      if (result) results.push(result);
    }
    if (!this.detector.level.inSpeech) this.discardBefore(this.offset + this.length - Math.round(LOOKBACK_SECONDS * this.rate) - this.margin);
    return results;
  }

  private recognizeSegment(segment: SpeechSegment): Utterance | null {
    const started = now();
    const from = Math.max(this.offset, segment.start - this.margin);
    const to = Math.min(this.offset + this.length, segment.end + this.margin);
    const audio = this.audio.slice(from - this.offset, to - this.offset);
    // The detector has already found the speech, relative to the stream's floor, as speechRegion does for a whole
    // recording; only the front-end's relative trim applies here.
    const features = utteranceFeatures(audio, this.recognizer.frontEnd);
    if (!features) return null;
    const scores = this.recognizer.scores(features);
    const { transcript, confidence } = this.recognizer.decode(scores, features.steps);
    const computeMs = now() - started;
    const heardAfter = ((this.offset + this.length - segment.end) / this.rate) * 1000;
    return {
      transcript,
      confidence,
      digits: this.digitScores(scores, features.steps, transcript),
      start: segment.start / this.rate,
      end: segment.end / this.rate,
      truncated: segment.truncated,
      latencyMs: heardAfter + computeMs,
      computeMs,
    };
  }

  private digitScores(scores: Float32Array, steps: number, transcript: string): DigitScore[] {
    const labels = this.recognizer.extra.labels;
    const classes = labels.length;
    const byDigit = (probabilityOf: (label: number) => number): number[] => {
      const p = Array.from({ length: 10 }, (_, d) => probabilityOf(labels.indexOf(String(d))));
      const sum = p.reduce((a, b) => a + b, 0);
      return p.map((v) => v / sum);
    };
    if (this.recognizer.mode === 'word') {
      const pooled = softmax(meanLogSoftmax(scores, 0, steps, classes));
      const probabilities = byDigit((k) => pooled[k]);
      const best = argmax(probabilities, 0, 10);
      return [{ digit: String(best), probability: probabilities[best], probabilities }];
    }
    // Best path: each run of one non-blank label is a digit; its distribution is taken where it peaks.
    const digits: DigitScore[] = [];
    let previous = BLANK;
    let peak = -1;
    const finish = (): void => {
      if (peak < 0) return;
      const probabilities = byDigit((k) => Math.exp(scores[peak * classes + k]));
      const best = argmax(probabilities, 0, 10);
      digits.push({ digit: String(best), probability: probabilities[best], probabilities });
      peak = -1;
    };
    for (let t = 0; t < steps; t++) {
      const k = argmax(scores, t * classes, classes);
      if (k !== previous) finish();
      if (k !== BLANK && (peak < 0 || scores[t * classes + k] > scores[peak * classes + k])) peak = t;
      previous = k;
    }
    finish();
    return digits.map((d) => d.digit).join('') === transcript ? digits : [];
  }

  private append(samples: Float32Array): void {
    if (this.length + samples.length > this.audio.length) {
      const grown = new Float32Array(Math.max(2 * this.audio.length, this.length + samples.length));
      grown.set(this.audio.subarray(0, this.length));
      this.audio = grown;
    }
    this.audio.set(samples, this.length);
    this.length += samples.length;
  }

  private discardBefore(sample: number): void {
    const drop = Math.min(this.length, sample - this.offset);
    if (drop <= 0) return;
    this.audio.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.offset += drop;
  }
}

/** Milliseconds from a monotonic clock (browsers and Node both have `performance`). */
function now(): number {
  return performance.now();
}
