import { integerInRange, numberInRange } from '@rnnkit/common';

/** Options of a {@link SpeechDetector}; every level is in dB relative to the recording's own noise floor. */
export interface SpeechDetectorOptions {
  /** Level analysis block (ms). Default 10. */
  blockMs?: number;
  /** Speech starts after `onsetMs` of blocks this far above the noise floor (dB). Default 12. */
  onsetDb?: number;
  /** Consecutive loud time that starts speech (ms). Default 30. */
  onsetMs?: number;
  /** While in speech, blocks this far above the noise floor (dB) count as speech. Default 6. */
  offsetDb?: number;
  /** Speech ends after this much time without a speech block (ms). Default 200. */
  hangoverMs?: number;
  /** Shorter segments are dropped as clicks (ms). Default 120. */
  minSpeechMs?: number;
  /** A segment is cut here even if speech goes on (ms). Default 8000. */
  maxSpeechMs?: number;
  /** The noise floor is the quietest block of the last this-many ms outside speech. Default 2000. */
  floorWindowMs?: number;
  /**
   * A "speech" segment whose level has stayed within `steadyDb` for this long (ms) is a steady background that
   * got louder (a fan, a change of gain), not speech: it is dropped and the floor measured afresh. Default 1000.
   */
  steadyMs?: number;
  /** See `steadyMs` (dB). Default 6: speech swings far more within a second. */
  steadyDb?: number;
  /**
   * The floor is kept within this many dB of the loudest block so far, so that digital silence (exact zeros)
   * cannot drag it to -∞ and make ordinary noise look like speech. Default 80.
   */
  rangeDb?: number;
  /**
   * A noise floor (dBFS) to start from, counted as one quiet block just before the stream for `floorWindowMs`.
   * When the whole recording is at hand, give its quietest block, so that a recording that starts in the middle of
   * a word is judged against its own floor rather than against its first block. Default: none.
   */
  initialFloorDb?: number;
}

/** A stretch of speech, in samples from the start of the stream: `start` inclusive, `end` exclusive. */
export interface SpeechSegment {
  start: number;
  end: number;
  /** True when the segment was cut at `maxSpeechMs` rather than ended by silence. */
  truncated: boolean;
}

const DEFAULTS: Required<Omit<SpeechDetectorOptions, 'initialFloorDb'>> = {
  blockMs: 10,
  onsetDb: 12,
  onsetMs: 30,
  offsetDb: 6,
  hangoverMs: 200,
  minSpeechMs: 120,
  maxSpeechMs: 8000,
  floorWindowMs: 2000,
  steadyMs: 1000,
  steadyDb: 6,
  rangeDb: 80,
};

/**
 * Finds speech in a stream of samples by its level relative to the stream's own noise floor — never an
 * absolute level, so the same recording at any gain gives the same segments. The floor follows the quietest
 * blocks outside speech over a sliding window; speech starts when the level stays `onsetDb`
 * above it for `onsetMs`, reaching back over the blocks just before that were `offsetDb` above it, and ends
 * after `hangoverMs` below `offsetDb`. Push chunks of any size: segments do not depend on how the stream was cut.
 *
 * @example
 * const detector = new SpeechDetector(8000);
 * for (const chunk of chunks) for (const s of detector.push(chunk)) console.log(s.start / 8000, s.end / 8000);
 * detector.end();
 */
export class SpeechDetector {
  private readonly options: Required<Omit<SpeechDetectorOptions, 'initialFloorDb'>>;
  private readonly block: number;
  private readonly windowBlocks: number;
  private readonly steadyBlocks: number;
  /** Levels of the current segment's last `steadyBlocks` blocks. */
  private speechLevels: number[] = [];
  /** The block being filled. */
  private readonly current: Float64Array;
  private blockFill = 0;
  /** Levels of the recent blocks outside speech, oldest first, with their block indices. */
  private quietLevels: number[] = [];
  private quietBlocks: number[] = [];
  /** Index of the block being filled. */
  private blockIndex = 0;
  private floor = NaN;
  private peak = -Infinity;
  private lastLevel = -Infinity;
  /** Recent blocks' levels above the floor (dB), for reaching back at onset; index = block % length. */
  private readonly history: Float64Array;
  private loudRun = 0;
  private speechStart = -1;
  private lastSpeechBlock = -1;
  /** Where the last segment ended (block): reaching back at onset stops there. */
  private lastEnd = 0;

  constructor(
    readonly sampleRate: number,
    options: SpeechDetectorOptions = {},
  ) {
    numberInRange('sampleRate', sampleRate, 1, 1e7);
    this.options = { ...DEFAULTS, ...options };
    const o = this.options;
    for (const key of ['blockMs', 'onsetMs', 'hangoverMs', 'maxSpeechMs', 'rangeDb'] as const) numberInRange(key, o[key], 1e-3, 1e7);
    for (const key of ['onsetDb', 'offsetDb', 'minSpeechMs', 'floorWindowMs', 'steadyMs', 'steadyDb'] as const) numberInRange(key, o[key], 0, 1e7);
    this.block = Math.max(1, Math.round((o.blockMs / 1000) * sampleRate));
    integerInRange('block length', this.block, 1, 1e7);
    this.current = new Float64Array(this.block);
    this.windowBlocks = Math.max(1, Math.round(o.floorWindowMs / o.blockMs));
    this.steadyBlocks = Math.max(2, Math.round(o.steadyMs / o.blockMs));
    this.history = new Float64Array(Math.ceil(o.onsetMs / o.blockMs) + Math.ceil(o.hangoverMs / o.blockMs) + 2);
    if (options.initialFloorDb !== undefined) {
      numberInRange('initialFloorDb', options.initialFloorDb, -1e4, 1e3);
      this.quietLevels.push(options.initialFloorDb);
      this.quietBlocks.push(-1);
    }
  }

