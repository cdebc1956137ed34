import { RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';
import type { NamedVariable } from './named-weights';
import { RecurrentCallOptions, RecurrentLayer, RecurrentLayerArgs, RecurrentOutput } from './recurrent-layer';

/** How a bidirectional layer joins its two directions: side by side, or element-wise sum or mean. */
export type MergeMode = 'concat' | 'sum' | 'ave';

/** Arguments of a {@link Bidirectional} layer: a recurrent layer's arguments plus the merge mode. */
export interface BidirectionalArgs extends Omit<RecurrentLayerArgs, 'reverse'> {
  /** Default `concat`, giving 2·units features per step. */
  mergeMode?: MergeMode;
}

/**
 * Two recurrent layers over the same sequences, one reading forwards and one backwards, merged step by step,
 * so that every output sees the whole sequence: the future context a one-way RNN lacks. With padding masks,
 * the backward direction starts at each sequence's last real step.
 */
export class Bidirectional {
  /** Reads left to right. */
  readonly forward: RecurrentLayer;
  /** Reads right to left; its outputs are aligned with the input steps. */
  readonly backward: RecurrentLayer;
  /** How the two directions are joined. */
  readonly mergeMode: MergeMode;

  constructor(args: BidirectionalArgs) {
    const mergeMode = args.mergeMode ?? 'concat';
    if (!['concat', 'sum', 'ave'].includes(mergeMode)) throw new RnnkitError('BAD_OPTION', `mergeMode must be concat, sum or ave, got "${mergeMode}"`);
    this.mergeMode = mergeMode;
    const seed = args.seed ?? 0;
    this.forward = new RecurrentLayer({ ...args, seed, reverse: false });
    this.backward = new RecurrentLayer({ ...args, seed: seed + 1, reverse: true });
  }

  /** Features per output step: 2·units for concat, units otherwise. */
  get outputSize(): number {
    return this.mergeMode === 'concat' ? 2 * this.forward.config.units : this.forward.config.units;
  }

  /** Forward weights, then backward weights. */
  get weights(): tf.Variable[] {
    return [...this.forward.weights, ...this.backward.weights];
  }

  /** The forward layer's weights under `prefix/forward`, then the backward layer's under `prefix/backward`. */
  namedWeights(prefix: string): NamedVariable[] {
    return [...this.forward.namedWeights(`${prefix}/forward`), ...this.backward.namedWeights(`${prefix}/backward`)];
  }

  /**
   * Runs both directions. `initialState`, when given, holds the forward layer's states then the backward
   * layer's; the result's `states` are ordered the same way.
   */
  apply(x: tf.Tensor3D, options: RecurrentCallOptions = {}): RecurrentOutput {
    const n = this.forward.stateCount;
    const init = options.initialState;
    if (init && init.length !== 2 * n) throw new RnnkitError('BAD_INPUT', `bidirectional layer expects ${2 * n} initial states, got ${init.length}`);
    const fwd = this.forward.apply(x, { ...options, initialState: init?.slice(0, n) });
    const bwd = this.backward.apply(x, { ...options, initialState: init?.slice(n) });
    const outputs = this.merge(fwd.outputs, bwd.outputs);
    tf.dispose([fwd.outputs, bwd.outputs]);
    return { outputs, states: [...fwd.states, ...bwd.states] };
  }

  /**
   * Merges a forward and a backward tensor by the merge mode along their last axis: the step outputs, or the
   * two final hidden states of a many-to-one model (as Keras merges them when `return_sequences` is false).
   */
  merge<T extends tf.Tensor>(forward: T, backward: T): T {
    return tf.tidy(() => {
      if (this.mergeMode === 'concat') return tf.concat([forward, backward], forward.rank - 1) as T;
      const sum = tf.add(forward, backward) as T;
      return this.mergeMode === 'sum' ? sum : (tf.mul(sum, 0.5) as T);
    });
  }

  /** Frees both directions' weights. */
  dispose(): void {
    this.forward.dispose();
    this.backward.dispose();
  }
}
