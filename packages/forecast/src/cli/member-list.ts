import { usageError } from '@rnnkit/common';
import { baselineForecaster, ensembleForecaster, type Forecaster } from '../backtest/forecaster';
import { BASELINE_METHODS, type BaselineMethod } from '../baselines/methods';
import type { Series } from '../data/series';
import type { Forecast } from '../forecast-types';
import type { Frequency } from '../frequency';
import { headBaseLags, type NetworkConfig } from '../network/network-config';

/**
 * The members a model combines its network with by default, per frequency (per series, the one best on the
 * horizons before the origin): chosen on the M4 Hourly validation split (see the README). Other frequencies
 * were not measured and use the network alone.
 */
export const SELECT_DEFAULTS: Partial<Record<Frequency, string>> = {
  hourly: 'network,network@24,snaive,snaive@168,network+snaive,network+snaive@168,network@24+snaive,network@24+snaive@168,network+network@24',
};

/**
 * A network as a combination member: its forecaster around the head of a base lag (default its own base lag);
 * a base lag it has no head for is a usage error naming `flag`.
 */
export type NetworkMember = (baseLag: number | undefined, flag: string) => Forecaster;

/** A {@link NetworkMember} of a network of `config` that forecasts with `forecast`. */
export function networkMember(name: string, config: NetworkConfig, forecast: (histories: Series[], h: number, baseLag: number) => Forecast[]): NetworkMember {
  return (baseLag, flag) => {
    const heads = headBaseLags(config);
    if (baseLag !== undefined && !heads.includes(baseLag)) throw usageError(`${flag}: the network has heads for base lags ${heads.join(', ')}, not ${baseLag}`);
    return { name, forecast: (histories, h) => forecast(histories, h, baseLag ?? config.baseLag) };
  };
}

/**
 * Reads a list of combination members such as `network,network@24,snaive,snaive@168,network+snaive`: each item
 * is a forecaster or the equal-weight mean (`+`) of several; `network` stands for every network given (`@L`: its
 * head of base lag L), and a baseline name may carry its own season length after `@` (else `period`).
 */
export function parseMembers(list: string, flag: string, networks: NetworkMember[], period: number): Forecaster[] {
  const term = (text: string): Forecaster[] => {
    const [method, season] = text.split('@');
    if (season !== undefined && !/^\d+$/.test(season)) throw usageError(`${flag}: unknown member "${text}": after @ comes a season or a base lag (e.g. snaive@168, network@24)`);
    if (method === 'network') {
      if (networks.length === 0) throw usageError(`${flag}: "network" needs a network method or --model`);
      return networks.map((n) => {
        const forecaster = n(season === undefined ? undefined : Number(season), flag);
        return networks.length === 1 ? { ...forecaster, name: text } : forecaster;
      });
    }
    if (!(BASELINE_METHODS as readonly string[]).includes(method) || (season !== undefined && !/^[1-9]\d*$/.test(season))) {
      throw usageError(`${flag}: unknown member "${text}": use network or ${BASELINE_METHODS.join(', ')}, optionally with @season (e.g. snaive@168, network@24)`);
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
