import { Dense, Embedding, RecurrentLayer, softmaxCrossEntropy, tf, type NamedVariable } from '@rnnkit/rnn-core';
import type { SourceBatch, TrainingBatch } from '../data/batch';
import { Seq2SeqError } from '../seq2seq-error';
import type { Vocabulary } from '../vocabulary';
import { Attention } from './attention';
import { Encoder } from './encoder';
import { resolveConfig, type Seq2SeqConfig } from './seq2seq-config';

/** Arguments of a {@link Seq2SeqModel}: the two vocabularies and any architecture field to override. */
export type Seq2SeqModelArgs = Partial<Omit<Seq2SeqConfig, 'sourceVocabSize' | 'targetVocabSize'>> & {
  readonly sourceVocabulary: Vocabulary;
  readonly targetVocabulary: Vocabulary;
};

export type { NamedVariable };

/** Encoded sources: everything the decoder needs from them. The caller disposes the tensors. */
export interface EncodedSources {
  /** Encoder outputs [B, Te, K]. */
  memory: tf.Tensor3D;
  /** Attention keys of the memory, computed once per source. */
  keys: tf.Tensor3D;
  /** Source padding mask [B, Te]. */
  mask: tf.Tensor2D;
  /** The decoder's initial states ([h] or [h, c]), each [B, decoderUnits]. */
  initialStates: tf.Tensor2D[];
}

/** Output of the decoder's read-out over a run of decoder states. */
export interface Readout {
  /** Unnormalised next-symbol scores [B, Td, targetVocabSize]. */
  logits: tf.Tensor3D;
  /** Attention weights [B, Td, Te]. */
  attention: tf.Tensor3D;
}

/** One decoder step for a set of hypotheses. The caller disposes the tensors. */
export interface StepOutput {
  /** log p(next symbol) [R, targetVocabSize]. */
  logProbs: tf.Tensor2D;
  /** Attention weights of this step [R, Te]. */
  attention: tf.Tensor2D;
  /** Decoder states after the step. */
  states: tf.Tensor2D[];
}

/**
 * An encoder–decoder with attention (Luong et al., 2015, "global attention" architecture).
 *
 * - Encoder: embedding → stacked, optionally bidirectional LSTM/GRU over the whole source.
 * - Bridge: the decoder's initial state is tanh(W [final encoder states]) (the LSTM memory cell: linear), so the
 *   decoder starts from a summary of the source and gradients reach the encoder through the states as well as
 *   through attention.
 * - Decoder: embedding → one LSTM/GRU. Attention is applied AFTER the recurrent step: the decoder state hₜ
 *   queries the encoder outputs (additive or multiplicative score, masked softmax over real source steps), and
 *   the attentional vector h̃ₜ = tanh(W_c [cₜ; hₜ]) is mapped to the target vocabulary. Because the recurrence
 *   does not read the context, training runs the decoder over the whole target in one fused kernel call
 *   (teacher forcing) and scores every (target step, source step) pair at once, instead of a slow loop of small
 *   ops per step. The price is Luong's "input feeding": the decoder does not see its previous attention.
 */
export class Seq2SeqModel {
  /** The architecture, every field filled in. */
  readonly config: Seq2SeqConfig;
  /** Symbols of the input side. */
  readonly sourceVocabulary: Vocabulary;
  /** Symbols of the output side. */
  readonly targetVocabulary: Vocabulary;
  /** Embedding and recurrent layers over the source. */
  readonly encoder: Encoder;
  /** One layer per decoder state: h (tanh), then c for an LSTM decoder (linear). */
  readonly bridges: readonly Dense[];
  /** Target symbol embedding (the decoder's input). */
  readonly targetEmbedding: Embedding;
  /** The decoder's recurrent layer. */
  readonly decoder: RecurrentLayer;
  /** Attention of decoder states over encoder outputs. */
  readonly attention: Attention;
  /** h̃ = tanh(W_c [context; h]). */
  readonly combine: Dense;
  /** h̃ → logits over the target vocabulary. */
  readonly output: Dense;

  constructor(args: Seq2SeqModelArgs) {
    const { sourceVocabulary, targetVocabulary, ...overrides } = args;
    this.config = resolveConfig({ ...overrides, sourceVocabSize: sourceVocabulary.size, targetVocabSize: targetVocabulary.size });
    this.sourceVocabulary = sourceVocabulary;
    this.targetVocabulary = targetVocabulary;
    const c = this.config;
    this.encoder = new Encoder({
      vocabSize: c.sourceVocabSize, embeddingSize: c.embeddingSize, cell: c.encoderCell, units: c.encoderUnits,
      layers: c.encoderLayers, bidirectional: c.bidirectional, dropout: c.dropout, seed: c.seed,
    });
    const summary = this.encoder.summarySize;
    this.bridges = (c.decoderCell === 'lstm' ? (['tanh', 'linear'] as const) : (['tanh'] as const)).map(
      (activation, i) => new Dense({ inputSize: summary, units: c.decoderUnits, activation, seed: c.seed + 500 + i }),
    );
    this.targetEmbedding = new Embedding({ vocabSize: c.targetVocabSize, size: c.embeddingSize, seed: c.seed + 1000 });
    this.decoder = new RecurrentLayer({
      cell: c.decoderCell, units: c.decoderUnits, inputSize: c.embeddingSize, dropout: c.dropout, seed: c.seed + 1001,
    });
    this.attention = new Attention({
      score: c.attention, querySize: c.decoderUnits, memorySize: this.encoder.outputSize, units: c.attentionUnits,
      seed: c.seed + 1002,
    });
    this.combine = new Dense({
      inputSize: this.encoder.outputSize + c.decoderUnits, units: c.attentionUnits, activation: 'tanh', seed: c.seed + 1003,
    });
    this.output = new Dense({ inputSize: c.attentionUnits, units: c.targetVocabSize, seed: c.seed + 1004 });
  }