  /** Level of the last complete block (dBFS, the block's mean removed): for a level meter. */
  get levelDb(): number {
    return this.lastLevel;
  }

  /** The current noise-floor estimate (dBFS); NaN before the first block. */
  get noiseFloorDb(): number {
    return this.floor;
  }

  /** True while inside a segment that has started and not yet ended. */
  get inSpeech(): boolean {
    return this.speechStart >= 0;
  }

  /** Adds samples and returns the segments that ended within them. */
  push(chunk: ArrayLike<number>): SpeechSegment[] {
    const segments: SpeechSegment[] = [];
    for (let i = 0; i < chunk.length; i++) {
      this.current[this.blockFill] = chunk[i];
      if (++this.blockFill === this.block) {
        const segment = this.addBlock(blockLevel(this.current));
        if (segment) segments.push(segment);
        this.blockFill = 0;
        this.blockIndex++;
      }
    }
    return segments;
  }

  /** Ends the stream: closes a segment still open (if long enough). */
  end(): SpeechSegment[] {
    if (this.speechStart < 0) return [];
    const segment = this.close(this.lastSpeechBlock + 1, false);
    return segment ? [segment] : [];
  }

  private addBlock(level: number): SpeechSegment | null {
    const o = this.options;
    const b = this.blockIndex;
    this.lastLevel = level;
    this.peak = Math.max(this.peak, level);
    if (this.speechStart < 0) this.updateFloor(b, level);
    this.floor = Math.max(this.floor, this.peak - o.rangeDb);
    const above = level - this.floor;
    this.history[b % this.history.length] = above;

    if (this.speechStart < 0) {
      this.loudRun = above > o.onsetDb ? this.loudRun + 1 : 0;
      if (this.loudRun * o.blockMs >= o.onsetMs) {
        // Reach back over the quieter start of the word that was already above the offset level.
        let start = b - this.loudRun + 1;
        while (start - 1 >= this.lastEnd && b - (start - 1) < this.history.length && this.history[(start - 1) % this.history.length] > o.offsetDb) start--;
        this.speechStart = start;
        this.lastSpeechBlock = b;
        this.loudRun = 0;
      }
      return null;
    }
    if (above > o.offsetDb) this.lastSpeechBlock = b;
    this.speechLevels.push(level);
    if (this.speechLevels.length > this.steadyBlocks) this.speechLevels.shift();
    if (this.speechLevels.length === this.steadyBlocks && Math.max(...this.speechLevels) - Math.min(...this.speechLevels) < o.steadyDb) {
      this.dropSteadySound(b + 1);
      return null;
    }
    if ((b + 1 - this.speechStart) * o.blockMs >= o.maxSpeechMs) return this.close(b + 1, true);
    if ((b - this.lastSpeechBlock) * o.blockMs >= o.hangoverMs) return this.close(this.lastSpeechBlock + 1, false);
    return null;
  }

  /** The floor becomes the quietest block outside speech within the window (kept when there is none). */
  private updateFloor(b: number, level: number): void {
    this.quietLevels.push(level);
    this.quietBlocks.push(b);
    while (this.quietBlocks[0] <= b - this.windowBlocks) {
      this.quietBlocks.shift();
      this.quietLevels.shift();
    }
    this.floor = Math.min(...this.quietLevels);
  }

  /** A louder steady background, not speech: no segment, and the floor is measured afresh from here. */
  private dropSteadySound(endBlock: number): void {
    this.close(endBlock, true);
  }

  private close(endBlock: number, truncated: boolean): SpeechSegment | null {
    const start = this.speechStart;
    this.speechStart = -1;
    this.lastSpeechBlock = -1;
    this.lastEnd = endBlock;
    this.speechLevels = [];
    if (truncated) {
      // Sound that outlasts maxSpeechMs (or stays steady) is more likely a louder background than speech: measure
      // the floor afresh.
      this.quietLevels = [];
      this.quietBlocks = [];
    }
    if ((endBlock - start) * this.options.blockMs < this.options.minSpeechMs) return null;
    return { start: start * this.block, end: endBlock * this.block, truncated };
  }
}

/** Mean-square level of a block in dBFS after removing its mean, so a DC offset does not count as sound. */
function blockLevel(block: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < block.length; i++) mean += block[i];
  mean /= block.length;
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += (block[i] - mean) ** 2;
  return 10 * Math.log10(sum / block.length || Number.MIN_VALUE);
}
