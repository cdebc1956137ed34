import type { Forecaster } from '../backtest/forecaster';
import { selectingForecaster } from '../backtest/select-forecaster';
import { FREQUENCIES } from '../frequency';
import type { ForecastNetwork } from '../network/forecast-network';
import type { ForecastExtra } from '../network/forecast-model-kind';
import { type NetworkMember, networkMember, parseMembers } from './member-list';

/** A model's network as a combination member (any of its heads). */
export function modelNetworkMember(network: ForecastNetwork, name = 'network'): NetworkMember {
  return networkMember(name, network.config, (histories, h, baseLag) => network.forecast(histories, h, baseLag));
}

/**
 * What a model directory forecasts: its network alone, or, when the model stores a combination, the per-series
 * selection among its members (see {@link selectingForecaster}). `predict`, `plot` and `backtest --model` use it.
 */
export function modelForecaster(network: ForecastNetwork, extra: ForecastExtra, name = 'model'): Forecaster {
  if (!extra.combine) return { name, forecast: (histories, h) => network.forecast(histories, h) };
  const info = FREQUENCIES[network.config.frequency];
  const members = parseMembers(extra.combine.selectFrom, "the model's combine.selectFrom", [modelNetworkMember(network)], info.period);
  return selectingForecaster(name, members, { windows: extra.combine.windows, minHistory: info.maseLag + 1 });
}
