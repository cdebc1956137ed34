import { RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';
import { Bidirectional, MergeMode } from './bidirectional';
import { CellType } from './cell-spec';
import { Activation, Dense } from './dense';
import { Embedding } from './embedding';
import type { NamedVariable } from './named-weights';
import { RecurrentLayer, RecurrentLayerArgs } from './recurrent-layer';

/** What a model reads at each step: feature vectors, or token ids (embedded, or one-hot when no size is given). */
export type ModelInput =
  | { type: 'features'; size: number }
  | { type: 'tokens'; vocabSize: number; embeddingSize?: number };

/** One recurrent layer of a stack. */
export interface LayerConfig {
  cell: CellType;
  units: number;
  /** Make the layer bidirectional, merging the directions this way. Default: one direction. */
  bidirectional?: MergeMode;
  /** Input dropout in training (one mask per sequence). Default 0. */
  dropout?: number;
  /** Recurrent-state dropout in training (the same mask at every step). Default 0. */
  recurrentDropout?: number;
  /** GRU only, default true. */
  resetAfter?: boolean;
  /** LSTM only: initial forget-gate bias, default 1 (see {@link RecurrentLayerArgs.forgetBias}). */
  forgetBias?: number;
}

/**
 * A stacked recurrent model: input (features, one-hot or embedded tokens) → recurrent layers → dense output.
 * `outputMode` chooses the sequence mode: `sequence` gives an output at every step (many-to-many, aligned),
 * `last` one output per sequence from the final state (many-to-one; with padding, the last real step).
 */
export interface SequenceModelConfig {
  input: ModelInput;
  layers: LayerConfig[];
  output: { units: number; activation?: Activation };
  outputMode: 'sequence' | 'last';
  /** Seed of every initial weight and dropout mask. Default 0. */
  seed?: number;
}

/** Per-call options of {@link SequenceModel.apply}. */
export interface ModelCallOptions {
  /** 1 for a real step, 0 for padding, [B, T]. */
  mask?: tf.Tensor2D | Float32Array;
  /** Apply dropout. Default false. */
  training?: boolean;
  /** Initial states per layer (see {@link SequenceModel.apply}); zeros when omitted. */
  initialStates?: tf.Tensor2D[][];
  /** Observes ∂L/∂h_t of one layer during backpropagation (gradient diagnostics). */
  onStepGradient?: { layer: number; observe: (t: number, dh: Float32Array) => void };
  /**
   * Compute gradients with respect to feature inputs (default true). Training needs only the weights'
   * gradients, so {@link trainStep} turns this off and saves the first layer's largest matrix product.
   */
  inputGradient?: boolean;
}

/** Output of {@link SequenceModel.apply}. */
export interface ModelOutput {
  /** [B, T, units] in `sequence` mode, [B, units] in `last` mode. */
  output: tf.Tensor;
  /** Final states per layer, in the layout of `initialStates`. */
  states: tf.Tensor2D[][];
}

type StackLayer = RecurrentLayer | Bidirectional;

function validateConfig(config: SequenceModelConfig): void {
  const { input, layers, output, outputMode } = config;
  if (!input || (input.type !== 'features' && input.type !== 'tokens')) {
    throw new RnnkitError('BAD_OPTION', 'config.input must be { type: "features", size } or { type: "tokens", vocabSize, embeddingSize? }');
  }
  if (!Array.isArray(layers) || layers.length === 0) throw new RnnkitError('BAD_OPTION', 'config.layers must list at least one recurrent layer');
  if (!output || !Number.isInteger(output.units) || output.units < 1) throw new RnnkitError('BAD_OPTION', 'config.output.units must be a positive integer');
  if (outputMode !== 'sequence' && outputMode !== 'last') throw new RnnkitError('BAD_OPTION', 'config.outputMode must be "sequence" or "last"');
}

/**
 * A complete recurrent model built from a plain config, so that it can be saved as JSON plus weights and rebuilt
 * anywhere. Holds its own carried state for truncated BPTT ({@link SequenceModel.resetStates}).
 */
export class SequenceModel {
  /** The configuration the model was built from. */
  readonly config: Readonly<SequenceModelConfig>;
  private readonly embedding: Embedding | null;
  private readonly stack: StackLayer[];
  private readonly head: Dense;
  private carried: tf.Tensor2D[][] | null = null;

  constructor(config: SequenceModelConfig) {
    validateConfig(config);
    this.config = JSON.parse(JSON.stringify(config)) as SequenceModelConfig;
    const seed = config.seed ?? 0;
    const { input } = config;
    this.embedding =
      input.type === 'tokens' && input.embeddingSize
        ? new Embedding({ vocabSize: input.vocabSize, size: input.embeddingSize, seed: seed + 101 })
        : null;
    let size = input.type === 'features' ? input.size : (input.embeddingSize ?? input.vocabSize);
    this.stack = config.layers.map((layer, k) => {
      const args = {
        cell: layer.cell,
        units: layer.units,
        inputSize: size,
        dropout: layer.dropout,
        recurrentDropout: layer.recurrentDropout,
        resetAfter: layer.resetAfter,
        forgetBias: layer.forgetBias,
        seed: seed + 10 * (k + 1),
      };
      const built = layer.bidirectional ? new Bidirectional({ ...args, mergeMode: layer.bidirectional }) : new RecurrentLayer(args);
      size = built instanceof Bidirectional ? built.outputSize : layer.units;
      return built;
    });
    this.head = new Dense({ inputSize: size, units: config.output.units, activation: config.output.activation, seed: seed + 7 });
  }

  /** Every trainable weight by a stable, readable name (used for saving and for optimizer state order). */
  get namedWeights(): NamedVariable[] {
    return [
      ...(this.embedding ? this.embedding.namedWeights('embedding') : []),
      ...this.stack.flatMap((layer, k) => layer.namedWeights(`layers/${k}`)),
      ...this.head.namedWeights('output'),
    ];
  }

  /** The trainable variables, in {@link namedWeights} order. */
  get weights(): tf.Variable[] {
    return this.namedWeights.map((w) => w.variable);
  }

  /** Total number of trainable parameters. */
  get parameterCount(): number {
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  /**
   * Runs the model over a batch. Input: features [B, T, F], or int32 token ids [B, T]. States per layer are
   * [h] or [h, c] (LSTM); a bidirectional layer lists its forward states, then its backward states.
   */
  apply(input: tf.Tensor, options: ModelCallOptions = {}): ModelOutput {
    const { training = false, initialStates } = options;
    if (initialStates && initialStates.length !== this.stack.length) {
      throw new RnnkitError('BAD_INPUT', `initialStates must hold one entry per layer (${this.stack.length}), got ${initialStates.length}`);
    }
    const mask = options.mask instanceof tf.Tensor ? (options.mask.dataSync() as Float32Array) : options.mask;
    const states: tf.Tensor2D[][] = [];
    const output = tf.tidy(() => {
      let x = this.embed(input);
      let lastState: tf.Tensor2D | null = null;
      this.stack.forEach((layer, k) => {
        const observer = options.onStepGradient?.layer === k ? options.onStepGradient.observe : undefined;
        const result = layer.apply(x, {
          mask,
          training,
          initialState: initialStates?.[k],
          inputGradient: k > 0 || this.embedding !== null || options.inputGradient !== false,
          onStepGradient: observer,
        });
        x = result.outputs;
        states.push(result.states.map((s) => tf.keep(s)));
        lastState =
          layer instanceof Bidirectional
            ? layer.merge(result.states[0], result.states[layer.forward.stateCount])
            : result.states[0];
      });
      const features = this.config.outputMode === 'last' ? (lastState as unknown as tf.Tensor2D) : x;
      return this.head.apply(features);
    });
    return { output, states };
  }

  /** Inference: the output only, without dropout, with zero initial states. */
  predict(input: tf.Tensor, mask?: tf.Tensor2D | Float32Array): tf.Tensor {
    const { output, states } = this.apply(input, { mask });
    tf.dispose(states.flat());
    return output;
  }

  /**
   * Truncated BPTT: runs a window with the state carried from the previous window (zeros after
   * {@link resetStates}), then keeps this window's final state for the next one. The carried state is a
   * constant for the next window — gradients stop at the window boundary, which is what truncation means.
   */
  applyCarryingState(input: tf.Tensor, options: Omit<ModelCallOptions, 'initialStates'> = {}): tf.Tensor {
    const batch = input.shape[0];
    if (this.carried && this.carried[0][0].shape[0] !== batch) {
      throw new RnnkitError('BAD_INPUT', `carried state is for batch ${this.carried[0][0].shape[0]}, got ${batch}; call resetStates() first`);
    }
    const { output, states } = this.apply(input, { ...options, initialStates: this.carried ?? undefined });
    // Rebuilt from values, not cloned: the carried state must have no link to this window's gradient tape.
    const next = states.map((layer) => layer.map((s) => tf.keep(tf.tensor2d(s.dataSync() as Float32Array, s.shape))));
    tf.dispose(states.flat());
    this.resetStates();
    this.carried = next;
    return output;
  }

  /** Forgets the carried state: the next window starts from zeros. */
  resetStates(): void {
    if (this.carried) tf.dispose(this.carried.flat());
    this.carried = null;
  }

  private embed(input: tf.Tensor): tf.Tensor3D {
    const spec = this.config.input;
    if (spec.type === 'features') {
      if (input.rank !== 3 || input.shape[2] !== spec.size) {
        throw new RnnkitError('BAD_INPUT', `model expects features [batch, steps, ${spec.size}], got [${input.shape}]`);
      }
      return input as tf.Tensor3D;
    }
    if (input.rank !== 2) throw new RnnkitError('BAD_INPUT', `model expects token ids [batch, steps], got [${input.shape}]`);
    if (this.embedding) return this.embedding.apply(input) as tf.Tensor3D;
    const ids = input.dataSync();
    for (let i = 0; i < ids.length; i++) {
      if (!Number.isInteger(ids[i]) || ids[i] < 0 || ids[i] >= spec.vocabSize) {
        throw new RnnkitError('BAD_INPUT', `token id ${ids[i]} at position ${i} is outside the vocabulary [0, ${spec.vocabSize})`);
      }
    }
    return tf.cast(tf.oneHot(tf.cast(input, 'int32'), spec.vocabSize), 'float32') as tf.Tensor3D;
  }

  /** Frees every weight and the carried state. */
  dispose(): void {
    this.resetStates();
    this.embedding?.dispose();
    this.stack.forEach((l) => l.dispose());
    this.head.dispose();
  }
}
