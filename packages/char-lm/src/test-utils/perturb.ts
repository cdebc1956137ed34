import { tf, type SequenceModel } from '@rnnkit/rnn-core';

/**
 * Adds a deterministic pattern of size `scale` to every weight, so that every gate and bias term matters and
 * predictions differ from position to position (fresh weights give nearly uniform outputs).
 */
export function perturbWeights(model: SequenceModel, scale = 0.3): void {
  let seed = 7;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 2 * scale;
  for (const { variable } of model.namedWeights) {
    const noise = Float32Array.from({ length: variable.size }, next);
    variable.assign(tf.tidy(() => tf.add(variable, tf.tensor(noise, variable.shape))));
  }
}
