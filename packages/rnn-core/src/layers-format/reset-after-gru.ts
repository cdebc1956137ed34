import type { GRU, GRUCell } from '@tensorflow/tfjs-layers/dist/layers/recurrent';
import type { GRUCellLayerArgs, GRULayerArgs } from '@tensorflow/tfjs-layers';
import { tf } from '../tfjs';

/**
 * tfjs-layers 4.22's GRU refuses `resetAfter: true` ("GRUCell does not support reset_after parameter set to
 * true"), yet that is Keras' default GRU and rnnkit's. This module registers, under tfjs's own class name `GRU`,
 * a subclass that runs the reset-after cell when asked and is tfjs's GRU unchanged otherwise. The files keep
 * Keras' layout (`reset_after: true`, bias [2, 3·units]: input bias then recurrent bias), so Keras reads them
 * without any of this; only TensorFlow.js needs the registration.
 */

const REGISTERED = Symbol.for('rnnkit.resetAfterGru');

type Shape = Array<number | null>;
type Registered = { [REGISTERED]?: boolean };
type ResetAfterArgs = GRUCellLayerArgs & { resetAfter?: boolean };

/**
 * Teaches `tf.loadLayersModel` (and `tf.layers.gru` deserialization) the reset-after GRU. Idempotent; affects
 * only GRU configs with `resetAfter: true`, which tfjs would otherwise reject.
 */
export function registerResetAfterGru(): void {
  const classes = tf.serialization.SerializationMap.getMap().classNameMap;
  const current = classes.GRU?.[0] as unknown as Registered | undefined;
  if (!current || current[REGISTERED]) return;
  const BaseGru = classes.GRU[0] as unknown as typeof GRU;
  const BaseCell = classes.GRUCell[0] as unknown as typeof GRUCell;

  class ResetAfterGruCell extends BaseCell {
    static override className = 'GRUCell';

    constructor(args: ResetAfterArgs) {
      super({ ...args, resetAfter: false } as GRUCellLayerArgs);
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const width = 3 * this.units;
      this.kernel = this.addWeight('kernel', [shape[shape.length - 1] as number, width], undefined, this.kernelInitializer, this.kernelRegularizer, true, this.kernelConstraint);
      this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, width], undefined, this.recurrentInitializer, this.recurrentRegularizer, true, this.recurrentConstraint);
      if (this.useBias) {
        this.bias = this.addWeight('bias', [2, width], undefined, this.biasInitializer, this.biasRegularizer, true, this.biasConstraint);
      }
      this.built = true;
    }

    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor[] {
      return tf.tidy(() => {
        const [x, hPrev] = inputs as tf.Tensor2D[];
        const training = kwargs.training ?? false;
        // One mask per sequence, kept across steps; GRU.call disposes them before the next sequence.
        if (training && this.dropout > 0 && this.dropout < 1 && this.dropoutMask == null) {
          this.dropoutMask = tf.keep(tf.dropout(tf.onesLike(x), this.dropout));
        }
        if (training && this.recurrentDropout > 0 && this.recurrentDropout < 1 && this.recurrentDropoutMask == null) {
          this.recurrentDropoutMask = tf.keep(tf.dropout(tf.onesLike(hPrev), this.recurrentDropout));
        }
        const xIn = this.dropoutMask ? tf.mul(x, this.dropoutMask as tf.Tensor) : x;
        const hIn = this.recurrentDropoutMask ? tf.mul(hPrev, this.recurrentDropoutMask as tf.Tensor) : hPrev;
        let xp: tf.Tensor = tf.matMul(xIn as tf.Tensor2D, this.kernel.read() as tf.Tensor2D);
        let hp: tf.Tensor = tf.matMul(hIn as tf.Tensor2D, this.recurrentKernel.read() as tf.Tensor2D);
        if (this.useBias) {
          const [inputBias, recurrentBias] = tf.unstack(this.bias.read());
          xp = tf.add(xp, inputBias);
          hp = tf.add(hp, recurrentBias);
        }
        const [xz, xr, xh] = tf.split(xp, 3, 1);
        const [hz, hr, hh] = tf.split(hp, 3, 1);
        const z = this.recurrentActivation.apply(tf.add(xz, hz));
        const r = this.recurrentActivation.apply(tf.add(xr, hr));
        const candidate = this.activation.apply(tf.add(xh, tf.mul(r, hh)));
        const h = tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), candidate));
        return [h, h];
      });
    }

    override getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), resetAfter: true };
    }
  }

  class KerasGru extends BaseGru {
    static override className = 'GRU';
    static readonly [REGISTERED] = true;

    constructor(args: GRULayerArgs & { resetAfter?: boolean }) {
      super({ ...args, resetAfter: false } as GRULayerArgs);
      // The base constructor built tfjs's reset-before cell; nothing has read it yet, so it can be swapped.
      if (args.resetAfter) (this as unknown as { cell: GRUCell }).cell = new ResetAfterGruCell(args);
    }
  }

  tf.serialization.registerClass(KerasGru as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
}

/** Builds a tfjs GRU layer, reset-after when asked (see {@link registerResetAfterGru}). */
export function gruLayer(args: GRULayerArgs & { resetAfter: boolean }): tf.serialization.Serializable {
  registerResetAfterGru();
  const [cls] = tf.serialization.SerializationMap.getMap().classNameMap.GRU;
  return new (cls as unknown as new (a: typeof args) => tf.serialization.Serializable)(args);
}
