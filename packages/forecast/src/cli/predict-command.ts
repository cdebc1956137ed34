import { type CliIo, usageError } from '@rnnkit/common';
import { selectBackend } from '@rnnkit/rnn-core';
import { type Command, Option } from 'commander';
import { type Forecast, intervalAt } from '../forecast-types';
import { intervalLevels } from '../network/forecast-network';
import { loadForecastModel } from './model-directory';
import { modelForecaster } from './model-forecaster';
import { checkFrequency, parseQuantiles, readData, short } from './options';

interface PredictFlags {
  model: string;
  data: string;
  quantiles?: string;
  format: 'csv' | 'json';
}

/** `forecast predict`. */
export function predictCommand(program: Command, io: CliIo): void {
  program
    .command('predict')
    .description("forecast the model's horizon after the end of each series of a CSV file")
    .requiredOption('--model <dir>', 'model directory written by `forecast train`')
    .requiredOption('--data <file>', 'CSV of the series to forecast (same layouts as train)')
    .option('--quantiles <list>', 'quantiles to print with --format json (default: all the model learnt)')
    .addOption(new Option('--format <format>', 'csv: id,1..H with the median; json: median and quantiles').choices(['csv', 'json']).default('csv'))
    .action(async (flags: PredictFlags) => {
      await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
      const { network, extra } = await loadForecastModel(flags.model);
      try {
        const config = network.config;
        // A combined model gives the median and the bounds of the intervals every member has: the baselines give
        // 80 % and 95 %, the network those its quantiles pair up to.
        const shared = intervalLevels(config.quantiles).filter((level) => level === 80 || level === 95);
        const levels = extra.combine ? [0.5, ...shared.flatMap((l) => [(100 - l) / 200, (100 + l) / 200])].sort((a, b) => a - b) : config.quantiles;
        const wanted = flags.quantiles ? parseQuantiles(flags.quantiles) : levels;
        const missing = wanted.filter((q) => !levels.some((m) => Math.abs(m - q) < 1e-9));
        if (missing.length) throw usageError(`the model ${extra.combine ? 'gives' : 'learnt'} quantiles ${levels.join(',')}; it cannot give ${missing.join(',')}`);
        if (flags.format === 'csv' && flags.quantiles) throw usageError('--quantiles needs --format json (the csv holds the median only)');
        const { data } = readData(flags.data, config.frequency, io, 'forecast');
        checkFrequency(config.frequency, data, flags.data);
        const H = config.horizon;
        const at: (i: number, q: number) => Float64Array = extra.combine ? combinedQuantiles(modelForecaster(network, extra).forecast(data.series, H)) : learntQuantiles(network.quantileForecasts(data.series), config.quantiles);
        if (flags.format === 'csv') {
          const lines = [`id,${Array.from({ length: H }, (_, i) => i + 1).join(',')}`];
          data.series.forEach((s, i) => lines.push(`${csvCell(s.id)},${Array.from(at(i, 0.5), short).join(',')}`));
          io.stdout(`${lines.join('\n')}\n`);
        } else {
          const out = {
            horizon: H,
            frequency: config.frequency,
            quantiles: wanted,
            forecasts: data.series.map((s, i) => ({ id: s.id, median: Array.from(at(i, 0.5), short), quantiles: Object.fromEntries(wanted.map((q) => [String(q), Array.from(at(i, q), short)])) })),
          };
          io.stdout(`${JSON.stringify(out)}\n`);
        }
      } finally {
        network.dispose();
      }
    });
}

/** Quantile q of series i from a network's learnt quantiles [series][quantile][step]. */
function learntQuantiles(forecasts: Float64Array[][], quantiles: number[]): (i: number, q: number) => Float64Array {
  return (i, q) => forecasts[i][quantiles.findIndex((m) => Math.abs(m - q) < 1e-9)];
}

/** Quantile q of series i from forecasts with intervals: the median is the point, 0.1 the lower bound of the 80 % interval… */
function combinedQuantiles(forecasts: Forecast[]): (i: number, q: number) => Float64Array {
  return (i, q) => {
    if (Math.abs(q - 0.5) < 1e-9) return forecasts[i].point;
    const interval = intervalAt(forecasts[i], Math.round((1 - 2 * Math.min(q, 1 - q)) * 1000) / 10)!;
    return q < 0.5 ? interval.lower : interval.upper;
  };
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
