import { createRng, fraction, positiveInteger, type Rng, RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';
import { CELL_TYPES, CellSpec, CellType, biasShape, cellKernel, isCellType, stateCount } from './cell-spec';
import { glorotUniform, orthogonal, weightVariable } from './initializers';
import { recurrentSequence } from './recurrent-op';
import { nameWeights, type NamedVariable } from './named-weights';

/** Arguments of a {@link RecurrentLayer}. */
export interface RecurrentLayerArgs {
  /** Which cell: `simpleRNN` (tanh), `lstm`, `gru`, or any other of {@link CELL_TYPES}. */
  cell: CellType;
  /** Size of the hidden state H. */
  units: number;
  /** Features per input step I. */
  inputSize: number;
  /** Walk each sequence from its end (outputs stay aligned with the input steps). Default false. */
  reverse?: boolean;
  /** Fraction of input features dropped in training, one mask per sequence shared by all steps. Default 0. */
  dropout?: number;
  /** Fraction of the recurrent state dropped in training, the same mask at every step. Default 0. */
  recurrentDropout?: number;
  /** GRU only: reset gate after the recurrent product (Keras' default). Default true. */
  resetAfter?: boolean;
  /**
   * LSTM and peephole LSTM only: initial forget-gate bias. 1 (Keras' unit_forget_bias, the default) keeps about
   * 73% of the cell per step at first; larger values (e.g. 3, f ≈ 0.95) let gradients reach far back from the
   * start, which long dependencies need (Gers et al. 2000; Jozefowicz et al. 2015). 0 gives a plain zero bias.
   */
  forgetBias?: number;
  /** Seed for the initial weights and dropout masks. Default 0. */
  seed?: number;
}

/** Per-call options of {@link RecurrentLayer.apply}. */
export interface RecurrentCallOptions {
  /** [h0] or [h0, c0], each [B, H]; zeros when omitted. */
  initialState?: tf.Tensor2D[];
  /** 1 for a real step, 0 for padding, [B, T]. Padded steps keep the state and give zero outputs. */
  mask?: tf.Tensor2D | Float32Array;
  /** Apply dropout. Default false. */
  training?: boolean;
  /** Compute ∂L/∂x (default true); a first layer fed with data can skip this large product. */
  inputGradient?: boolean;
  /** Observes ∂L/∂h_t for every step during backpropagation. */
  onStepGradient?: (t: number, dh: Float32Array) => void;
}

/** Result of a recurrent layer: outputs at every step and the final states. */
export interface RecurrentOutput {
  /** [B, T, H]. */
  outputs: tf.Tensor3D;
  /** [h] or [h, c], each [B, H]. */
  states: tf.Tensor2D[];
}

/** A dropout mask scaled by 1/(1−rate) so that the expected activation is unchanged. */
function dropoutMask(size: number, rate: number, rng: Rng): Float32Array {
  const mask = new Float32Array(size);
  const keep = 1 / (1 - rate);
  for (let i = 0; i < size; i++) mask[i] = rng.next() < rate ? 0 : keep;
  return mask;
}

/**
 * One recurrent layer (SimpleRNN, LSTM or GRU) over whole sequences, trained with the engine's explicit BPTT.
 * Weights use the Keras layout (kernel [I, G·H], recurrentKernel [H, G·H], bias), so they can be copied to and
 * from tf.layers and Keras unchanged.
 */
export class RecurrentLayer {
  /** The configuration, with defaults filled in. */
  readonly config: Readonly<Required<RecurrentLayerArgs>>;
  /** [I, G·H] input kernel. */
  readonly kernel: tf.Variable;
  /** [H, G·H] recurrent kernel. */
  readonly recurrentKernel: tf.Variable;
  /** [G·H], or [2, G·H] for GRU with resetAfter. */
  readonly bias: tf.Variable;
  private readonly spec: CellSpec;
  private readonly dropoutRandom: Rng;

  constructor(args: RecurrentLayerArgs) {
    this.config = {
      cell: args.cell,
      units: positiveInteger('units', args.units),
      inputSize: positiveInteger('inputSize', args.inputSize),
      reverse: args.reverse ?? false,
      dropout: fraction('dropout', args.dropout ?? 0),
      recurrentDropout: fraction('recurrentDropout', args.recurrentDropout ?? 0),
      resetAfter: args.resetAfter ?? true,
      forgetBias: args.forgetBias ?? 1,
      seed: args.seed ?? 0,
    };
    if (!isCellType(args.cell)) throw new RnnkitError('BAD_OPTION', `cell must be one of ${CELL_TYPES.join(', ')}, got "${args.cell}"`);
    const { units: H, inputSize: I, seed } = this.config;
    this.spec = { type: args.cell, units: H, resetAfter: args.cell === 'gru' && this.config.resetAfter };
    const cell = cellKernel(args.cell);
    const GH = cell.gates * H;
    const random = createRng(seed);
    this.kernel = weightVariable(glorotUniform(I, GH, random), [I, GH]);
    this.recurrentKernel = weightVariable(orthogonal(H, GH, random), [H, GH]);
    const bias = new Float32Array(biasShape(this.spec).reduce((a, b) => a * b));
    cell.initializeBias(this.spec, bias, { forgetBias: this.config.forgetBias });
    this.bias = weightVariable(bias, biasShape(this.spec));
    this.dropoutRandom = createRng(seed ^ 0x5bd1e995);
  }

  /** Number of state tensors: 2 for LSTM ([h, c]), 1 otherwise. */
  get stateCount(): number {
    return stateCount(this.config.cell);
  }

  /** The layer's weights in Keras order: kernel, recurrent kernel, bias. */
  get weights(): tf.Variable[] {
    return [this.kernel, this.recurrentKernel, this.bias];
  }

  /** The weights named `prefix/kernel`, `prefix/recurrent_kernel`, `prefix/bias`. */
  namedWeights(prefix: string): NamedVariable[] {
    return nameWeights(prefix, ['kernel', 'recurrent_kernel', 'bias'], this.weights);
  }

  /** Zero states for a batch of `batch` sequences. */
  zeroStates(batch: number): tf.Tensor2D[] {
    return Array.from({ length: this.stateCount }, () => tf.zeros([batch, this.config.units]) as tf.Tensor2D);
  }

  /** Runs the layer over a batch of sequences x [B, T, I]. */
  apply(x: tf.Tensor3D, options: RecurrentCallOptions = {}): RecurrentOutput {
    const [B, , I] = x.shape;
    if (I !== this.config.inputSize) {
      throw new RnnkitError('BAD_INPUT', `${this.config.cell} layer expects ${this.config.inputSize} input features, got ${I}`);
    }
    const training = options.training ?? false;
    const mask = options.mask instanceof tf.Tensor ? (options.mask.dataSync() as Float32Array) : options.mask;
    const ownStates = options.initialState ? null : this.zeroStates(B);
    const states = options.initialState ?? (ownStates as tf.Tensor2D[]);
    const { dropout, recurrentDropout, units } = this.config;
    try {
      const { outputs, states: finalStates } = tf.tidy(() => {
        const input =
          training && dropout > 0
            ? (tf.mul(x, tf.tensor3d(dropoutMask(B * I, dropout, this.dropoutRandom), [B, 1, I])) as tf.Tensor3D)
            : x;
        const result = recurrentSequence(this.spec, input, this.kernel as tf.Tensor2D, this.recurrentKernel as tf.Tensor2D, this.bias, states, {
          mask,
          reverse: this.config.reverse,
          recurrentDropoutMask:
            training && recurrentDropout > 0 ? dropoutMask(B * units, recurrentDropout, this.dropoutRandom) : null,
          inputGradient: options.inputGradient,
          onStepGradient: options.onStepGradient,
        });
        return { outputs: result.outputs, states: result.states };
      });
      return { outputs, states: finalStates };
    } finally {
      if (ownStates) tf.dispose(ownStates);
    }
  }

  /** Frees the weights. */
  dispose(): void {
    tf.dispose(this.weights);
  }
}
