import type { ModelKind, SequenceModel } from '@rnnkit/rnn-core';
import { SPEECH_MODEL_KIND, type SpeechModelExtra } from '@rnnkit/speech';
import type { EpochSummary, TrainOptions } from './training';

/** The settings a resumed run must share with its checkpoint (mode and front-end are compared too). */
export type RunSettings = Pick<TrainOptions, 'layers' | 'units' | 'dropout' | 'batchSize' | 'learningRate' | 'seed' | 'valSpeakers' | 'excludeSpeakers'>;

/** Where a training run stands, saved with every checkpoint. */
export interface TrainingProgress {
  /** Epochs completed. */
  epoch: number;
  /** Updates done. */
  step: number;
  history: EpochSummary[];
  /** The best validation so far and its epoch. */
  best: { epoch: number; value: number };
  settings: RunSettings;
}

/** A checkpoint's extra data: a speech model's, plus the training progress. */
export interface CheckpointExtra extends SpeechModelExtra {
  progress: TrainingProgress;
}

/** The settings of `options` that a checkpoint records. */
export function runSettings(options: TrainOptions): RunSettings {
  const { layers, units, dropout, batchSize, learningRate, seed, valSpeakers, excludeSpeakers } = options;
  return { layers, units, dropout, batchSize, learningRate, seed, valSpeakers: [...valSpeakers], excludeSpeakers: [...excludeSpeakers] };
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

function parseProgress(json: unknown, mode: SpeechModelExtra['mode']): TrainingProgress {
  const p = json as Partial<TrainingProgress> | null;
  if (!p || typeof p !== 'object') throw new Error('it has no training progress (is this a checkpoint, not a finished model?)');
  if (!Number.isInteger(p.epoch) || !Number.isInteger(p.step) || (p.epoch as number) < 0 || (p.step as number) < 0) {
    throw new Error('progress.epoch and progress.step must be whole numbers >= 0');
  }
  const fields: Array<keyof EpochSummary> = ['epoch', 'steps', 'loss', 'validation', 'seconds'];
  // A loss or validation that came out NaN is stored as null (JSON has no NaN); both are kept as they are.
  if (!Array.isArray(p.history) || !p.history.every((h) => h && fields.every((f) => typeof h[f] === 'number' || h[f] === null))) {
    throw new Error(`progress.history must list epochs with ${fields.join(', ')}`);
  }
  const best = p.best as { epoch?: unknown; value?: unknown } | undefined;
  if (!best || !Number.isInteger(best.epoch) || !(isNumber(best.value) || best.value === null)) throw new Error('progress.best must give an epoch and a value');
  const s = p.settings as Partial<RunSettings> | undefined;
  const numbers = ['layers', 'units', 'dropout', 'batchSize', 'learningRate', 'seed'] as const;
  if (!s || !numbers.every((k) => isNumber(s[k])) || !Array.isArray(s.valSpeakers) || !Array.isArray(s.excludeSpeakers)) {
    throw new Error(`progress.settings must give ${numbers.join(', ')}, valSpeakers and excludeSpeakers`);
  }
  // JSON has no infinities: before any validation, the best value was stored as null.
  const value = best.value === null ? (mode === 'word' ? -Infinity : Infinity) : (best.value as number);
  return { ...(p as TrainingProgress), best: { epoch: best.epoch as number, value } };
}

/**
 * A training checkpoint: the speech model kind (same name and version, so any loader reads it as a model) whose
 * extra data must also hold checked training progress.
 */
export const SPEECH_CHECKPOINT_KIND: ModelKind<SequenceModel, CheckpointExtra> = {
  ...SPEECH_MODEL_KIND,
  parseExtra: (extra) => {
    const base = SPEECH_MODEL_KIND.parseExtra(extra);
    return { ...base, progress: parseProgress((extra as { progress?: unknown }).progress, base.mode) };
  },
};
