import { type CliIo, numberArgument, ProgressLine, usageError } from '@rnnkit/common';
import { defaultThreads, selectBackend } from '@rnnkit/rnn-core';
import { type Command, Option } from 'commander';
import { FREQUENCIES } from '../frequency';
import type { ForecastExtra } from '../network/forecast-model-kind';
import { DEFAULT_QUANTILES, FREQUENCY_DEFAULTS, type NetworkConfig } from '../network/network-config';
import { checkLogScale, trainNetwork } from '../network/train-network';
import { networkMember, parseMembers, SELECT_DEFAULTS } from './member-list';
import { holdsModel, resumeForecastModel, saveForecastModel } from './model-directory';
import { parseIntegers, parseQuantiles, readData } from './options';

interface TrainFlags {
  data: string;
  horizon: number;
  freq?: string;
  out: string;
  steps?: number;
  minutes?: number;
  batch: number;
  cell: 'gru' | 'lstm';
  units: number;
  layers: number;
  context?: number;
  lags?: string;
  baseLag?: number;
  extraBaseLags?: string;
  learningRate?: number;
  maseWeighting: number;
  smapeWeighting: number;
  logFloor?: number;
  quantiles?: string;
  seed: number;
  checkpointEvery: number;
  holdout?: boolean;
  resume?: boolean;
  threads?: number;
  selectFrom?: string;
  selectWindows: number;
}

/** Network and training options shared by `train` and the network methods of `backtest`. */
export function networkOptions(command: Command): Command {
  return command
    .option('--steps <n>', 'training updates in total (default: by frequency, 5000 hourly, else 2000)', numberArgument('--steps', { integer: true, min: 1 }))
    .option('--minutes <m>', 'stop training after this many minutes', numberArgument('--minutes', { min: 0, exclusiveMin: true }))
    .option('--batch <n>', 'windows per update', numberArgument('--batch', { integer: true, min: 1 }), 32)
    .addOption(new Option('--cell <cell>', 'recurrent cell (LSTM did better than GRU on both M4 validation sets)').choices(['lstm', 'gru']).default('lstm'))
    .option('--units <n>', 'units per recurrent layer', numberArgument('--units', { integer: true, min: 1 }), 64)
    .option('--layers <n>', 'recurrent layers', numberArgument('--layers', { integer: true, min: 1, max: 4 }), 1)
    .option('--context <n>', 'steps read before forecasting (default: by frequency, e.g. 96 hourly)', numberArgument('--context', { integer: true, min: 2 }))
    .option('--lags <list>', 'lagged values fed as features (default: by frequency, e.g. 24,168 hourly)')
    .option('--base-lag <n>', 'forecast departures from the seasonal naive forecast at this lag; 0: none (default: 168 hourly, else the season)', numberArgument('--base-lag', { integer: true, min: 0 }))
    .option('--extra-base-lags <list>', 'one more output head per lag, forecasting departures from the seasonal naive forecast at that lag (for --select-from members network@L); "" for none (default: by frequency, e.g. 24 hourly)')
    .option('--learning-rate <lr>', "Adam's initial learning rate, decaying to a tenth (default: by frequency, 0.01 hourly, else 0.005)", numberArgument('--learning-rate', { min: 0, exclusiveMin: true }))
    .option('--mase-weighting <p>', "weight each window's loss by (its scale / MASE's seasonal-difference level)^p: 0 relative errors, 1 MASE's units", numberArgument('--mase-weighting', { min: 0 }), 0)
    .option('--smape-weighting <p>', "weight each target's loss by (2 / (|value| + |base|))^p in the window's scaled units: 1 counts errors as sMAPE does, 0 alike", numberArgument('--smape-weighting', { min: 0 }), 0)
    .option('--log-floor <f>', 'learn on the log scale (relative errors, as sMAPE counts them), each value floored at f times its window\'s mean level; 0: the linear scale (default: 0.05 hourly, else 0)', numberArgument('--log-floor', { min: 0, max: 1, exclusiveMax: true }))
    .option('--quantiles <list>', `quantiles to learn (default ${DEFAULT_QUANTILES.join(',')}; 0.5 is always added)`)
    .option('--seed <n>', 'seed of weights and window sampling', numberArgument('--seed', { integer: true, min: 0 }), 1)
    .option('--threads <n>', 'threads to train on, each taking a slice of every batch (default: RNNKIT_THREADS, else every core)', numberArgument('--threads', { integer: true, min: 1 }));
}

