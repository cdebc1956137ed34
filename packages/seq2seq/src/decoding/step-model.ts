import { PAD_ID, START_ID } from '../vocabulary';

/**
 * What greedy decoding and beam search need from a model: next-symbol log-probabilities for a set of partial
 * outputs ("rows"), each continuing a row of the previous call. The searches never see tensors, so they can be
 * tested against hand-built distributions.
 */
export interface StepModel {
  /** Number of source sequences being decoded. */
  readonly sources: number;
  /** Size of the output vocabulary (the width of each log-probability row). */
  readonly vocabSize: number;
  /**
   * Extends rows: new row r continues row `parents[r]` of the previous call — at the first call, source
   * `parents[r]` — with the symbol `tokens[r]` (START at the first call). Returns log p(next symbol) for every new
   * row, row-major [rows × vocabSize]; the new rows replace the old ones.
   */
  step(parents: Int32Array, tokens: Int32Array): StepLogProbs;
}

/** Result of {@link StepModel.step}. */
export interface StepLogProbs {
  /** [rows × vocabSize] natural-log probabilities. */
  readonly logProbs: Float32Array;
  /** Attention weights of each new row over its source, when the model has them. */
  readonly attention?: readonly Float32Array[];
}

/** One decoded output. */
export interface Hypothesis {
  /** The symbols, without START and END. */
  readonly tokens: readonly number[];
  /** Σ log p of the symbols, END included when finished. */
  readonly logProb: number;
  /** logProb / length^α (see `BeamSearchOptions.lengthPenalty`); equal to logProb for greedy decoding. */
  readonly score: number;
  /** False when the output was cut at the maximum length before END. */
  readonly finished: boolean;
  /** Attention weights of each emitted symbol (END included when finished), when the model has them. */
  readonly attention?: readonly Float32Array[];
}

/**
 * Symbols a decoder may emit: ordinary ones, END and UNK — never PAD or START, which are not outputs (they only
 * appear as padding and as the decoder's first input).
 */
export function isEmittable(token: number): boolean {
  return token !== PAD_ID && token !== START_ID;
}
