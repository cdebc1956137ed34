import { RnnkitError } from '@rnnkit/common';
import { loadModelFile, resumeCheckpoint, saveModelFile, type tf } from '@rnnkit/rnn-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ForecastNetwork } from '../network/forecast-network';
import { FORECAST_MODEL_KIND, type ForecastExtra } from '../network/forecast-model-kind';

/** Saves a forecasting network (with the optimizer: a checkpoint that training can resume) atomically. */
export async function saveForecastModel(network: ForecastNetwork, dir: string, extra: ForecastExtra, optimizer?: tf.Optimizer): Promise<void> {
  await saveModelFile(FORECAST_MODEL_KIND, network, dir, { extra, optimizer });
}

/** Loads a forecasting model; a missing, corrupt or foreign directory is a `BAD_MODEL` error naming it. */
export async function loadForecastModel(dir: string): Promise<{ network: ForecastNetwork; extra: ForecastExtra; optimizer: tf.Optimizer | null }> {
  if (!existsSync(join(dir, 'model.json'))) {
    throw new RnnkitError('BAD_MODEL', 'holds no model (no model.json): give the --out directory of a `forecast train` run', { file: dir });
  }
  const { model, extra, optimizer } = await loadModelFile(FORECAST_MODEL_KIND, dir);
  return { network: model, extra, optimizer };
}

/**
 * Reads the checkpoint in `dir` to continue training: refused (`BAD_USAGE`) when there is none or when it was
 * trained with other settings than `requested`.
 */
export async function resumeForecastModel(dir: string, requested: Record<string, unknown>) {
  const { model, extra, optimizer } = await resumeCheckpoint(FORECAST_MODEL_KIND, dir, {
    requested,
    saved: ({ extra }) => ({ ...extra.network, batchSize: extra.training.batchSize, learningRate: extra.training.learningRate, maseWeighting: extra.training.maseWeighting ?? 0, smapeWeighting: extra.training.smapeWeighting ?? 0, seed: extra.training.seed }),
  });
  return { network: model, extra, optimizer };
}

/** Whether `dir` already holds a model (a finished one or a checkpoint). */
export function holdsModel(dir: string): boolean {
  return existsSync(join(dir, 'model.json'));
}
