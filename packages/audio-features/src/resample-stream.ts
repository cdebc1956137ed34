import { AudioFeaturesError } from './errors';
import { interpolateRange, planResampling, ResamplingPlan } from './resample';

/**
 * Streaming {@link resample}: push chunks of any size at `fromRate`, get samples at `toRate` as soon as the
 * kernel has all it needs, and call {@link ResampleStream.end} for the tail. Concatenated, the output equals
 * `resample(wholeSignal, fromRate, toRate)` bit for bit, however the input was cut into chunks.
 *
 * @example
 * const stream = new ResampleStream(44100, 8000);
 * for (const chunk of microphoneChunks) consume(stream.push(chunk));
 * consume(stream.end());
 */
export class ResampleStream {
  private readonly plan: ResamplingPlan;
  private readonly passThrough: boolean;
  /** Input samples kept, the first being input sample `offset`. */
  private buffer = new Float64Array(1024);
  private length = 0;
  private offset = 0;
  private received = 0;
  /** Index of the next output sample. */
  private next = 0;
  private ended = false;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    this.plan = planResampling(fromRate, toRate);
    this.passThrough = fromRate === toRate;
  }

  /** Adds input samples and returns the output samples now complete (possibly none). */
  push(chunk: ArrayLike<number>): Float32Array {
    if (this.ended) throw new AudioFeaturesError('BAD_OPTION', 'push() after end(): start a new ResampleStream');
    if (this.passThrough) {
      this.received += chunk.length;
      return Float32Array.from(chunk);
    }
    this.append(chunk);
    // Output m needs input up to floor(t + halfWidth); it is complete once that sample has arrived.
    let ready = this.next;
    while (Math.floor(ready * this.plan.step + this.plan.halfWidth) <= this.received - 1) ready++;
    const out = new Float32Array(ready - this.next);
    interpolateRange(this.plan, this.buffer, this.offset, this.received, this.next, ready, out, 0);
    this.next = ready;
    this.discardBefore(Math.max(0, Math.ceil(this.next * this.plan.step - this.plan.halfWidth)));
    return out;
  }

  /** Ends the input: returns the remaining output samples, those past the end computed with zeros beyond it. */
  end(): Float32Array {
    if (this.ended) return new Float32Array(0);
    this.ended = true;
    if (this.passThrough) return new Float32Array(0);
    const n = this.received;
    const total = n === 0 ? 0 : Math.max(1, Math.round(n * this.plan.ratio));
    const out = new Float32Array(Math.max(0, total - this.next));
    interpolateRange(this.plan, this.buffer, this.offset, n, this.next, this.next + out.length, out, 0);
    this.next = total;
    return out;
  }

  private append(chunk: ArrayLike<number>): void {
    if (this.length + chunk.length > this.buffer.length) {
      const grown = new Float64Array(Math.max(2 * this.buffer.length, this.length + chunk.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    for (let i = 0; i < chunk.length; i++) this.buffer[this.length + i] = chunk[i];
    this.length += chunk.length;
    this.received += chunk.length;
  }

  private discardBefore(sample: number): void {
    const drop = Math.min(this.length, sample - this.offset);
    if (drop <= 0) return;
    this.buffer.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.offset += drop;
  }
}
