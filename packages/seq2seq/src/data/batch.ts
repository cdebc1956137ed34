import { Seq2SeqError } from '../seq2seq-error';
import { END_ID, PAD_ID, START_ID } from '../vocabulary';

/** A source and target as vocabulary ids, without START or END. */
export interface EncodedPair {
  readonly source: readonly number[];
  readonly target: readonly number[];
}

/** Padded sources: ids [B, Te] row-major with PAD after each sequence, and the matching mask (1 real, 0 padding). */
export interface SourceBatch {
  readonly size: number;
  readonly sourceLength: number;
  readonly sourceIds: Int32Array;
  readonly sourceMask: Float32Array;
}

/**
 * A teacher-forcing batch: the decoder reads [START, y₁ … yₙ] and must predict [y₁ … yₙ, END]; `targetMask` is 1
 * on those n + 1 steps and 0 on padding, so padding adds nothing to the loss.
 */
export interface TrainingBatch extends SourceBatch {
  readonly targetLength: number;
  readonly decoderInput: Int32Array;
  readonly decoderTarget: Int32Array;
  readonly targetMask: Float32Array;
}

/** Pads sources to the longest one (at least one step, so an empty source still has a shape). */
export function makeSourceBatch(sources: readonly (readonly number[])[]): SourceBatch {
  const size = sources.length;
  const sourceLength = Math.max(1, ...sources.map((s) => s.length));
  const sourceIds = new Int32Array(size * sourceLength).fill(PAD_ID);
  const sourceMask = new Float32Array(size * sourceLength);
  sources.forEach((s, b) => {
    sourceIds.set(s, b * sourceLength);
    sourceMask.fill(1, b * sourceLength, b * sourceLength + s.length);
  });
  return { size, sourceLength, sourceIds, sourceMask };
}

/** Builds a padded teacher-forcing batch from id pairs. */
export function makeTrainingBatch(pairs: readonly EncodedPair[]): TrainingBatch {
  if (pairs.length === 0) throw new Seq2SeqError('BAD_INPUT', 'a training batch needs at least one pair');
  const sources = makeSourceBatch(pairs.map((p) => p.source));
  const targetLength = Math.max(...pairs.map((p) => p.target.length)) + 1;
  const decoderInput = new Int32Array(pairs.length * targetLength).fill(PAD_ID);
  const decoderTarget = new Int32Array(pairs.length * targetLength).fill(PAD_ID);
  const targetMask = new Float32Array(pairs.length * targetLength);
  pairs.forEach(({ target }, b) => {
    const at = b * targetLength;
    decoderInput[at] = START_ID;
    decoderInput.set(target, at + 1);
    decoderTarget.set(target, at);
    decoderTarget[at + target.length] = END_ID;
    targetMask.fill(1, at, at + target.length + 1);
  });
  return { ...sources, targetLength, decoderInput, decoderTarget, targetMask };
}
