import { nonNegativeNumber, positiveInteger, positiveNumber } from '@rnnkit/common';
import { CharLmError } from './errors';

/** Hyperparameters and budget of a training run; every field has a default. */
export interface TrainingConfig {
  /** Parallel streams per update. Default 16. */
  batchSize?: number;
  /** Truncated-BPTT window length in characters. Default 32. */
  seqLen?: number;
  /** Adam's learning rate at the start. Default 3e-3. */
  learningRate?: number;
  /** The rate reached at the end of the budget, along a cosine. Default learningRate / 10. */
  finalLearningRate?: number;
  /** Gradients are rescaled to this global norm when they exceed it. Default 5. */
  clipNorm?: number;
  /** The last fraction of the corpus held out for validation, in [0, 0.5]; 0 disables validation. Default 0.1. */
  validationFraction?: number;
  /** Budget in minutes of training (wall time, summed over resumed runs). Exclusive with `epochs`. Default 10. */
  minutes?: number;
  /** Budget in passes over the training part. Exclusive with `minutes`. */
  epochs?: number;
  /** Seconds between periodic checkpoints (to `last`); 0 saves after every update. Default 60. */
  checkpointSeconds?: number;
  /** Seconds between validations (there is also one at the end of the run). Default 300. */
  evalSeconds?: number;
  /** Stop early after this many validations in a row without a new best. Default 5. */
  patience?: number;
}

/** {@link TrainingConfig} resolved: exactly one of `minutes` and `epochs` is a number, the other null. */
export interface ResolvedTrainingConfig {
  batchSize: number;
  seqLen: number;
  learningRate: number;
  finalLearningRate: number;
  clipNorm: number;
  validationFraction: number;
  minutes: number | null;
  epochs: number | null;
  checkpointSeconds: number;
  evalSeconds: number;
  patience: number;
}

/** The fields that define a run; a resumed run must keep them. The others (budget, timing) may change. */
export const FIXED_TRAINING_FIELDS = ['batchSize', 'seqLen', 'learningRate', 'finalLearningRate', 'clipNorm', 'validationFraction'] as const;

function check(name: string, value: number, ok: boolean, rule: string): number {
  if (!ok) throw new CharLmError('BAD_OPTION', `${name} must be ${rule}, got ${value}`);
  return value;
}

/** Fills in defaults and checks every value; throws a `BAD_OPTION` error naming the first bad one. */
export function resolveTrainingConfig(config: TrainingConfig = {}): ResolvedTrainingConfig {
  if (config.minutes !== undefined && config.epochs !== undefined) {
    throw new CharLmError('BAD_OPTION', 'give a budget in minutes or in epochs, not both');
  }
  const learningRate = positiveNumber('learningRate', config.learningRate ?? 3e-3);
  const finalLearningRate = positiveNumber('finalLearningRate', config.finalLearningRate ?? learningRate / 10);
  check('finalLearningRate', finalLearningRate, finalLearningRate <= learningRate, `at most learningRate (${learningRate})`);
  const epochs = config.epochs === undefined ? null : positiveInteger('epochs', config.epochs, 1_000_000);
  const minutes = epochs !== null ? null : positiveNumber('minutes', config.minutes ?? 10);
  const fraction = config.validationFraction ?? 0.1;
  return {
    batchSize: positiveInteger('batchSize', config.batchSize ?? 16, 4096),
    seqLen: positiveInteger('seqLen', config.seqLen ?? 32, 100_000),
    learningRate,
    finalLearningRate,
    clipNorm: positiveNumber('clipNorm', config.clipNorm ?? 5),
    validationFraction: check('validationFraction', fraction, fraction >= 0 && fraction <= 0.5, 'in [0, 0.5]'),
    minutes,
    epochs,
    checkpointSeconds: nonNegativeNumber('checkpointSeconds', config.checkpointSeconds ?? 60),
    evalSeconds: positiveNumber('evalSeconds', config.evalSeconds ?? 300),
    patience: positiveInteger('patience', config.patience ?? 5, 1_000_000),
  };
}

/**
 * The learning rate after a fraction `done` ∈ [0, 1] of the budget: a half cosine from `learningRate` down to
 * `finalLearningRate`. Tied to the budget rather than to a step count so that a time-limited run ends its
 * schedule when its time ends, however fast the machine is.
 */
export function learningRateAt(config: ResolvedTrainingConfig, done: number): number {
  const t = Math.min(1, Math.max(0, done));
  const { learningRate: start, finalLearningRate: end } = config;
  return end + 0.5 * (start - end) * (1 + Math.cos(Math.PI * t));
}
