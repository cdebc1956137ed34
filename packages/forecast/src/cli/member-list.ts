import { usageError } from '@rnnkit/common';
import { baselineForecaster, ensembleForecaster, type Forecaster } from '../backtest/forecaster';
import { BASELINE_METHODS, type BaselineMethod } from '../baselines/methods';
import type { Frequency } from '../frequency';

/**
 * The members a model combines its network with by default, per frequency (per series, the one best on the
 * horizons before the origin): chosen on the M4 Hourly validation split (see the README). Other frequencies
 * were not measured and use the network alone.
 */
export const SELECT_DEFAULTS: Partial<Record<Frequency, string>> = { hourly: 'network,snaive,snaive@168,network+snaive,network+snaive@168' };

/**
 * Reads a list of combination members such as `network,snaive,snaive@168,network+snaive`: each item is a
 * forecaster or the equal-weight mean (`+`) of several; `network` stands for every network given, and a baseline
 * name may carry its own season length after `@` (else `period`).
 */
export function parseMembers(list: string, flag: string, networks: Forecaster[], period: number): Forecaster[] {
  const term = (text: string): Forecaster[] => {
    if (text === 'network') {
      if (networks.length === 0) throw usageError(`${flag}: "network" needs a network method or --model`);
      return networks;
    }
    const [method, season] = text.split('@');
    if (!(BASELINE_METHODS as readonly string[]).includes(method) || (season !== undefined && !/^[1-9]\d*$/.test(season))) {
      throw usageError(`${flag}: unknown member "${text}": use network or ${BASELINE_METHODS.join(', ')}, optionally with @season (e.g. snaive@168)`);
    }
    const forecaster = baselineForecaster(method as BaselineMethod, season === undefined ? period : Number(season));
    return [{ ...forecaster, name: text }];
  };
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw usageError(`${flag} lists no member`);
  return items.map((item) => {
    const parts = item.split('+').map((s) => s.trim()).flatMap(term);
    return parts.length === 1 ? parts[0] : ensembleForecaster(item, parts);
  });
}
