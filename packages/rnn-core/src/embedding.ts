import { tf } from './tfjs';
import { createRng, RnnkitError } from '@rnnkit/common';
import { weightVariable } from './initializers';
import { peekValues } from './kernels/tensor-values';
import { nameWeights, type NamedVariable } from './named-weights';

/** Arguments of an {@link Embedding} layer. */
export interface EmbeddingArgs {
  vocabSize: number;
  /** Size of each embedding vector. */
  size: number;
  /** Seed for the U(−0.05, 0.05) initial table (Keras' default). Default 0. */
  seed?: number;
}

/**
 * Rows of `table` picked by integer ids, with a gradient that adds each row's upstream gradient back into the
 * table in JS. tfjs's own gradient of gather needs UnsortedSegmentSum, which the wasm backend lacks.
 */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  const [V, D] = table.shape;
  const idValues = ids.dataSync();
  for (let i = 0; i < idValues.length; i++) {
    const id = idValues[i];
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new RnnkitError('BAD_INPUT', `embedding id ${id} at position ${i} is outside [0, ${V})`);
  }
  const lookup = tf.customGrad((...args: unknown[]) => {
    const t = args[0] as tf.Tensor2D;
    const value = tf.reshape(tf.gather(t, tf.tensor1d(idValues, 'int32')), [...ids.shape, D]);
    const gradFunc = (dy: tf.Tensor) => {
      const upstream = peekValues(dy); // read in place: the loop below calls no tfjs
      const grad = new Float32Array(V * D);
      for (let i = 0; i < idValues.length; i++) {
        const row = idValues[i] * D;
        for (let k = 0; k < D; k++) grad[row + k] += upstream[i * D + k];
      }
      return [tf.tensor2d(grad, [V, D])];
    };
    return { value, gradFunc };
  });
  return tf.tidy(() => lookup(table));
}

/** A trainable lookup table from token ids [..] to vectors [.., size]; works on every backend, wasm included. */
export class Embedding {
  /** The configuration, with defaults filled in. */
  readonly config: Readonly<Required<EmbeddingArgs>>;
  /** [vocabSize, size]. */
  readonly table: tf.Variable;

  constructor(args: EmbeddingArgs) {
    for (const key of ['vocabSize', 'size'] as const) {
      if (!Number.isInteger(args[key]) || args[key] < 1) throw new RnnkitError('BAD_OPTION', `${key} must be a positive integer, got ${args[key]}`);
    }
    this.config = { seed: 0, ...args };
    const rng = createRng(this.config.seed);
    const values = new Float32Array(args.vocabSize * args.size).map(() => (rng.next() * 2 - 1) * 0.05);
    this.table = weightVariable(values, [args.vocabSize, args.size]);
  }

  /** The table. */
  get weights(): tf.Variable[] {
    return [this.table];
  }

  /** The table, named `prefix/table`. */
  namedWeights(prefix: string): NamedVariable[] {
    return nameWeights(prefix, ['table'], this.weights);
  }

  /** Looks up integer ids of any shape. */
  apply(ids: tf.Tensor): tf.Tensor {
    return embeddingLookup(this.table as tf.Tensor2D, ids);
  }

  /** Frees the table. */
  dispose(): void {
    this.table.dispose();
  }
}
