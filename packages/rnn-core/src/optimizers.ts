import { RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';

/** The tfjs optimizers rnn-core can build by name. */
export type OptimizerName = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'adagrad';

/** Options of {@link createOptimizer}. */
export interface OptimizerOptions {
  name: OptimizerName;
  learningRate: number;
  /** momentum: the momentum (default 0.9). */
  momentum?: number;
}

/** Builds a tfjs optimizer by name. */
export function createOptimizer({ name, learningRate, momentum = 0.9 }: OptimizerOptions): tf.Optimizer {
  if (!(learningRate > 0)) throw new RnnkitError('BAD_OPTION', `learningRate must be positive, got ${learningRate}`);
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, momentum);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'adam':
      return tf.train.adam(learningRate);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
    default:
      throw new RnnkitError('BAD_OPTION', `unknown optimizer "${name as string}"; use sgd, momentum, rmsprop, adam or adagrad`);
  }
}

/** A learning rate as a function of the update count (0 for the first update). */
export type LearningRateSchedule = (step: number) => number;

/** Multiplies the rate by `factor` every `every` updates. */
export function stepDecay(initial: number, factor: number, every: number): LearningRateSchedule {
  return (step) => initial * factor ** Math.floor(step / every);
}

/** initial · rate^(step / decaySteps), the smooth form of step decay. */
export function exponentialDecay(initial: number, rate: number, decaySteps: number): LearningRateSchedule {
  return (step) => initial * rate ** (step / decaySteps);
}

/**
 * Linear warm-up over `warmupSteps`, then a cosine from `initial` down to `minimum` at `totalSteps`, constant after.
 */
export function cosineDecay(initial: number, totalSteps: number, { warmupSteps = 0, minimum = 0 } = {}): LearningRateSchedule {
  return (step) => {
    if (step < warmupSteps) return (initial * (step + 1)) / warmupSteps;
    const progress = Math.min(1, (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
    return minimum + 0.5 * (initial - minimum) * (1 + Math.cos(Math.PI * progress));
  };
}

/**
 * Sets a tfjs optimizer's learning rate for the next update. Every tfjs optimizer reads its `learningRate`
 * field at each update, so a schedule only has to write it.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (!(learningRate > 0)) throw new RnnkitError('BAD_OPTION', `learningRate must be positive, got ${learningRate}`);
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}
