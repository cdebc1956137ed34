import { type ModelKind, SequenceModel, type SequenceModelConfig } from '@rnnkit/rnn-core';
import { FREQUENCIES, type Frequency } from '../frequency';
import { ForecastNetwork, buildSequenceModel } from './forecast-network';
import type { NetworkConfig } from './network-config';

/** How a forecasting model was trained (kept with it, and compared on resume). */
export interface TrainingRecord {
  /** Updates done so far. */
  steps: number;
  /** Updates asked for in total. */
  totalSteps: number;
  batchSize: number;
  learningRate: number;
  /** See `TrainNetworkOptions.maseWeighting`; absent in models trained before it existed (0). */
  maseWeighting?: number;
  /** See `TrainNetworkOptions.smapeWeighting`; absent in models trained before it existed (0). */
  smapeWeighting?: number;
  seed: number;
  /** Seconds spent training so far. */
  seconds: number;
}

/**
 * How a model combines its network with other forecasters: per series, the member of `selectFrom` (a list such as
 * `network,snaive,snaive@168,network+snaive`) with the lowest sMAPE over the `windows` horizons before the origin.
 */
export interface CombineSpec {
  selectFrom: string;
  windows: number;
}

/** What a forecasting model keeps beside its weights (model.json's `extra`). */
export interface ForecastExtra {
  network: NetworkConfig;
  training: TrainingRecord;
  /** Absent: the model forecasts with its network alone. */
  combine?: CombineSpec;
}

const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Checks a stored network config field by field; throws an `Error` naming the first bad field. */
export function parseNetworkConfig(value: unknown): NetworkConfig {
  const c = (value ?? {}) as Partial<NetworkConfig>;
  const fail = (field: string) => {
    throw new Error(`extra.network.${field} is missing or invalid`);
  };
  if (typeof c.frequency !== 'string' || !Object.prototype.hasOwnProperty.call(FREQUENCIES, c.frequency)) fail('frequency');
  for (const field of ['horizon', 'context', 'supervised', 'period', 'units', 'layers'] as const) if (!isPositiveInteger(c[field])) fail(field);
  if (!(c.baseLag === 0 || isPositiveInteger(c.baseLag))) fail('baseLag');
  if (!Array.isArray(c.lags) || !c.lags.every(isPositiveInteger)) fail('lags');
  const isLag = (v: unknown) => v === 0 || isPositiveInteger(v);
  if (c.extraBaseLags !== undefined && !(Array.isArray(c.extraBaseLags) && c.extraBaseLags.every(isLag) && new Set([c.baseLag, ...c.extraBaseLags]).size === c.extraBaseLags.length + 1)) fail('extraBaseLags');
  const q = c.quantiles;
  if (!Array.isArray(q) || q.length === 0 || !q.every((x, i) => typeof x === 'number' && x > 0 && x < 1 && (i === 0 || x > q[i - 1])) || !q.includes(0.5)) fail('quantiles');
  if (c.cell !== 'lstm' && c.cell !== 'gru') fail('cell');
  if (c.logFloor !== undefined && !(typeof c.logFloor === 'number' && c.logFloor > 0 && c.logFloor < 1)) fail('logFloor');
  if (c.supervised! > c.context!) fail('supervised');
  return { ...(c as NetworkConfig), frequency: c.frequency as Frequency };
}

function parseTraining(value: unknown): TrainingRecord {
  const t = (value ?? {}) as Partial<TrainingRecord>;
  for (const field of ['steps', 'totalSteps', 'batchSize', 'learningRate', 'seed', 'seconds'] as const) {
    if (typeof t[field] !== 'number' || !Number.isFinite(t[field])) throw new Error(`extra.training.${field} is missing or invalid`);
  }
  if (t.maseWeighting !== undefined && !(typeof t.maseWeighting === 'number' && t.maseWeighting >= 0)) throw new Error('extra.training.maseWeighting is invalid');
  if (t.smapeWeighting !== undefined && !(typeof t.smapeWeighting === 'number' && t.smapeWeighting >= 0)) throw new Error('extra.training.smapeWeighting is invalid');
  return t as TrainingRecord;
}

function parseCombine(value: unknown): CombineSpec | undefined {
  if (value === undefined) return undefined;
  const c = (value ?? {}) as Partial<CombineSpec>;
  if (typeof c.selectFrom !== 'string' || c.selectFrom.trim() === '') throw new Error('extra.combine.selectFrom is missing or invalid');
  if (!isPositiveInteger(c.windows)) throw new Error('extra.combine.windows is missing or invalid');
  return { selectFrom: c.selectFrom, windows: c.windows };
}

/** The model-file kind of a forecasting network: a SequenceModel plus its {@link ForecastExtra}. */
export const FORECAST_MODEL_KIND: ModelKind<ForecastNetwork, ForecastExtra> = {
  name: 'ForecastNetwork',
  version: 1,
  parseExtra: (extra) => {
    const e = (extra ?? {}) as Partial<ForecastExtra>;
    const combine = parseCombine(e.combine);
    return { network: parseNetworkConfig(e.network), training: parseTraining(e.training), ...(combine ? { combine } : {}) };
  },
  create: (config, extra) => {
    const expected = buildSequenceModel(extra.network, 0);
    const fits = JSON.stringify({ ...expected.config, seed: 0 }) === JSON.stringify({ ...(config as SequenceModelConfig), seed: 0 });
    expected.dispose();
    if (!fits) throw new Error('the stored network does not match its forecasting settings');
    return new ForecastNetwork(new SequenceModel(config as SequenceModelConfig), extra.network);
  },
  configOf: (network) => network.model.config,
  namedWeights: (network) => network.model.namedWeights,
  dispose: (network) => network.dispose(),
};
