import { RnnkitError } from '@rnnkit/common';

/** The sampling frequencies a series may have. */
export type Frequency = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** What a frequency implies for models and metrics. */
export interface FrequencyInfo {
  /** Length of the seasonal cycle the seasonal models use (1: none). */
  period: number;
  /** The lag of MASE's scaling term, as the M4 competition set it (Daily and Weekly use 1, not 7 or 52). */
  maseLag: number;
  /** Milliseconds between observations; months and longer step by calendar month instead. */
  stepMs?: number;
  /** Calendar months between observations, for monthly and longer frequencies. */
  stepMonths?: number;
}

const HOUR = 3_600_000;

/** Every supported frequency. Periods and MASE lags follow the M4 competition's guide. */
export const FREQUENCIES: Readonly<Record<Frequency, FrequencyInfo>> = {
  hourly: { period: 24, maseLag: 24, stepMs: HOUR },
  daily: { period: 7, maseLag: 1, stepMs: 24 * HOUR },
  weekly: { period: 1, maseLag: 1, stepMs: 7 * 24 * HOUR },
  monthly: { period: 12, maseLag: 12, stepMonths: 1 },
  quarterly: { period: 4, maseLag: 4, stepMonths: 3 },
  yearly: { period: 1, maseLag: 1, stepMonths: 12 },
};

/** Reads a frequency name (case-insensitive); anything else is a BAD_OPTION error listing the valid names. */
export function parseFrequency(name: string): Frequency {
  const key = name.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(FREQUENCIES, key)) return key as Frequency;
  throw new RnnkitError('BAD_OPTION', `unknown frequency "${name}": use one of ${Object.keys(FREQUENCIES).join(', ')}`);
}
