import { type CliIo, numberArgument, RnnkitError, usageError, writeFileAtomic } from '@rnnkit/common';
import { selectBackend } from '@rnnkit/rnn-core';
import type { Command } from 'commander';
import { BASELINE_METHODS, type BaselineMethod, baselineForecast } from '../baselines/methods';
import { FREQUENCIES } from '../frequency';
import type { Forecast } from '../forecast-types';
import { forecastSvg } from '../plot/forecast-svg';
import { loadForecastModel } from './model-directory';
import { modelForecaster } from './model-forecaster';
import { checkFrequency, readData } from './options';

interface PlotFlags {
  model?: string;
  method?: string;
  data: string;
  id: string;
  out: string;
  freq?: string;
  horizon?: number;
  history?: number;
  holdout?: boolean;
}

/** `forecast plot`. */
export function plotCommand(program: Command, io: CliIo): void {
  program
    .command('plot')
    .description('draw one series\' history, median forecast and 80 % and 95 % bands as SVG')
    .option('--model <dir>', 'model directory written by `forecast train`')
    .option('--method <name>', `or a baseline instead of a model: ${BASELINE_METHODS.join(', ')} (needs --horizon)`)
    .requiredOption('--data <file>', 'CSV holding the series')
    .requiredOption('--id <series>', 'the series to draw')
    .requiredOption('--out <file.svg>', 'SVG file to write')
    .option('--freq <freq>', 'frequency (default: the model\'s, or from the timestamps)')
    .option('--horizon <h>', 'steps to forecast (default: the model\'s)', numberArgument('--horizon', { integer: true, min: 1 }))
    .option('--history <n>', 'past steps to draw (default: four horizons)', numberArgument('--history', { integer: true, min: 1 }))
    .option('--holdout', 'forecast from one horizon before the end and draw the held-out values as dots')
    .action(async (flags: PlotFlags) => {
      if (Boolean(flags.model) === Boolean(flags.method)) throw usageError('give either --model DIR or --method NAME');
      if (flags.method && !(BASELINE_METHODS as readonly string[]).includes(flags.method)) {
        throw usageError(`unknown method "${flags.method}": use ${BASELINE_METHODS.join(', ')}`);
      }
      if (flags.method && !flags.horizon) throw usageError('--method needs --horizon');
      let forecastOf: (values: Float64Array, start: number | undefined, h: number) => Forecast;
      let horizon: number;
      let freq = flags.freq;
      let dispose = () => {};
      let label = flags.method;
      if (flags.model) {
        await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
        const { network, extra } = await loadForecastModel(flags.model);
        const model = modelForecaster(network, extra);
        label = extra.combine ? 'model' : 'network';
        dispose = () => network.dispose();
        horizon = flags.horizon ?? network.config.horizon;
        if (horizon > network.config.horizon) {
          dispose();
          throw usageError(`${flags.model} forecasts at most ${network.config.horizon} steps; --horizon is ${horizon}`);
        }
        freq = network.config.frequency;
        forecastOf = (values, start, h) => model.forecast([{ id: flags.id, values, start }], h)[0];
      } else {
        horizon = flags.horizon!;
        forecastOf = (values, _start, h) => baselineForecast(flags.method as BaselineMethod, values, h, { period: FREQUENCIES[freq as keyof typeof FREQUENCIES].period });
      }
      try {
        const { data, frequency } = readData(flags.data, freq, io, 'forecast');
        freq = frequency;
        if (flags.model) checkFrequency(frequency, data, flags.data);
        const series = data.series.find((s) => s.id === flags.id);
        if (!series) throw new RnnkitError('BAD_INPUT', `has no series "${flags.id}" (it has ${data.series.slice(0, 3).map((s) => s.id).join(', ')}${data.series.length > 3 ? ', …' : ''})`, { file: flags.data });
        const cut = flags.holdout ? series.values.length - horizon : series.values.length;
        if (cut < 2) throw new RnnkitError('BAD_INPUT', `series "${flags.id}" is too short to forecast ${horizon} steps${flags.holdout ? ' with --holdout' : ''}`, { file: flags.data });
        const history = series.values.slice(0, cut);
        const forecast = forecastOf(history, series.start, horizon);
        const shown = history.slice(-(flags.history ?? 4 * horizon));
        const title = `${flags.id}: ${label} forecast, ${horizon} ${frequency} steps`;
        const svg = forecastSvg(shown, forecast, flags.holdout ? series.values.slice(cut) : undefined, { title });
        writeFileAtomic(flags.out, svg);
        io.stderr(`forecast: wrote ${flags.out}\n`);
      } finally {
        dispose();
      }
    });
}
