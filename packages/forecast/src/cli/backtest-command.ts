import { type CliIo, numberArgument, ProgressLine, usageError } from '@rnnkit/common';
import { selectBackend } from '@rnnkit/rnn-core';
import { type Command, Option } from 'commander';
import { backtest, type MethodScore, winner } from '../backtest/backtest';
import { baselineForecaster, ensembleForecaster, type Forecaster } from '../backtest/forecaster';
import { selectingForecaster } from '../backtest/select-forecaster';
import { BASELINE_METHODS, type BaselineMethod } from '../baselines/methods';
import { FREQUENCIES } from '../frequency';
import type { ForecastNetwork } from '../network/forecast-network';
import { trainNetwork } from '../network/train-network';
import { type NetworkMember, parseMembers, SELECT_DEFAULTS } from './member-list';
import { loadForecastModel } from './model-directory';
import { modelForecaster, modelNetworkMember } from './model-forecaster';
import { checkFrequency, readData } from './options';
import { learningRateFor, networkConfig, networkOptions, stepsFor } from './train-command';

const NETWORK_METHODS = ['gru', 'lstm'] as const;
const DEFAULT_METHODS = 'naive,snaive,naive2,drift,ses,holt,damped,hw,theta';

interface BacktestFlags {
  data: string;
  horizon: number;
  windows: number;
  freq?: string;
  methods: string;
  model?: string;
  ensemble?: string;
  selectFrom?: string;
  selectWindows: number;
  format: 'table' | 'json';
  steps?: number;
  minutes?: number;
  threads?: number;
  batch: number;
  units: number;
  layers: number;
  context?: number;
  lags?: string;
  baseLag?: number;
  learningRate?: number;
  maseWeighting: number;
  smapeWeighting: number;
  logFloor?: number;
  quantiles?: string;
  seed: number;
}

