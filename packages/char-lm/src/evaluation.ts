import { positiveInteger } from '@rnnkit/common';
import { softmaxCrossEntropy, tf, type SequenceModel } from '@rnnkit/rnn-core';
import { BpttBatcher } from './batching';
import { CharLmError } from './errors';
import { natsToBits } from './metrics';
import type { Vocabulary } from './vocabulary';

/** Options of {@link evaluateIds} and {@link evaluateText}. */
export interface EvaluationOptions {
  /** Contiguous streams evaluated side by side (fewer for a short text: each is at least `seqLen` long). Default 32. */
  batchSize?: number;
  /** Steps per window; the state carries across windows, so this only trades memory for speed. Default 128. */
  seqLen?: number;
  /**
   * Characters each stream after the first reads, unscored, before its part of the text, so that it does not
   * start without context. Default 256 (at most the stream length); 0 starts every stream from a zero state.
   */
  warmup?: number;
}

/** The summed loss over a text. */
export interface LossSum {
  /** Total cross-entropy in nats over the predicted characters. */
  nats: number;
  /** Number of predicted characters: the length of the text minus one (the first has no context). */
  chars: number;
}

/** The result of {@link evaluateText}. */
export interface Evaluation {
  /** Mean cross-entropy per predicted character, natural log. */
  natsPerChar: number;
  /** The same in bits: natsPerChar / ln 2. */
  bitsPerChar: number;
  /** Number of predicted characters: the length of the text minus one. */
  chars: number;
  /** Characters of the text outside the model's vocabulary, with their counts; each was scored as UNK. */
  unknown: ReadonlyMap<string, number>;
  /** The sum of the counts in `unknown`. */
  unknownCount: number;
}

/** Runs one window from `states`, returns its summed loss and disposes `states`, leaving the final states. */
function runWindow(
  model: SequenceModel,
  x: Int32Array,
  y: Int32Array,
  rows: number,
  steps: number,
  states: tf.Tensor2D[][] | null,
): { nats: number; states: tf.Tensor2D[][] } {
  const input = tf.tensor2d(x, [rows, steps], 'int32');
  const { output, states: next } = model.apply(input, { initialStates: states ?? undefined });
  const loss = tf.tidy(() => softmaxCrossEntropy(output, tf.tensor2d(y, [rows, steps], 'int32')));
  const mean = (loss.dataSync() as Float32Array)[0];
  tf.dispose([input, output, loss, ...(states ?? []).flat()]);
  return { nats: mean * rows * steps, states: next };
}

/**
 * The final states after reading ids[b·L − warmup, b·L) for streams b = 1 … streams − 1, with a zero state for
 * stream 0 (which starts at the beginning of the text), as initial states for the first window.
 */
function warmedStates(model: SequenceModel, ids: Int32Array, streams: number, L: number, warmup: number): tf.Tensor2D[][] {
  const x = new Int32Array((streams - 1) * warmup);
  for (let b = 1; b < streams; b++) x.set(ids.subarray(b * L - warmup, b * L), (b - 1) * warmup);
  const input = tf.tensor2d(x, [streams - 1, warmup], 'int32');
  const { output, states } = model.apply(input);
  const warmed = states.map((layer) => layer.map((s) => tf.tidy(() => tf.concat([tf.zeros([1, s.shape[1]]), s], 0) as tf.Tensor2D)));
  tf.dispose([input, output, ...states.flat()]);
  return warmed;
}

/**
 * The total cross-entropy of a model over a text of ids, with the state carried the way it is in training: the
 * text is cut into `batchSize` contiguous streams (see {@link BpttBatcher}) walked side by side, `seqLen` steps at
 * a time, each stream carrying its state from window to window. A stream does not start cold: it first reads the
 * `warmup` characters before its part of the text, unscored, so that (apart from the first `warmup` characters
 * of the text) every character is predicted with at least that much context, as in one pass over the whole text
 * but many times faster. The few positions left over at the end continue from the last stream's state, so
 * every character after the first is predicted exactly once.
 *
 * Needs at least 2 ids; throws `CharLmError` `bad-option` otherwise or for bad options. Leaves no tensor behind.
 */
export function evaluateIds(model: SequenceModel, ids: Int32Array, options: EvaluationOptions = {}): LossSum {
  const batchSize = positiveInteger('batchSize', options.batchSize ?? 32);
  const seqLen = positiveInteger('seqLen', options.seqLen ?? 128);
  const warmupOption = options.warmup ?? 256;
  if (!Number.isInteger(warmupOption) || warmupOption < 0) {
    throw new CharLmError('BAD_OPTION', `warmup must be an integer >= 0, got ${warmupOption}`);
  }
  const positions = ids.length - 1;
  if (positions < 1) throw new CharLmError('BAD_OPTION', `evaluation needs at least 2 characters, got ${ids.length}`);
  // Each stream at least one window long, so that short texts are not cut into many cold pieces.
  const streams = Math.max(1, Math.min(batchSize, Math.floor(positions / seqLen)));
  const batcher = new BpttBatcher(ids, { batchSize: streams, seqLen });
  const warmup = Math.min(warmupOption, batcher.streamLength);
  let states: tf.Tensor2D[][] | null = streams > 1 && warmup > 0 ? warmedStates(model, ids, streams, batcher.streamLength, warmup) : null;
  let nats = 0;
  try {
    for (const w of batcher.windows()) {
      const result = runWindow(model, w.x, w.y, streams, w.steps, states);
      nats += result.nats;
      states = result.states;
    }
    const used = streams * batcher.streamLength;
    if (used < positions) {
      const last = states as tf.Tensor2D[][];
      states = last.map((layer) => layer.map((s) => tf.slice(s, [streams - 1, 0], [1, s.shape[1]])));
      tf.dispose(last.flat());
      for (let from = used; from < positions; from += seqLen) {
        const to = Math.min(from + seqLen, positions);
        const result = runWindow(model, ids.subarray(from, to), ids.subarray(from + 1, to + 1), 1, to - from, states);
        nats += result.nats;
        states = result.states;
      }
    }
  } finally {
    if (states) tf.dispose(states.flat());
  }
  return { nats, chars: positions };
}

/**
 * Nats and bits per character of a model on `text`, encoded with `vocabulary` (characters it does not know are
 * scored as UNK and reported, never dropped); see {@link evaluateIds} for how the text is walked. Throws
 * `CharLmError` `bad-option` for a text shorter than 2 characters.
 */
export function evaluateText(
  model: SequenceModel,
  vocabulary: Vocabulary,
  text: string,
  options: EvaluationOptions = {},
): Evaluation {
  const { ids, unknown, unknownCount } = vocabulary.encode(text);
  const { nats, chars } = evaluateIds(model, ids, options);
  const natsPerChar = nats / chars;
  return { natsPerChar, bitsPerChar: natsToBits(natsPerChar), chars, unknown, unknownCount };
}
