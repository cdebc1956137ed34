import { AudioFeaturesError } from './errors';

/** Options for cepstral mean and variance normalisation. */
export interface CmvnOptions {
  /** Also divide by the standard deviation (CMVN); false subtracts the mean only (CMN). Default true. */
  variance?: boolean;
  /** Added to the variance before the square root so constant features do not divide by zero. Default 1e-10. */
  epsilon?: number;
}

/**
 * Per-utterance normalisation: every feature dimension gets zero mean and (with `variance`) unit variance over
 * the frames given. Population variance (divide by the frame count).
 */
export function cmvn(frames: ArrayLike<number>[], options: CmvnOptions = {}): Float32Array[] {
  if (frames.length === 0) return [];
  const stats = new RunningCmvn(frames[0].length, options);
  for (const frame of frames) stats.update(frame);
  return frames.map((frame) => stats.normalize(frame));
}

/**
 * Streaming normalisation: the statistics are those of every frame seen so far (Welford's running mean and
 * variance), so each frame can be normalised as it arrives. After the last frame of an utterance the statistics
 * equal the per-utterance ones of {@link cmvn}.
 *
 * @example
 * const running = new RunningCmvn(13);
 * for (const frame of stream.push(chunk)) send(running.push(frame));
 */
export class RunningCmvn {
  /** Frames seen. */
  count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly variance: boolean;
  private readonly epsilon: number;

  constructor(
    /** Feature dimension. */
    readonly dimension: number,
    options: CmvnOptions = {},
  ) {
    this.mean = new Float64Array(dimension);
    this.m2 = new Float64Array(dimension);
    this.variance = options.variance ?? true;
    this.epsilon = options.epsilon ?? 1e-10;
  }

  /** Adds a frame to the statistics. */
  update(frame: ArrayLike<number>): void {
    if (frame.length !== this.dimension) {
      throw new AudioFeaturesError('BAD_OPTION', `frame has ${frame.length} values, expected ${this.dimension}`);
    }
    this.count++;
    for (let i = 0; i < this.dimension; i++) {
      const delta = frame[i] - this.mean[i];
      this.mean[i] += delta / this.count;
      this.m2[i] += delta * (frame[i] - this.mean[i]);
    }
  }

  /** Normalises a frame with the statistics so far (unchanged stats; a copy when none yet). */
  normalize(frame: ArrayLike<number>): Float32Array {
    const out = new Float32Array(this.dimension);
    for (let i = 0; i < this.dimension; i++) {
      const centred = frame[i] - this.mean[i];
      out[i] = this.variance && this.count > 0 ? centred / Math.sqrt(this.m2[i] / this.count + this.epsilon) : centred;
    }
    return out;
  }

  /** Adds a frame and returns it normalised with the statistics including it. */
  push(frame: ArrayLike<number>): Float32Array {
    this.update(frame);
    return this.normalize(frame);
  }
}
