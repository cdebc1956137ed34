import { positiveInteger } from '@rnnkit/common';
import { CharLmError } from './errors';

/** Options for {@link BpttBatcher}. */
export interface BpttOptions {
  /** Number of parallel streams (rows of every window). A positive integer. */
  batchSize: number;
  /** Time steps per window (the truncation length of BPTT). A positive integer. */
  seqLen: number;
  /**
   * When the stream length is not a multiple of `seqLen` the last window is shorter. By default it is yielded
   * with fewer `steps`, so no character is left out; `true` drops it, so every window has exactly `seqLen` steps.
   */
  dropPartial?: boolean;
}

/** One window of truncated BPTT: inputs and targets for `batchSize` streams over `steps` time steps. */
export interface BpttWindow {
  /** Position of the window in the epoch, from 0. At 0 the recurrent state should start fresh. */
  index: number;
  /** Time steps in this window: `seqLen`, or fewer for a final partial window. */
  steps: number;
  /** Input ids, shape `[batchSize, steps]` row-major: the id of stream `b` at step `t` is `x[b * steps + t]`. */
  x: Int32Array;
  /** Target ids, same shape as `x`: each is the id that follows the input at the same place in the corpus. */
  y: Int32Array;
}

/**
 * Cuts a corpus of ids into windows for truncated backpropagation through time with state carried across
 * windows.
 *
 * With `n` ids, every input needs a target, so `n - 1` positions are usable. They are split into `batchSize`
 * contiguous streams of `streamLength = floor((n - 1) / batchSize)` positions: stream `b` reads inputs
 * `ids[b*L .. (b+1)*L)` and targets one position later. The last `(n - 1) mod batchSize` positions are unused.
 * Window `k` holds steps `[k*seqLen, (k+1)*seqLen)` of every stream, so row `b` of window `k + 1` continues exactly
 * where row `b` of window `k` stopped: the final state of one window is the right initial state of the next.
 *
 * Throws `CharLmError` `bad-option` for a non-positive or fractional `batchSize` or `seqLen`, and when the corpus
 * is too short to give each stream one step (or, with `dropPartial`, one full window).
 */
export class BpttBatcher {
  /** Positions (input/target pairs) per stream. */
  readonly streamLength: number;
  /** Windows per epoch. */
  readonly windowCount: number;
  private readonly ids: Int32Array;
  private readonly batchSize: number;
  private readonly seqLen: number;

  constructor(ids: ArrayLike<number>, options: BpttOptions) {
    this.batchSize = positiveInteger('batchSize', options.batchSize);
    this.seqLen = positiveInteger('seqLen', options.seqLen);
    this.ids = ids instanceof Int32Array ? ids : Int32Array.from(ids);
    this.streamLength = Math.floor((this.ids.length - 1) / this.batchSize);
    const full = Math.floor(this.streamLength / this.seqLen);
    this.windowCount = options.dropPartial || this.streamLength % this.seqLen === 0 ? full : full + 1;
    if (this.streamLength < 1 || this.windowCount < 1) {
      const needed = this.batchSize * (options.dropPartial ? this.seqLen : 1) + 1;
      throw new CharLmError(
        'BAD_OPTION',
        `the corpus has ${this.ids.length} ids, too few for batchSize ${this.batchSize}` +
          (options.dropPartial ? ` and seqLen ${this.seqLen} with dropPartial` : '') +
          `: at least ${needed} are needed`,
      );
    }
  }

  /**
   * The windows of one epoch, in order. Each call starts a new epoch from the beginning of the streams, or from
   * window `from` (to resume an epoch part-way). Throws `CharLmError` `bad-option` unless `from` is an integer in
   * `[0, windowCount]`.
   */
  *windows(from = 0): IterableIterator<BpttWindow> {
    if (!Number.isInteger(from) || from < 0 || from > this.windowCount) {
      throw new CharLmError('BAD_OPTION', `from must be an integer in [0, ${this.windowCount}], got ${from}`);
    }
    const { ids, batchSize, seqLen, streamLength } = this;
    for (let index = from; index < this.windowCount; index++) {
      const start = index * seqLen;
      const steps = Math.min(seqLen, streamLength - start);
      const x = new Int32Array(batchSize * steps);
      const y = new Int32Array(batchSize * steps);
      for (let b = 0; b < batchSize; b++) {
        const from = b * streamLength + start;
        x.set(ids.subarray(from, from + steps), b * steps);
        y.set(ids.subarray(from + 1, from + 1 + steps), b * steps);
      }
      yield { index, steps, x, y };
    }
  }
}
