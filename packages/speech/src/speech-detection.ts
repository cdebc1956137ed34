import { applyBiquad, designBiquad, SpeechDetector, type Biquad, type SpeechDetectorOptions, type SpeechSegment } from '@rnnkit/audio-features';
import { blockLevels } from './levels';

/**
 * The detection settings of both recognizers (whole recordings and streams), over `SpeechDetector`'s defaults:
 * onset 6 dB above the noise floor (instead of 12) so that speech in white noise at 5 dB SNR is still found (at
 * 0 dB SNR about a quarter of FSDD clips are not), and segments from 60 ms, since a short "six" stays only about
 * 80 ms above the floor. White and pink noise alone stay below the onset; the high pass keeps most rumble out of
 * the levels (measured figures in the README).
 */
export const SPEECH_DETECTION: Readonly<SpeechDetectorOptions> = { onsetDb: 6, offsetDb: 6, minSpeechMs: 60 };

/** The detector hears the audio through a high pass at this frequency (Hz): rumble swings too much to judge by. */
export const DETECTION_HIGH_PASS_HZ = 150;

function detectionFilter(sampleRate: number): Biquad {
  return designBiquad('highPass', sampleRate, Math.min(DETECTION_HIGH_PASS_HZ, 0.4 * sampleRate));
}

/**
 * Speech detection as both recognizers do it: a 2nd-order high pass at {@link DETECTION_HIGH_PASS_HZ}, carried
 * across chunks, then `SpeechDetector` with {@link SPEECH_DETECTION} (any option overridden). Segments do not
 * depend on how the audio is cut into chunks, nor on its gain.
 */
export class SpeechFinder {
  private readonly detector: SpeechDetector;
  private readonly filter: Biquad;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(
    readonly sampleRate: number,
    options: SpeechDetectorOptions = {},
  ) {
    this.detector = new SpeechDetector(sampleRate, { ...SPEECH_DETECTION, ...options });
    this.filter = detectionFilter(sampleRate);
  }

  /** Level of the latest block (dBFS, after the high pass) and the noise floor it is judged against. */
  get level(): { levelDb: number; noiseFloorDb: number; inSpeech: boolean } {
    return { levelDb: this.detector.levelDb, noiseFloorDb: this.detector.noiseFloorDb, inSpeech: this.detector.inSpeech };
  }

  /** Adds samples; returns the segments that ended within them (sample positions of the stream). */
  push(chunk: ArrayLike<number>): SpeechSegment[] {
    return this.detector.push(this.highPass(chunk));
  }

  /** Ends the stream: closes a segment still open. */
  end(): SpeechSegment[] {
    return this.detector.end();
  }

  private highPass(chunk: ArrayLike<number>): Float32Array {
    const { b0, b1, b2, a1, a2 } = this.filter;
    const out = new Float32Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      const x = chunk[i];
      const y = b0 * x + b1 * this.x1 + b2 * this.x2 - a1 * this.y1 - a2 * this.y2;
      out[i] = y;
      this.x2 = this.x1;
      this.x1 = x;
      this.y2 = this.y1;
      this.y1 = y;
    }
    return out;
  }
}

/**
 * The speech segments of a whole recording: {@link SpeechFinder} started from the recording's own noise floor
 * (its quietest 10 ms after the same high pass), so that a recording that begins mid-word is judged fairly.
 */
export function findSpeech(samples: Float32Array, sampleRate: number, options: SpeechDetectorOptions = {}): SpeechSegment[] {
  const levels = blockLevels(applyBiquad(samples, detectionFilter(sampleRate)), sampleRate);
  if (levels.length === 0) return [];
  let floor = Infinity;
  for (const level of levels) floor = Math.min(floor, level);
  const finder = new SpeechFinder(sampleRate, { initialFloorDb: floor, ...options });
  return [...finder.push(samples), ...finder.end()];
}
