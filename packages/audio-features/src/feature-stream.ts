import { FrameAnalyzer } from './analyzer';
import { AudioFeaturesError } from './errors';
import { frameCount } from './framing';
import { MeydaAnalyzer } from './meyda-analyzer';
import { MfccOptions, resolveOptions, ResolvedOptions } from './options';
import { PsfAnalyzer } from './psf-analyzer';

/** What a {@link FeatureStream} computes per frame. */
export type FeatureKind = 'mfcc' | 'logMel';

/** Options for a {@link FeatureStream}: the MFCC options plus what to output. */
export interface FeatureStreamOptions extends MfccOptions {
  /** `mfcc` (default) or `logMel` (psf log filter-bank energies, one per filter). */
  features?: FeatureKind;
}

/**
 * Streaming feature extraction: push chunks of any size, get every frame as soon as its window is complete,
 * and call {@link FeatureStream.end} for the padded frames at the end. The frames are identical, bit for bit,
 * to those of the whole-signal functions (which are built on this class).
 *
 * @example
 * const stream = new FeatureStream(16000);
 * for (const chunk of chunks) frames.push(...stream.push(chunk));
 * frames.push(...stream.end());
 */
export class FeatureStream {
  /** The options in force, defaults filled in. */
  readonly options: ResolvedOptions;
  /** Length of each output vector. */
  readonly dimension: number;
  private readonly analyzer: FrameAnalyzer;
  private pending = new Float64Array(0);
  private pendingLength = 0;
  /** Absolute index of pending[0] in the (pre-emphasised) signal. */
  private base = 0;
  private received = 0;
  private previous = 0;
  private nextFrame = 0;
  private ended = false;

  constructor(sampleRate: number, options: FeatureStreamOptions = {}) {
    const { features = 'mfcc', ...mfccOptions } = options;
    if (features !== 'mfcc' && features !== 'logMel') {
      throw new AudioFeaturesError('BAD_OPTION', `features must be "mfcc" or "logMel", got "${String(features)}"`);
    }
    this.options = resolveOptions(sampleRate, mfccOptions);
    if (features === 'logMel' && this.options.flavour !== 'psf') {
      throw new AudioFeaturesError('BAD_OPTION', 'log-mel energies are defined for the psf flavour only');
    }
    this.analyzer = this.options.flavour === 'psf' ? new PsfAnalyzer(this.options, features) : new MeydaAnalyzer(this.options);
    this.dimension = this.analyzer.dimension;
  }

  /** Adds samples and returns the frames whose windows are now complete (possibly none). */
  push(chunk: ArrayLike<number>): Float32Array[] {
    if (this.ended) throw new AudioFeaturesError('BAD_OPTION', 'push() after end(): start a new FeatureStream');
    const { preEmphasis } = this.options;
    const at = this.reserve(chunk.length);
    let previous = this.previous;
    for (let i = 0; i < chunk.length; i++) {
      const x = chunk[i];
      this.pending[at + i] = this.received + i === 0 ? x : x - preEmphasis * previous;
      previous = x;
    }
    this.previous = previous;
    this.received += chunk.length;
    this.pendingLength += chunk.length;
    return this.emit(Infinity);
  }

  /** Ends the signal: returns the remaining frames, the last ones zero-padded. The stream takes no more input. */
  end(): Float32Array[] {
    if (this.ended) return [];
    this.ended = true;
    const count = frameCount(this.received, this.options);
    if (count === 0) return [];
    const paddedEnd = (count - 1) * this.options.hopLength + this.options.frameLength;
    const extra = paddedEnd - (this.base + this.pendingLength);
    if (extra > 0) {
      const at = this.reserve(extra);
      this.pending.fill(0, at, at + extra);
      this.pendingLength += extra;
    }
    return this.emit(count);
  }

  /** Analyses frames while their window is inside the buffer, up to `limit` frames in all. */
  private emit(limit: number): Float32Array[] {
    const { frameLength, hopLength } = this.options;
    const frames: Float32Array[] = [];
    while (this.nextFrame < limit) {
      const start = this.nextFrame * hopLength - this.base;
      if (start + frameLength > this.pendingLength) break;
      const out = new Float32Array(this.dimension);
      this.analyzer.analyze(this.pending, start, out);
      frames.push(out);
      this.nextFrame++;
    }
    return frames;
  }

  /** Makes room for `extra` more samples, dropping those no future frame needs; returns where they go. */
  private reserve(extra: number): number {
    const needed = Math.min(this.nextFrame * this.options.hopLength, this.base + this.pendingLength) - this.base;
    if (needed > 0) {
      this.pending.copyWithin(0, needed, this.pendingLength);
      this.pendingLength -= needed;
      this.base += needed;
    }
    if (this.pendingLength + extra > this.pending.length) {
      const grown = new Float64Array(Math.max(this.pendingLength + extra, 2 * this.pending.length));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    return this.pendingLength;
  }
}
