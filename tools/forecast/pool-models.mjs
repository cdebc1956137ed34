#!/usr/bin/env node
// Measures what pooling several trained networks would give the per-series selection, before building it into a
// model directory: scores, on the last horizon of each series, the selection over each model's own pool and over
// the pool of all of them. A pool holds every head of every network given, the seasonal naive forecasts at the
// data's season and at each head's base lag, and the equal-weight mean of every pair of those.
// Usage: node tools/forecast/pool-models.mjs DATA.csv HORIZON MODEL_DIR...   (models trained with --holdout)
import { backtest, baselineForecaster, ensembleForecaster, FREQUENCIES, headBaseLags, loadForecastModel, readSeriesFile, selectingForecaster } from '@rnnkit/forecast';
import { selectBackend } from '@rnnkit/rnn-core';

const [data, horizonText, ...dirs] = process.argv.slice(2);
const horizon = Number(horizonText);
if (!data || !(horizon > 0) || dirs.length === 0) {
  process.stderr.write('usage: node tools/forecast/pool-models.mjs DATA.csv HORIZON MODEL_DIR...\n');
  process.exit(2);
}

/** A forecaster that remembers its forecasts per history list (the selection shares one list per past origin). */
function remembered(forecaster) {
  const seen = new WeakMap();
  return {
    name: forecaster.name,
    forecast(histories, h) {
      if (!seen.has(histories)) seen.set(histories, forecaster.forecast(histories, h));
      return seen.get(histories);
    },
  };
}

function pool(singles) {
  const pairs = singles.flatMap((a, i) => singles.slice(i + 1).map((b) => ensembleForecaster(`${a.name}+${b.name}`, [a, b])));
  return [...singles, ...pairs];
}

await selectBackend({ log: () => {} });
const models = await Promise.all(dirs.map((dir) => loadForecastModel(dir)));
const frequency = models[0].network.config.frequency;
const { period, maseLag } = FREQUENCIES[frequency];
const { series } = readSeriesFile(data, { frequency });
const lags = [...new Set([period, ...models.flatMap(({ network }) => headBaseLags(network.config))])].filter((lag) => lag > 0);
const baselines = lags.map((lag) => remembered(baselineForecaster('snaive', lag)));
const heads = models.map(({ network }, m) =>
  headBaseLags(network.config).map((lag) => remembered({ name: `net${m + 1}@${lag}`, forecast: (histories, h) => network.forecast(histories, h, lag) })),
);
const select = (name, singles) => selectingForecaster(name, pool(singles), { windows: 8, minHistory: maseLag + 1 });
const forecasters = [
  ...heads.map((own, m) => select(`pool of ${dirs[m]}`, [...own, ...baselines])),
  ...(models.length > 1 ? [select('pool of all', [...heads.flat(), ...baselines])] : []),
];
for (const score of backtest(series, forecasters, { horizon, windows: 1, maseLag })) {
  process.stdout.write(`${score.method}: sMAPE ${score.smape.toFixed(2)} MASE ${score.mase.toFixed(3)} MSIS ${score.msis.toFixed(2)} cov95 ${(100 * score.coverage95).toFixed(1)}\n`);
}
models.forEach(({ network }) => network.dispose());
