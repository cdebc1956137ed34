import { RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';

/** Gradients by variable name, as tf.variableGrads returns them. */
export type Gradients = Record<string, tf.Tensor>;

/** √(Σ‖g‖²) over every gradient: the quantity that global-norm clipping bounds. NaN or Infinity if any is. */
export function globalNorm(grads: Gradients): number {
  const values = Object.values(grads);
  if (values.length === 0) return 0;
  const total = tf.tidy(() => tf.sqrt(tf.addN(values.map((g) => tf.sum(tf.square(g))))));
  const norm = total.dataSync()[0];
  total.dispose();
  return norm;
}

/**
 * Scales all gradients by min(1, maxNorm / globalNorm) so that their joint norm is at most `maxNorm`, keeping
 * their direction: the standard cure for exploding gradients. Returns new tensors and the norm before clipping.
 */
export function clipByGlobalNorm(grads: Gradients, maxNorm: number): { grads: Gradients; norm: number } {
  if (!(maxNorm > 0)) throw new RnnkitError('BAD_OPTION', `maxNorm must be positive, got ${maxNorm}`);
  const norm = globalNorm(grads);
  const scale = Number.isFinite(norm) && norm > maxNorm ? maxNorm / norm : 1;
  const clipped: Gradients = {};
  for (const [name, g] of Object.entries(grads)) clipped[name] = tf.mul(g, scale);
  return { grads: clipped, norm };
}

/** Clamps every gradient element into [−maxValue, maxValue]. Returns new tensors. */
export function clipByValue(grads: Gradients, maxValue: number): Gradients {
  if (!(maxValue > 0)) throw new RnnkitError('BAD_OPTION', `maxValue must be positive, got ${maxValue}`);
  const clipped: Gradients = {};
  for (const [name, g] of Object.entries(grads)) clipped[name] = tf.clipByValue(g, -maxValue, maxValue);
  return clipped;
}
