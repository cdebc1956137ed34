import { tf } from './tfjs';
import { createRng, RnnkitError } from '@rnnkit/common';
import { glorotUniform, weightVariable } from './initializers';
import { linear } from './kernels/linear';
import { nameWeights, type NamedVariable } from './named-weights';

/** Activations a {@link Dense} layer can apply. `linear` leaves logits for a loss that takes them. */
export type Activation = 'linear' | 'tanh' | 'relu' | 'sigmoid' | 'softmax';

/** Arguments of a {@link Dense} layer. */
export interface DenseArgs {
  inputSize: number;
  units: number;
  /** Default `linear`. */
  activation?: Activation;
  /** Seed for the Glorot-uniform kernel. Default 0. */
  seed?: number;
}

/**
 * A fully connected layer applied to the last axis of any input, so [B, T, F] inputs are handled step by step
 * in one matrix product (a time-distributed dense layer).
 */
export class Dense {
  /** The configuration, with defaults filled in. */
  readonly config: Readonly<Required<DenseArgs>>;
  /** [inputSize, units]. */
  readonly kernel: tf.Variable;
  /** [units]. */
  readonly bias: tf.Variable;

  constructor(args: DenseArgs) {
    for (const key of ['inputSize', 'units'] as const) {
      if (!Number.isInteger(args[key]) || args[key] < 1) throw new RnnkitError('BAD_OPTION', `${key} must be a positive integer, got ${args[key]}`);
    }
    this.config = { activation: 'linear', seed: 0, ...args };
    const { inputSize, units, seed } = this.config;
    this.kernel = weightVariable(glorotUniform(inputSize, units, createRng(seed)), [inputSize, units]);
    this.bias = weightVariable(new Float32Array(units), [units]);
  }

  /** Kernel, then bias. */
  get weights(): tf.Variable[] {
    return [this.kernel, this.bias];
  }

  /** The weights named `prefix/kernel` and `prefix/bias`. */
  namedWeights(prefix: string): NamedVariable[] {
    return nameWeights(prefix, ['kernel', 'bias'], this.weights);
  }

  /** Applies the layer to the last axis of `x`. */
  apply<R extends tf.Rank>(x: tf.Tensor<R>): tf.Tensor<R> {
    const { inputSize, units, activation } = this.config;
    const shape = x.shape;
    if (shape[shape.length - 1] !== inputSize) {
      throw new RnnkitError('BAD_INPUT', `dense layer expects ${inputSize} features on the last axis, got ${shape[shape.length - 1]}`);
    }
    return tf.tidy(() => {
      const flat = tf.reshape(x, [-1, inputSize]) as tf.Tensor2D;
      const z = linear(flat, this.kernel as tf.Tensor2D, this.bias as tf.Tensor1D);
      const y =
        activation === 'tanh' ? tf.tanh(z)
        : activation === 'relu' ? tf.relu(z)
        : activation === 'sigmoid' ? tf.sigmoid(z)
        : activation === 'softmax' ? tf.softmax(z)
        : z;
      const outShape: number[] = [...shape.slice(0, -1), units];
      return tf.reshape<tf.Rank>(y, outShape) as tf.Tensor<R>;
    });
  }

  /** Frees the weights. */
  dispose(): void {
    tf.dispose(this.weights);
  }
}