/** The number of updates flags ask for, else the frequency's default. */
export function stepsFor(flags: { steps?: number }, frequency: NetworkConfig['frequency']): number {
  return flags.steps ?? FREQUENCY_DEFAULTS[frequency].steps ?? 2000;
}

/** The learning rate flags ask for, else the frequency's default. */
export function learningRateFor(flags: { learningRate?: number }, frequency: NetworkConfig['frequency']): number {
  return flags.learningRate ?? FREQUENCY_DEFAULTS[frequency].learningRate ?? 0.005;
}

/** The network config that flags ask for. */
export function networkConfig(
  flags: Pick<TrainFlags, 'cell' | 'units' | 'layers' | 'context' | 'lags' | 'quantiles' | 'baseLag' | 'extraBaseLags' | 'logFloor'>,
  frequency: NetworkConfig['frequency'],
  horizon: number,
): NetworkConfig {
  const defaults = FREQUENCY_DEFAULTS[frequency];
  const context = flags.context ?? Math.max(defaults.context, 2);
  const baseLag = flags.baseLag ?? defaults.baseLag ?? FREQUENCIES[frequency].period;
  const extraBaseLags = (flags.extraBaseLags === undefined ? (defaults.extraBaseLags ?? []) : parseIntegers('--extra-base-lags', flags.extraBaseLags)).filter((lag) => lag !== baseLag);
  const logFloor = flags.logFloor ?? defaults.logFloor ?? 0;
  const quantiles = [...new Set([...(flags.quantiles ? parseQuantiles(flags.quantiles) : DEFAULT_QUANTILES), 0.5])].sort((a, b) => a - b);
  return {
    frequency,
    horizon,
    context,
    supervised: Math.max(1, Math.min(horizon, Math.floor(context / 2))),
    lags: flags.lags === undefined ? defaults.lags : parseIntegers('--lags', flags.lags),
    period: FREQUENCIES[frequency].period,
    baseLag,
    ...(extraBaseLags.length ? { extraBaseLags } : {}),
    ...(logFloor > 0 ? { logFloor } : {}),
    quantiles,
    cell: flags.cell,
    units: flags.units,
    layers: flags.layers,
  };
}

