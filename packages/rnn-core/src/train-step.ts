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

/** Options of every {@link trainStep}: the optimizer and gradient clipping. */
export interface UpdateOptions {
  optimizer: tf.Optimizer;
  /** Rescale gradients to this global norm when it is exceeded. */
  clipNorm?: number;
  /** Clamp every gradient element to ±clipValue (applied after clipNorm). */
  clipValue?: number;
}

/** Options of {@link trainStep} on a {@link SequenceModel}. */
export interface TrainStepOptions extends UpdateOptions {
  loss: LossFunction;
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
 * One optimisation step of any model: gradients of `loss` with respect to `variables` (the engine's explicit
 * BPTT inside any recurrent layer it runs), optional clipping, update. An update whose loss or gradients hold
 * NaN or Infinity is skipped (the weights stay as they were) and reported in the result, so that one bad batch
 * cannot destroy a model. Keep `variables` in the same order from step to step: tfjs optimizers keep their
 * slots by position, which is what makes saving and restoring them work.
 *
 * @param loss computes the scalar loss; its intermediate tensors are freed
 */
export function trainStep(variables: readonly tf.Variable[], loss: () => tf.Scalar, options: UpdateOptions): TrainStepResult;
/**
 * One optimisation step of a {@link SequenceModel} on a batch: forward, explicit BPTT, optional clipping, update,
 * with the same NaN/Inf guard. In sequence mode the batch mask also masks the loss.
 */
export function trainStep(model: SequenceModel, batch: Batch, options: TrainStepOptions): TrainStepResult;
export function trainStep(
  target: readonly tf.Variable[] | SequenceModel,
  what: (() => tf.Scalar) | Batch,
  options: UpdateOptions | TrainStepOptions,
): TrainStepResult {
  if (Array.isArray(target)) return update(target, what as () => tf.Scalar, options);
  const model = target as SequenceModel;
  const batch = what as Batch;
  const { loss, carryState = false } = options as TrainStepOptions;
  return update(model.weights, () => loss(trainingOutput(model, batch, carryState), batch.targets, lossMask(model, batch)), options);
}

/**
 * The model's output on a batch as training sees it (dropout on, no input gradient), from the carried state when
 * `carryState` is set. Shared by {@link trainStep} and the data-parallel replicas, so both run the same forward.
 */
export function trainingOutput(model: SequenceModel, batch: Batch, carryState: boolean): tf.Tensor {
  const callOptions = { mask: batch.mask, training: true, inputGradient: false };
  return carryState ? model.applyCarryingState(batch.input, callOptions) : disposeStates(model.apply(batch.input, callOptions));
}

/** The mask the loss sees: the batch mask in sequence mode; none in `last` mode, where each row gives one output. */
export function lossMask(model: SequenceModel, batch: Batch): tf.Tensor2D | undefined {
  return model.config.outputMode === 'sequence' ? batch.mask : undefined;
}

function update(variables: readonly tf.Variable[], loss: () => tf.Scalar, options: UpdateOptions): TrainStepResult {
  if (variables.length === 0) throw new Error('trainStep: no variables to train');
  const { value, grads } = tf.variableGrads(loss, [...variables]);
  const lossValue = value.dataSync()[0];
  value.dispose();
  return applyUpdate(variables, lossValue, grads, options);
}

/**
 * The second half of every update: clipping, the NaN/Inf guard and the optimizer step, from a loss value and
 * gradients keyed by variable name (which it disposes). Shared by {@link trainStep} and the data-parallel trainer,
 * so that both update the weights the same way.
 */
export function applyUpdate(variables: readonly tf.Variable[], lossValue: number, grads: Gradients, options: UpdateOptions): TrainStepResult {
  const { optimizer, clipNorm, clipValue } = options;
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
    // Gradients in the variables' order: tfjs optimizers keep their slots by position.
    optimizer.applyGradients(variables.map((v) => ({ name: v.name, tensor: current[v.name] })));
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
