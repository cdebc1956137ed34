import { createRng, type Rng } from '@rnnkit/common';
import { glorotUniform, linear, nameWeights, tf, weightVariable, type NamedVariable } from '@rnnkit/rnn-core';
import { Seq2SeqError } from '../seq2seq-error';
import type { AttentionScore } from './seq2seq-config';

/** Arguments of an {@link Attention} layer. */
export interface AttentionArgs {
  /** Score function. */
  score: AttentionScore;
  /** Features of a query (the decoder's hidden state) H. */
  querySize: number;
  /** Features of a memory step (an encoder output) K. */
  memorySize: number;
  /** Hidden size A of the additive score; unused by the multiplicative one. */
  units: number;
  /** Seed of the Glorot-uniform initial weights. Default 0. */
  seed?: number;
}

/** Attention of a batch of queries over a batch of memories. */
export interface AttentionResult {
  /** Σₛ aₜₛ h̄ₛ, [B, Tq, K]. */
  context: tf.Tensor3D;
  /** aₜₛ, [B, Tq, Te]: each row sums to 1 over the real (unmasked) memory steps and is 0 on padding. */
  weights: tf.Tensor3D;
}

// Added to the scores of padded steps: exp(−1e9 − max) is exactly 0 in float32, so padding gets no weight.
const PADDING_SCORE = -1e9;

/**
 * Softmax over the last axis of `scores` [B, Tq, Te] restricted to the steps where `mask` [B, Te] is 1. A row whose
 * memory is all padding gets equal weights (never NaN).
 */
export function maskedSoftmax(scores: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
  const [B, , Te] = scores.shape;
  if (mask.shape[0] !== B || mask.shape[1] !== Te) {
    throw new Seq2SeqError('BAD_INPUT', `attention mask has shape [${mask.shape}], expected [${B},${Te}]`);
  }
  return tf.tidy(() => {
    const penalty = tf.mul(tf.sub(1, tf.reshape(mask, [B, 1, Te])), PADDING_SCORE);
    return tf.softmax(tf.add(scores, penalty)) as tf.Tensor3D;
  });
}

/** A Glorot-uniform weight. */
function variable(rows: number, cols: number, random: Rng): tf.Variable {
  return weightVariable(glorotUniform(rows, cols, random), [rows, cols]);
}

/**
 * Attention of decoder states over encoder outputs. Both score functions first turn the memory into keys once per
 * source (`keys`), so a decoder stepping one token at a time pays only for the query side:
 *
 * - multiplicative (Luong "general"): keys = h̄ W [B, Te, H], score(hₜ, h̄ₛ) = hₜ · keysₛ = hₜᵀ Wᵀ h̄ₛ;
 * - additive (Bahdanau): keys = h̄ W₁ [B, Te, A], score(hₜ, h̄ₛ) = vᵀ tanh(keysₛ + W₂ hₜ), all (t, s) pairs at once
 *   by broadcasting [B, Tq, 1, A] against [B, 1, Te, A].
 */
export class Attention {
  /** The configuration, with defaults filled in. */
  readonly config: Readonly<Required<AttentionArgs>>;
  /** Memory projection: W [K, H] (multiplicative) or W₁ [K, A] (additive). */
  readonly memoryKernel: tf.Variable;
  /** Additive only: W₂ [H, A]. */
  readonly queryKernel: tf.Variable | null;
  /** Additive only: v [A, 1]. */
  readonly scoreVector: tf.Variable | null;

  constructor(args: AttentionArgs) {
    this.config = { seed: 0, ...args };
    const { score, querySize, memorySize, units, seed } = this.config;
    const random = createRng(seed);
    if (score === 'multiplicative') {
      this.memoryKernel = variable(memorySize, querySize, random);
      this.queryKernel = null;
      this.scoreVector = null;
    } else {
      this.memoryKernel = variable(memorySize, units, random);
      this.queryKernel = variable(querySize, units, random);
      this.scoreVector = variable(units, 1, random);
    }
  }

  /** Memory kernel, then (additive) query kernel and score vector. */
  get weights(): tf.Variable[] {
    return [this.memoryKernel, ...(this.queryKernel ? [this.queryKernel] : []), ...(this.scoreVector ? [this.scoreVector] : [])];
  }

  /** The weights named `prefix/memory_kernel` and, for additive scores, `prefix/query_kernel` and `prefix/score_vector`. */
  namedWeights(prefix: string): NamedVariable[] {
    return nameWeights(prefix, ['memory_kernel', 'query_kernel', 'score_vector'].slice(0, this.weights.length), this.weights);
  }

  /** The keys of a memory [B, Te, K]: [B, Te, H] (multiplicative) or [B, Te, A] (additive). */
  keys(memory: tf.Tensor3D): tf.Tensor3D {
    const [B, Te, K] = memory.shape;
    if (K !== this.config.memorySize) throw new Seq2SeqError('BAD_INPUT', `attention expects ${this.config.memorySize} memory features, got ${K}`);
    return tf.tidy(() => {
      const kernel = this.memoryKernel as tf.Tensor2D;
      return tf.reshape(linear(tf.reshape(memory, [B * Te, K]), kernel, null), [B, Te, kernel.shape[1]]) as tf.Tensor3D;
    });
  }

  /** Unnormalised scores of queries [B, Tq, H] against keys [B, Te, ·]: [B, Tq, Te]. */
  scores(query: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
    const [B, Tq, H] = query.shape;
    if (H !== this.config.querySize) throw new Seq2SeqError('BAD_INPUT', `attention expects ${this.config.querySize} query features, got ${H}`);
    return tf.tidy(() => {
      if (!this.queryKernel || !this.scoreVector) return tf.matMul(query, keys, false, true) as tf.Tensor3D;
      const [, Te, A] = keys.shape;
      const q = tf.reshape(linear(tf.reshape(query, [B * Tq, H]), this.queryKernel as tf.Tensor2D, null), [B, Tq, 1, A]);
      const hidden = tf.tanh(tf.add(q, tf.reshape(keys, [B, 1, Te, A])));
      return tf.reshape(linear(tf.reshape(hidden, [B * Tq * Te, A]), this.scoreVector as tf.Tensor2D, null), [B, Tq, Te]) as tf.Tensor3D;
    });
  }

  /**
   * Attention weights of queries [B, Tq, H] over a memory [B, Te, K] with keys from `keys(memory)` and a padding
   * mask [B, Te], and the context vectors they give.
   */
  attend(query: tf.Tensor3D, keys: tf.Tensor3D, memory: tf.Tensor3D, mask: tf.Tensor2D): AttentionResult {
    return tf.tidy(() => {
      const weights = maskedSoftmax(this.scores(query, keys), mask);
      return { context: tf.matMul(weights, memory) as tf.Tensor3D, weights };
    });
  }

  /** Frees the weights. */
  dispose(): void {
    tf.dispose(this.weights);
  }
}
