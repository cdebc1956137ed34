import { Bidirectional, Embedding, RecurrentLayer, tf, type NamedVariable } from '@rnnkit/rnn-core';
import type { RecurrentCell } from './seq2seq-config';

/** Arguments of an {@link Encoder}. */
export interface EncoderArgs {
  /** Source vocabulary size. */
  vocabSize: number;
  /** Embedding vector size. */
  embeddingSize: number;
  /** Recurrent cell of every layer. */
  cell: RecurrentCell;
  /** Units per layer and direction. */
  units: number;
  /** Stacked layers. */
  layers: number;
  /** Whether each layer reads both ways. */
  bidirectional: boolean;
  /** Input dropout of each layer while training. */
  dropout: number;
  /** Seed of the initial weights. */
  seed: number;
}

/** What the encoder gives the decoder. */
export interface EncoderOutput {
  /** The top layer's outputs at every source step, [B, Te, outputSize]; zero at padding. */
  outputs: tf.Tensor3D;
  /**
   * The top layer's final states side by side, [B, summarySize]: forward h (and c for LSTM), then backward h (and
   * c). With padding, the forward direction's state is that of the last real step.
   */
  summary: tf.Tensor2D;
}

/** Token embedding, then stacked (optionally bidirectional) recurrent layers over the whole source at once. */
export class Encoder {
  /** The configuration. */
  readonly config: Readonly<EncoderArgs>;
  /** Source symbol embedding. */
  readonly embedding: Embedding;
  /** The recurrent layers, bottom first. */
  readonly layers: ReadonlyArray<RecurrentLayer | Bidirectional>;

  constructor(args: EncoderArgs) {
    this.config = { ...args };
    const { vocabSize, embeddingSize, cell, units, layers, bidirectional, dropout, seed } = args;
    this.embedding = new Embedding({ vocabSize, size: embeddingSize, seed });
    this.layers = Array.from({ length: layers }, (_, i) => {
      const layerArgs = { cell, units, inputSize: i === 0 ? embeddingSize : this.outputSize, dropout, seed: seed + 10 * (i + 1) };
      return bidirectional ? new Bidirectional({ ...layerArgs, mergeMode: 'concat' }) : new RecurrentLayer(layerArgs);
    });
  }

  /** Features per output step: 2·units when bidirectional. */
  get outputSize(): number {
    return this.config.bidirectional ? 2 * this.config.units : this.config.units;
  }

  /** Features of `summary`: units × states per cell × directions. */
  get summarySize(): number {
    return this.config.units * (this.config.cell === 'lstm' ? 2 : 1) * (this.config.bidirectional ? 2 : 1);
  }

  /** Weights named under `prefix`: `prefix/embedding/table`, then `prefix/layer<i>/…` bottom-up. */
  namedWeights(prefix: string): NamedVariable[] {
    return [...this.embedding.namedWeights(`${prefix}/embedding`), ...this.layers.flatMap((layer, i) => layer.namedWeights(`${prefix}/layer${i}`))];
  }

  /** Encodes ids [B, Te] (int32) with a padding mask [B·Te] (1 real, 0 padding). */
  apply(ids: tf.Tensor2D, mask: Float32Array, training: boolean): EncoderOutput {
    return tf.tidy(() => {
      let x = this.embedding.apply(ids) as tf.Tensor3D;
      let states: tf.Tensor2D[] = [];
      this.layers.forEach((layer, i) => {
        const result = layer.apply(x, { mask, training });
        x = result.outputs;
        states = result.states;
        if (i < this.layers.length - 1) tf.dispose(result.states);
      });
      return { outputs: x, summary: tf.concat(states, 1) as tf.Tensor2D };
    });
  }

  /** Frees all weights. */
  dispose(): void {
    this.embedding.dispose();
    for (const layer of this.layers) layer.dispose();
  }
}
