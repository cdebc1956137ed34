import { type CliIo, usageError } from '@rnnkit/common';
import { selectBackend } from '@rnnkit/rnn-core';
import { type Command, Option } from 'commander';
import { loadForecastModel } from './model-directory';
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
      const { network } = await loadForecastModel(flags.model);
      try {
        const config = network.config;
        const wanted = flags.quantiles ? parseQuantiles(flags.quantiles) : config.quantiles;
        const missing = wanted.filter((q) => !config.quantiles.some((m) => Math.abs(m - q) < 1e-9));
        if (missing.length) throw usageError(`the model learnt quantiles ${config.quantiles.join(',')}; it cannot give ${missing.join(',')}`);
        if (flags.format === 'csv' && flags.quantiles) throw usageError('--quantiles needs --format json (the csv holds the median only)');
        const { data } = readData(flags.data, config.frequency, io, 'forecast');
        checkFrequency(config.frequency, data, flags.data);
        const forecasts = network.quantileForecasts(data.series);
        const H = config.horizon;
        if (flags.format === 'csv') {
          const median = config.quantiles.findIndex((q) => Math.abs(q - 0.5) < 1e-9);
          const lines = [`id,${Array.from({ length: H }, (_, i) => i + 1).join(',')}`];
          data.series.forEach((s, i) => lines.push(`${csvCell(s.id)},${Array.from(forecasts[i][median], short).join(',')}`));
          io.stdout(`${lines.join('\n')}\n`);
        } else {
          const out = {
            horizon: H,
            frequency: config.frequency,
            quantiles: wanted,
            forecasts: data.series.map((s, i) => {
              const at = (q: number) => Array.from(forecasts[i][config.quantiles.findIndex((m) => Math.abs(m - q) < 1e-9)], short);
              return { id: s.id, median: at(0.5), quantiles: Object.fromEntries(wanted.map((q) => [String(q), at(q)])) };
            }),
          };
          io.stdout(`${JSON.stringify(out)}\n`);
        }
      } finally {
        network.dispose();
      }
    });
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