/** `forecast train`. */
export function trainCommand(program: Command, io: CliIo): void {
  const command = program
    .command('train')
    .description('train one network across every series of a CSV file and save it (with checkpoints)')
    .requiredOption('--data <file>', 'CSV: one series per row (id, values…) or id,timestamp,value rows')
    .requiredOption('--horizon <h>', 'steps to forecast', numberArgument('--horizon', { integer: true, min: 1 }))
    .option('--freq <freq>', `frequency: ${Object.keys(FREQUENCIES).join(', ')} (default: from the timestamps)`)
    .requiredOption('--out <dir>', 'model directory to write')
    .option('--checkpoint-every <n>', 'save a checkpoint every n updates', numberArgument('--checkpoint-every', { integer: true, min: 1 }), 200)
    .option('--holdout', 'train without the last horizon of each series (to validate on it afterwards)')
    .option('--resume', 'continue the checkpoint in --out (refused when there is none or its settings differ)')
    .option(
      '--select-from <list>',
      'forecast, per series, with the member of this list that had the lowest sMAPE over the --select-windows horizons before the origin ' +
        `(network, baselines, snaive@168 for a season of 168, a+b for a mean; none: the network alone). Default hourly: ${SELECT_DEFAULTS.hourly}; else none`,
    )
    .option('--select-windows <k>', 'past horizons --select-from scores its members on', numberArgument('--select-windows', { integer: true, min: 1 }), 8);
  networkOptions(command).action(async (flags: TrainFlags) => {
    const { data, frequency } = readData(flags.data, flags.freq, io, 'forecast');
    const config = networkConfig(flags, frequency, flags.horizon);
    const selectFrom = flags.selectFrom ?? SELECT_DEFAULTS[frequency] ?? 'none';
    const combine = selectFrom.trim() === 'none' ? undefined : { selectFrom, windows: flags.selectWindows };
    // Checked before training: members must exist, and name only heads the network has.
    if (combine) parseMembers(combine.selectFrom, '--select-from', [networkMember('network', config, () => [])], FREQUENCIES[frequency].period);
    const series = flags.holdout ? data.series.map((s) => ({ ...s, values: s.values.slice(0, Math.max(0, s.values.length - flags.horizon)) })) : data.series;
    const tooShort = series.filter((s) => s.values.length < flags.horizon + config.supervised + 1).length;
    if (tooShort === series.length) {
      throw usageError(`--horizon ${flags.horizon} is too long for every series of ${flags.data} (each needs ${flags.horizon + config.supervised + 1} values${flags.holdout ? ' after the holdout' : ''}); lower --horizon`);
    }
    checkLogScale(series, config);
    if (!flags.resume && holdsModel(flags.out)) {
      throw usageError(`${flags.out} already holds a model: pass --resume to continue it, or choose another --out`);
    }
    const threads = flags.threads ?? defaultThreads();
    await selectBackend({ log: (line) => io.stderr(`${line}\n`) });
    const learningRate = learningRateFor(flags, frequency);
    const totalSteps = stepsFor(flags, frequency);
    const requested = { ...config, batchSize: flags.batch, learningRate, maseWeighting: flags.maseWeighting, smapeWeighting: flags.smapeWeighting, seed: flags.seed };
    const resumed = flags.resume ? await resumeForecastModel(flags.out, requested) : null;
    if (tooShort > 0) io.stderr(`forecast: ${tooShort} series too short to train on for horizon ${flags.horizon} (skipped in training)\n`);
    io.stderr(`forecast: training on ${threads} thread${threads === 1 ? '' : 's'}\n`);
    const progress = new ProgressLine(io);
    const began = Date.now();
    const earlier = resumed?.extra.training.seconds ?? 0;
    const extraAt = (steps: number): ForecastExtra => ({
      ...(combine ? { combine } : {}),
      network: config,
      training: { steps, totalSteps, batchSize: flags.batch, learningRate, maseWeighting: flags.maseWeighting, smapeWeighting: flags.smapeWeighting, seed: flags.seed, seconds: Math.round(earlier + (Date.now() - began) / 1000) },
    });
    let smoothed = NaN;
    const result = await trainNetwork(series, config, {
      steps: totalSteps,
      batchSize: flags.batch,
      learningRate,
      maseWeighting: flags.maseWeighting,
      smapeWeighting: flags.smapeWeighting,
      seed: flags.seed,
      maxMinutes: flags.minutes,
      threads,
      onNotice: (notice) => progress.log(`forecast: note: ${notice}`),
      resume: resumed ? { network: resumed.network, optimizer: resumed.optimizer, startStep: resumed.extra.training.steps } : undefined,
      checkpointEvery: flags.checkpointEvery,
      onStep: (step, loss) => {
        smoothed = Number.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
        progress.update(step / totalSteps, `step ${step}/${totalSteps} loss ${smoothed.toFixed(4)} ${((Date.now() - began) / 1000).toFixed(0)} s`);
      },
      onCheckpoint: (network, optimizer, step) => saveForecastModel(network, flags.out, extraAt(step), optimizer),
    });
    progress.stop();
    const seconds = extraAt(result.steps).training.seconds;
    io.stdout(`trained ${result.steps} steps in ${seconds} s (loss ${result.loss.toFixed(4)}${result.skipped ? `, ${result.skipped} skipped` : ''}); model in ${flags.out}\n`);
    result.network.dispose();
    result.optimizer.dispose();
  });
}
