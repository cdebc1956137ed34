import { RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';
import { Batch, LossFunction } from './train-step';
import { SequenceModel } from './sequence-model';

/**
 * ‖∂L/∂h_t‖ for every step t of one recurrent layer (Euclidean norm over the batch and the units), measured
 * during a real backward pass without updating the model. Plotted against t, it shows vanishing gradients as a
 * curve that falls exponentially towards the early steps, and exploding ones as a curve that rises.
 *
 * @param layer index of the recurrent layer to observe (default 0)
 */
export function gradientNormsThroughTime(model: SequenceModel, batch: Batch, loss: LossFunction, layer = 0): number[] {
  if (!Number.isInteger(layer) || layer < 0 || layer >= model.config.layers.length) {
    throw new RnnkitError('BAD_OPTION', `layer must be an index in [0, ${model.config.layers.length}), got ${layer}`);
  }
  const steps = batch.input.shape[1] as number;
  const norms = new Array<number>(steps).fill(0);
  const observe = (t: number, dh: Float32Array) => {
    let sum = 0;
    for (let i = 0; i < dh.length; i++) sum += dh[i] * dh[i];
    // A bidirectional layer reports both directions at each t: their squared norms add up.
    norms[t] = Math.sqrt(norms[t] * norms[t] + sum);
  };
  const lossMask = model.config.outputMode === 'sequence' ? batch.mask : undefined;
  const { value, grads } = tf.variableGrads(() => {
    const { output, states } = model.apply(batch.input, { mask: batch.mask, inputGradient: false, onStepGradient: { layer, observe } });
    tf.dispose(states.flat());
    return loss(output, batch.targets, lossMask);
  }, model.weights);
  tf.dispose([value, ...Object.values(grads)]);
  return norms;
}