function table(scores: MethodScore[]): string {
  const header = ['method', 'sMAPE', 'MASE', 'OWA', 'MSIS', 'cov95', 'cov80'];
  const cell = (v: number, digits: number) => (Number.isNaN(v) ? '–' : v.toFixed(digits));
  const rows = scores.map((s) => [s.method, cell(s.smape, 2), cell(s.mase, 3), cell(s.owa, 3), cell(s.msis, 2), cell(100 * s.coverage95, 1), cell(100 * s.coverage80, 1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

/** `forecast backtest`. */
export function backtestCommand(program: Command, io: CliIo): void {
  const command = program
    .command('backtest')
    .description('score methods on rolling-origin windows: sMAPE, MASE, OWA, MSIS and interval coverage, and the winner')
    .requiredOption('--data <file>', 'CSV of series (same layouts as train)')
    .requiredOption('--horizon <h>', 'steps to forecast', numberArgument('--horizon', { integer: true, min: 1 }))
    .option('--windows <k>', 'forecast origins per series, one horizon apart, the last ending at the series end', numberArgument('--windows', { integer: true, min: 1 }), 1)
    .option('--freq <freq>', `frequency: ${Object.keys(FREQUENCIES).join(', ')} (default: from the timestamps)`)
    .option('--methods <list>', `methods: ${BASELINE_METHODS.join(', ')}, ${NETWORK_METHODS.join(', ')} (a network trained on the data before the first origin), ensemble, select`, DEFAULT_METHODS)
    .option('--model <dir>', 'also score this trained model (method "model"); it must not have been trained on the windows (see train --holdout)')
    .option('--ensemble <list>', 'members of the ensemble method, equal weights (default: network,snaive for seasonal frequencies, network,theta otherwise)')
    .option(
      '--select-from <list>',
      'members of the select method, which takes per series the one with the lowest sMAPE over the --select-windows horizons before the ' +
        `origin; a+b is their mean, snaive@168 a seasonal naive of season 168 (default hourly: ${SELECT_DEFAULTS.hourly}; else network, the ensemble's partner and their mean)`,
    )
    .option('--select-windows <k>', 'past horizons the select method scores its members on', numberArgument('--select-windows', { integer: true, min: 1 }), 8)
    .addOption(new Option('--format <format>', 'table or json').choices(['table', 'json']).default('table'));
  networkOptions(command).action(async (flags: BacktestFlags) => {
    const { data, frequency } = readData(flags.data, flags.freq, io, 'forecast');
    const methods = flags.methods.split(',').map((m) => m.trim()).filter(Boolean);
    const known = [...BASELINE_METHODS, ...NETWORK_METHODS, 'ensemble', 'select'] as string[];
    const unknown = methods.filter((m) => !known.includes(m));
    if (unknown.length) throw usageError(`unknown method(s) ${unknown.join(', ')}: use ${known.join(', ')}`);
    const info = FREQUENCIES[frequency];
    const networks: ForecastNetwork[] = [];
    const forecasters: Forecaster[] = [];
    const byName = new Map<string, Forecaster>();
    const networkHeads: NetworkMember[] = [];
    const add = (f: Forecaster) => {
      byName.set(f.name, f);
      if (methods.includes(f.name) || f.name === 'model' || f.name === 'network') forecasters.push(f);
    };
    try {
      const needsNetwork = methods.some((m) => (NETWORK_METHODS as readonly string[]).includes(m)) || flags.model;
      if (needsNetwork) await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
      if (flags.model) {
        const { network, extra } = await loadForecastModel(flags.model);
        networks.push(network);
        checkFrequency(network.config.frequency, data, flags.data);
        if (network.config.horizon < flags.horizon) throw usageError(`${flags.model} forecasts ${network.config.horizon} steps; --horizon is ${flags.horizon}`);
        // A model that combines its network with other forecasters is scored as it predicts, and its network alone.
        add(modelForecaster(network, extra));
        if (extra.combine) add({ name: 'network', forecast: (h, steps) => network.forecast(h, steps) });
        networkHeads.push(modelNetworkMember(network, extra.combine ? 'network' : 'model'));
      }
      for (const cell of NETWORK_METHODS.filter((m) => methods.includes(m))) {
        const config = networkConfig({ ...flags, cell }, frequency, flags.horizon);
        const steps = stepsFor(flags, frequency);
        // Trained once on what lies before the earliest origin, so no window's future is ever seen.
        const cut = flags.windows * flags.horizon;
        const histories = data.series.map((s) => ({ ...s, values: s.values.slice(0, Math.max(0, s.values.length - cut)) }));
        const progress = new ProgressLine(io);
        const began = Date.now();
        const { network, optimizer } = await trainNetwork(histories, config, {
          steps,
          batchSize: flags.batch,
          learningRate: learningRateFor(flags, frequency),
          maseWeighting: flags.maseWeighting,
          smapeWeighting: flags.smapeWeighting,
          seed: flags.seed,
          maxMinutes: flags.minutes,
          threads: flags.threads,
          onStep: (step, loss) => progress.update(step / steps, `${cell} step ${step}/${steps} loss ${loss.toFixed(4)} ${((Date.now() - began) / 1000).toFixed(0)} s`),
        });
        progress.stop();
        optimizer.dispose();
        networks.push(network);
        add({ name: cell, forecast: (h, steps) => network.forecast(h, steps) });
        networkHeads.push(modelNetworkMember(network, cell));
      }
      for (const m of methods) if ((BASELINE_METHODS as readonly string[]).includes(m)) add(baselineForecaster(m as BaselineMethod, info.period));
      // "network" in a member list: the networks alone (not a model's own combination).
      const networkMembers = networkHeads.map((member) => member(undefined, '--ensemble'));
      // The defaults are the combinations that did best on the M4 validation split (see the README).
      const partner = info.period > 1 ? 'snaive' : 'theta';
      if (methods.includes('ensemble')) {
        const names = (flags.ensemble ?? `network,${partner}`).split(',').map((m) => m.trim());
        const members = names.flatMap((n) => (n === 'network' ? networkMembers : [byName.get(n) ?? baselineForecaster(n as BaselineMethod, info.period)]));
        if (members.length < 2) throw usageError(`the ensemble needs at least two members; ${names.join(',')} gave ${members.length} (run a network method or pass --model)`);
        forecasters.push(ensembleForecaster('ensemble', members));
      }
      if (methods.includes('select')) {
        const list = flags.selectFrom ?? SELECT_DEFAULTS[frequency] ?? `network,${partner},network+${partner}`;
        const members = parseMembers(list, '--select-from', networkHeads, info.period);
        forecasters.push(selectingForecaster('select', members, { windows: flags.selectWindows, minHistory: info.maseLag + 1 }));
      }
      const progress = new ProgressLine(io);
      const scores = backtest(data.series, forecasters, {
        horizon: flags.horizon,
        windows: flags.windows,
        maseLag: info.maseLag,
        onProgress: (done, total, method) => progress.update(done / total, `scored ${method}`),
      });
      progress.stop();
      const best = winner(scores);
      if (flags.format === 'json') {
        io.stdout(`${JSON.stringify({ horizon: flags.horizon, windows: flags.windows, series: data.series.length, frequency, scores, winner: best.method })}\n`);
      } else {
        io.stdout(`${table(scores)}\nwinner: ${best.method} (${Number.isNaN(best.owa) ? `sMAPE ${best.smape.toFixed(2)}` : `OWA ${best.owa.toFixed(3)}`})\n`);
      }
    } finally {
      networks.forEach((n) => n.dispose());
    }
  });
}
