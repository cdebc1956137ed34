import { tf } from '@rnnkit/rnn-core';
import { makeSourceBatch } from '../data/batch';
import type { EncodedSources, Seq2SeqModel } from '../model/seq2seq-model';
import type { StepLogProbs, StepModel } from './step-model';

/**
 * A {@link StepModel} over a `Seq2SeqModel`: encodes the sources once, then runs one decoder step per call with
 * the hypotheses as the batch (their states and sources gathered by parent row). Holds tensors until `dispose()`.
 */
export class ModelStepModel implements StepModel {
  /** Number of sources. */
  readonly sources: number;
  /** Target vocabulary size. */
  readonly vocabSize: number;
  private readonly model: Seq2SeqModel;
  private readonly lengths: number[];
  private readonly withAttention: boolean;
  private readonly encoded: EncodedSources;
  private states: tf.Tensor2D[] | null = null;
  private rowSource: Int32Array | null = null;

  /**
   * @param sources source id sequences (at least one)
   * @param options.attention also return each row's attention weights over its real source steps
   */
  constructor(model: Seq2SeqModel, sources: readonly (readonly number[])[], options: { attention?: boolean } = {}) {
    this.model = model;
    this.sources = sources.length;
    this.vocabSize = model.config.targetVocabSize;
    this.lengths = sources.map((s) => s.length);
    this.withAttention = options.attention ?? false;
    this.encoded = model.encode(makeSourceBatch(sources));
  }

  /** See {@link StepModel.step}. */
  step(parents: Int32Array, tokens: Int32Array): StepLogProbs {
    const rowSource = this.rowSource ? parents.map((p) => (this.rowSource as Int32Array)[p]) : parents;
    const previous = this.states ?? this.encoded.initialStates;
    const out = tf.tidy(() => {
      const byParent = tf.tensor1d(parents, 'int32');
      const bySource = tf.tensor1d(rowSource, 'int32');
      const rows = {
        memory: tf.gather(this.encoded.memory, bySource) as tf.Tensor3D,
        keys: tf.gather(this.encoded.keys, bySource) as tf.Tensor3D,
        mask: tf.gather(this.encoded.mask, bySource) as tf.Tensor2D,
      };
      const states = previous.map((s) => tf.gather(s, byParent) as tf.Tensor2D);
      return this.model.step(tokens, states, rows) as unknown as tf.TensorContainer;
    }) as unknown as { logProbs: tf.Tensor2D; attention: tf.Tensor2D; states: tf.Tensor2D[] };
    if (this.states) tf.dispose(this.states);
    this.states = out.states;
    this.rowSource = rowSource;
    const logProbs = (out.logProbs.dataSync() as Float32Array).slice();
    let attention: Float32Array[] | undefined;
    if (this.withAttention) {
      const weights = out.attention.dataSync() as Float32Array;
      const Te = out.attention.shape[1];
      attention = Array.from(rowSource, (s, r) => weights.slice(r * Te, r * Te + this.lengths[s]));
    }
    tf.dispose([out.logProbs, out.attention]);
    return attention ? { logProbs, attention } : { logProbs };
  }

  /** Frees the encoded sources and the current decoder states. */
  dispose(): void {
    tf.dispose([this.encoded.memory, this.encoded.keys, this.encoded.mask, ...this.encoded.initialStates]);
    if (this.states) tf.dispose(this.states);
    this.states = null;
  }
}
