import { applyBiquad, designBiquad, SpeechDetector, type Biquad, type SpeechDetectorOptions, type SpeechSegment } from '@rnnkit/audio-features';
import { blockLevels } from './levels';

/**
 * The detection settings of both recognizers (whole recordings and streams), over `SpeechDetector`'s defaults:
 * 20 ms blocks, since 10 ms of band-passed noise is too few samples for a steady level; onset 6 dB above the
 * noise floor (instead of 12) so that speech in noise at 0–5 dB SNR is still found; segments from 60 ms, since a
 * short "six" stays only about 80 ms above the floor. White, pink and brown noise alone stay below the onset
 * (measured figures in the README).
 */
export const SPEECH_DETECTION: Readonly<SpeechDetectorOptions> = { blockMs: 20, onsetDb: 6, offsetDb: 6, minSpeechMs: 60 };

/**
 * The band the detector listens to (Hz): 2nd-order Butterworth high and low passes. Voiced speech carries most
 * of its energy there, while rumble lies below and much of broadband noise above, so speech in white noise stands
 * further above the floor.
 */
export const DETECTION_BAND_HZ: readonly [number, number] = [250, 2000];

function detectionFilters(sampleRate: number): Biquad[] {
  const nyquist = sampleRate / 2;
  const [low, high] = DETECTION_BAND_HZ;
  const filters = [designBiquad('highPass', sampleRate, Math.min(low, 0.4 * nyquist))];
  if (high < 0.9 * nyquist) filters.push(designBiquad('lowPass', sampleRate, high));
  return filters;
}

/**
 * Speech detection as both recognizers do it: the band-pass of {@link DETECTION_BAND_HZ}, carried across
 * chunks, then `SpeechDetector` with {@link SPEECH_DETECTION} (any option overridden). Segments do not depend on
 * how the audio is cut into chunks, nor on its gain.
 */
export class SpeechFinder {
  private readonly detector: SpeechDetector;
  private readonly filters: Biquad[];
  /** Per section: x[n-1], x[n-2], y[n-1], y[n-2]. */
  private readonly state: Float64Array;

  constructor(
    readonly sampleRate: number,
    options: SpeechDetectorOptions = {},
  ) {
    this.detector = new SpeechDetector(sampleRate, { ...SPEECH_DETECTION, ...options });
    this.filters = detectionFilters(sampleRate);
    this.state = new Float64Array(4 * this.filters.length);
  }

  /** Level of the latest block (dBFS, in the detection band) and the noise floor it is judged against. */
  get level(): { levelDb: number; noiseFloorDb: number; inSpeech: boolean } {
    return { levelDb: this.detector.levelDb, noiseFloorDb: this.detector.noiseFloorDb, inSpeech: this.detector.inSpeech };
  }

  /** Adds samples; returns the segments that ended within them (sample positions of the stream). */
  push(chunk: ArrayLike<number>): SpeechSegment[] {
    return this.detector.push(this.bandPass(chunk));
  }

  /** Ends the stream: closes a segment still open. */
  end(): SpeechSegment[] {
    return this.detector.end();
  }

  /** The sections in turn, direct form I in double precision, as `applyBiquad` but keeping state across chunks. */
  private bandPass(chunk: ArrayLike<number>): Float32Array {
    const out = Float32Array.from(chunk);
    const st = this.state;
    this.filters.forEach(({ b0, b1, b2, a1, a2 }, k) => {
      const at = 4 * k;
      for (let i = 0; i < out.length; i++) {
        const x = out[i];
        const y = b0 * x + b1 * st[at] + b2 * st[at + 1] - a1 * st[at + 2] - a2 * st[at + 3];
        st[at + 1] = st[at];
        st[at] = x;
        st[at + 3] = st[at + 2];
        st[at + 2] = y;
        out[i] = y;
      }
    });
    return out;
  }
}

/**
 * The speech segments of a whole recording: {@link SpeechFinder} started from the recording's own noise floor
 * (its quietest block in the same band), so that a recording that begins mid-word is judged fairly.
 */
export function findSpeech(samples: Float32Array, sampleRate: number, options: SpeechDetectorOptions = {}): SpeechSegment[] {
  const blockMs = options.blockMs ?? SPEECH_DETECTION.blockMs ?? 10;
  const filtered = detectionFilters(sampleRate).reduce<Float32Array>((x, f) => applyBiquad(x, f), samples);
  const levels = blockLevels(filtered, sampleRate, blockMs);
  if (levels.length === 0) return [];
  let floor = Infinity;
  for (const level of levels) floor = Math.min(floor, level);
  const finder = new SpeechFinder(sampleRate, { initialFloorDb: floor, ...options });
  return [...finder.push(samples), ...finder.end()];
}