  /** Every weight with its stable name, always in the same order (optimizer slots are matched by position). */
  get namedWeights(): NamedVariable[] {
    return [
      ...this.encoder.namedWeights('encoder'),
      ...this.bridges.flatMap((b, i) => b.namedWeights(`bridge/${i === 0 ? 'h' : 'c'}`)),
      ...this.targetEmbedding.namedWeights('decoder/embedding'),
      ...this.decoder.namedWeights('decoder'),
      ...this.attention.namedWeights('attention'),
      ...this.combine.namedWeights('combine'),
      ...this.output.namedWeights('output'),
    ];
  }

  /** Number of trainable parameters. */
  get parameterCount(): number {
    return this.namedWeights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** Runs the encoder and prepares attention keys and the decoder's initial states. */
  encode(batch: SourceBatch, training = false): EncodedSources {
    const { size: B, sourceLength: Te } = batch;
    return tf.tidy(() => {
      const ids = tf.tensor2d(batch.sourceIds, [B, Te], 'int32');
      const { outputs, summary } = this.encoder.apply(ids, batch.sourceMask, training);
      return {
        memory: outputs,
        keys: this.attention.keys(outputs),
        mask: tf.tensor2d(batch.sourceMask, [B, Te]),
        initialStates: this.bridges.map((b) => b.apply(summary)),
      } as unknown as tf.TensorContainer;
    }) as unknown as EncodedSources;
  }

  /** Attention over the encoded sources, then the attentional vector and the logits, for decoder states h [B, Td, H]. */
  readout(h: tf.Tensor3D, sources: Pick<EncodedSources, 'memory' | 'keys' | 'mask'>): Readout {
    return tf.tidy(() => {
      const { context, weights } = this.attention.attend(h, sources.keys, sources.memory, sources.mask);
      const attentional = this.combine.apply(tf.concat([context, h], 2) as tf.Tensor3D);
      return { logits: this.output.apply(attentional), attention: weights };
    });
  }

  /** Teacher forcing: the decoder reads the whole (shifted) target at once. */
  forward(batch: TrainingBatch, training = false): Readout {
    const { size: B, targetLength: Td } = batch;
    return tf.tidy(() => {
      const sources = this.encode(batch, training);
      const x = this.targetEmbedding.apply(tf.tensor2d(batch.decoderInput, [B, Td], 'int32')) as tf.Tensor3D;
      const { outputs } = this.decoder.apply(x, { initialState: sources.initialStates, mask: batch.targetMask, training });
      return this.readout(outputs, sources) as unknown as tf.TensorContainer;
    }) as unknown as Readout;
  }

  /** Mean cross-entropy (nats per target symbol, END included) over the batch's real target steps. */
  loss(batch: TrainingBatch, training = false): tf.Scalar {
    const { size: B, targetLength: Td } = batch;
    return tf.tidy(() => {
      const { logits } = this.forward(batch, training);
      const labels = tf.tensor2d(batch.decoderTarget, [B, Td], 'int32');
      return softmaxCrossEntropy(logits, labels, tf.tensor2d(batch.targetMask, [B, Td]));
    });
  }

  /**
   * One decoder step for R hypotheses: `tokens` [R] are the previous symbols, `states` the decoder states [R, H]
   * and `sources` the encoded sources already gathered to one row per hypothesis.
   */
  step(tokens: Int32Array, states: tf.Tensor2D[], sources: Pick<EncodedSources, 'memory' | 'keys' | 'mask'>): StepOutput {
    const R = tokens.length;
    if (states.some((s) => s.shape[0] !== R) || sources.memory.shape[0] !== R) {
      throw new Seq2SeqError('BAD_INPUT', `decoder step: ${R} tokens but states/sources have other batch sizes`);
    }
    return tf.tidy(() => {
      const x = this.targetEmbedding.apply(tf.tensor2d(tokens, [R, 1], 'int32')) as tf.Tensor3D;
      const { outputs, states: next } = this.decoder.apply(x, { initialState: states });
      const { logits, attention } = this.readout(outputs, sources);
      const V = this.config.targetVocabSize;
      return {
        logProbs: tf.logSoftmax(tf.reshape(logits, [R, V])),
        attention: tf.reshape(attention, [R, attention.shape[2]]),
        states: next,
      } as unknown as tf.TensorContainer;
    }) as unknown as StepOutput;
  }

  /** Frees every weight. */
  dispose(): void {
    tf.dispose(this.namedWeights.map((w) => w.variable));
  }
}
