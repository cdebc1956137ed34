import type { ResolvedTrainingConfig } from './training-config';

/** One point of a loss curve: training characters seen so far, and a loss in nats per character. */
export type LossPoint = [chars: number, nats: number];

/** Where a training run stands; saved with every checkpoint so that `resume` continues from it. */
export interface TrainingState {
  config: ResolvedTrainingConfig;
  /** Updates done. */
  step: number;
  /** Completed passes over the training part. */
  epoch: number;
  /** The next window of the current epoch. */
  window: number;
  /** Training characters consumed (batch × steps summed over updates). */
  chars: number;
  /** Wall time of the run so far, summed over resumed runs, in ms. */
  elapsedMs: number;
  /** Time spent in updates only, in ms: `chars / updateMs` is the training speed. */
  updateMs: number;
  /** Best validation loss so far (nats/char), or null before the first validation. */
  bestValidation: number | null;
  /** Validations in a row without a new best (early stopping counts these). */
  sinceBest: number;
  /** Mean training loss of recent updates and validation losses, over training characters. */
  history: { train: LossPoint[]; validation: LossPoint[] };
  /** What the run was trained on, to notice a different corpus on resume. */
  corpus: { trainChars: number; validationChars: number; sha256: string };
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPoints(v: unknown): v is LossPoint[] {
  return Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x)));
}

/**
 * Checks that `json` (from a checkpoint) is a {@link TrainingState}; throws an `Error` naming the first field that
 * is missing or wrong (the model-file loader adds the file).
 */
export function parseTrainingState(json: unknown): TrainingState {
  const bad = (why: string) => new Error(`the saved training state is unusable: ${why}`);
  if (!isObject(json)) throw bad('expected an object');
  const counters = ['step', 'epoch', 'window', 'chars', 'elapsedMs', 'updateMs', 'sinceBest'] as const;
  for (const key of counters) {
    const v = json[key];
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw bad(`"${key}" must be a number >= 0`);
  }
  if (json.bestValidation !== null && typeof json.bestValidation !== 'number') throw bad('"bestValidation" must be a number or null');
  const { config, history, corpus } = json;
  if (!isObject(config)) throw bad('"config" is missing');
  const numbers = ['batchSize', 'seqLen', 'learningRate', 'finalLearningRate', 'clipNorm', 'validationFraction', 'checkpointSeconds', 'evalSeconds', 'patience'];
  for (const key of numbers) if (typeof config[key] !== 'number') throw bad(`"config.${key}" must be a number`);
  if (!isObject(history) || !isPoints(history.train) || !isPoints(history.validation)) throw bad('"history" is malformed');
  if (!isObject(corpus) || typeof corpus.sha256 !== 'string' || typeof corpus.trainChars !== 'number') throw bad('"corpus" is malformed');
  return json as unknown as TrainingState;
}
