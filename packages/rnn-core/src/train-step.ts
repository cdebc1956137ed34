import { tf } from './tfjs';
import { Gradients, clipByGlobalNorm, clipByValue, globalNorm } from './clipping';
import { SequenceModel } from './sequence-model';

/** One batch: inputs, targets and an optional padding mask [B, T] that also masks the loss in sequence mode. */
export interface Batch {
  input: tf.Tensor;
  targets: tf.Tensor;
  mask?: tf.Tensor2D;
}

/** A loss from model outputs, targets and the batch mask (sequence mode only). */
export type LossFunction = (output: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor) => tf.Scalar;

/** Options of {@link trainStep}. */
export interface TrainStepOptions {
  optimizer: tf.Optimizer;
  loss: LossFunction;
  /** Rescale gradients to this global norm when it is exceeded. */
  clipNorm?: number;
  /** Clamp every gradient element to ±clipValue (applied after clipNorm). */
  clipValue?: number;
  /** Truncated BPTT: start from the state the previous step left and keep this step's final state. */
  carryState?: boolean;
}

/** What one update did. */
export interface TrainStepResult {
  loss: number;
  /** Global gradient norm before clipping. */
  gradientNorm: number;
  /** True when the update was skipped because the loss or a gradient held NaN or Infinity. */
  skipped: boolean;
}

/**
 * One optimisation step: forward, explicit BPTT, optional clipping, update. An update whose loss or gradients
 * hold NaN or Infinity is skipped (the weights stay as they were) and reported in the result, so that one bad
 * batch cannot destroy a model.
 */
export function trainStep(model: SequenceModel, batch: Batch, options: TrainStepOptions): TrainStepResult {
  const { optimizer, loss, clipNorm, clipValue, carryState = false } = options;
  const lossMask = model.config.outputMode === 'sequence' ? batch.mask : undefined;
  const named = model.namedWeights;
  const { value, grads } = tf.variableGrads(() => {
    const options = { mask: batch.mask, training: true, inputGradient: false };
    const output = carryState ? model.applyCarryingState(batch.input, options) : disposeStates(model.apply(batch.input, options));
    return loss(output, batch.targets, lossMask);
  }, named.map((w) => w.variable));
  const lossValue = value.dataSync()[0];
  value.dispose();

  let current: Gradients = grads;
  let gradientNorm: number;
  if (clipNorm !== undefined) {
    const clipped = clipByGlobalNorm(current, clipNorm);
    tf.dispose(Object.values(current));
    current = clipped.grads;
    gradientNorm = clipped.norm;
  } else {
    gradientNorm = globalNorm(current);
  }
  if (clipValue !== undefined) {
    const clamped = clipByValue(current, clipValue);
    tf.dispose(Object.values(current));
    current = clamped;
  }

  const skipped = !Number.isFinite(lossValue) || !Number.isFinite(gradientNorm);
  if (!skipped) {
    // Gradients in a fixed order: tfjs optimizers keep their slots by position, which makes restoring them work.
    optimizer.applyGradients(named.map((w) => ({ name: w.variable.name, tensor: current[w.variable.name] })));
  }
  tf.dispose(Object.values(current));
  return { loss: lossValue, gradientNorm, skipped };
}

function disposeStates(result: { output: tf.Tensor; states: tf.Tensor2D[][] }): tf.Tensor {
  tf.dispose(result.states.flat());
  return result.output;
}

/** The loss of a batch without training (no dropout, no update). */
export function evaluateLoss(model: SequenceModel, batch: Batch, loss: LossFunction): number {
  const value = tf.tidy(() => {
    const output = model.predict(batch.input, batch.mask);
    return loss(output, batch.targets, model.config.outputMode === 'sequence' ? batch.mask : undefined);
  });
  const result = value.dataSync()[0];
  value.dispose();
  return result;
}
