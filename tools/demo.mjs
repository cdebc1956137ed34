#!/usr/bin/env node
// `npm run demo`: the main job on the shipped defaults — recognize the bundled sample WAVs, generate a paragraph,
// translate a few dates, forecast births. A part whose app or shipped model is not in this checkout is reported and skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = false;

function section(title, needs, command, args) {
  process.stdout.write(`\n## ${title}\n`);
  const missing = needs.filter((p) => !existsSync(p));
  if (missing.length) {
    process.stdout.write(`(skipped: ${missing.map((p) => relative(root, p)).join(', ')} not present yet)\n`);
    return;
  }
  process.stdout.write(`$ ${[relative(root, command), ...args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a))].join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}

const tones = join(root, 'tools', 'reference', 'golden', 'synthetic', 'tones-16k.wav');
section('Audio features', [join(root, 'packages', 'audio-features', 'dist', 'cli.js'), tones], bin('audio-features'), [
  'info', relative(root, tones),
]);

const speech = join(root, 'apps', 'speech-demo');
const samples = existsSync(join(speech, 'samples'))
  ? readdirSync(join(speech, 'samples')).filter((f) => f.endsWith('.wav')).sort().map((f) => join('apps', 'speech-demo', 'samples', f))
  : [];
section('Speech: isolated digits', [join(speech, 'dist', 'cli.js'), join(speech, 'models', 'word', 'model.json')], bin('speech-demo'), [
  'recognize', '--mode', 'word', ...samples.filter((f) => /\/\d_/.test(f)),
]);
section('Speech: digit strings', [join(speech, 'dist', 'cli.js'), join(speech, 'models', 'sequence', 'model.json')], bin('speech-demo'), [
  'recognize', '--mode', 'sequence', ...samples.filter((f) => /\/\d{2,}_/.test(f)),
]);

const textGen = join(root, 'apps', 'text-gen');
section('Text generation', [join(textGen, 'dist', 'cli.js'), join(textGen, 'models', 'default', 'model.json')], bin('text-gen'), [
  'generate', '--length', '400', '--seed', '7', '--prime', 'The ',
]);

const seq2seq = join(root, 'packages', 'seq2seq');
section('Translation: dates to ISO', [join(seq2seq, 'dist', 'cli.js'), join(seq2seq, 'models', 'dates', 'model.json')], bin('seq2seq-demo'), [
  'translate', '--task', 'dates', '27 November 2026', 'Friday, November 27, 2026', '11/27/2026', '27 de novembro de 2026', 'nov 3 1999',
]);
section('Translation: numbers to words', [join(seq2seq, 'dist', 'cli.js'), join(seq2seq, 'models', 'numbers-en', 'model.json')], bin('seq2seq-demo'), [
  'translate', '--task', 'numbers-en', '2026', '999999', '14',
]);

// Forecasting: the daily US births 1994–2003 (npm dataset, Apache-2.0), written as a CSV first; the shipped model
// was trained without the last four weeks, so the backtest on them is out of sample.
const forecast = join(root, 'packages', 'forecast');
const birthsModel = join(forecast, 'models', 'us-births');
const birthsCsv = join(tmpdir(), 'rnnkit-us-births.csv');
const forecastNeeds = [
  join(forecast, 'dist', 'cli.js'),
  join(birthsModel, 'model.json'),
  join(root, 'node_modules', '@stdlib', 'datasets-cdc-nchs-us-births-1994-2003', 'data', 'data.json'),
];
if (forecastNeeds.every((p) => existsSync(p))) {
  spawnSync(process.execPath, [join(root, 'tools', 'forecast', 'us-births-csv.mjs'), birthsCsv], { stdio: 'inherit' });
}
section('Forecast: US births, the last four weeks of 2003 held out', forecastNeeds, bin('forecast'), [
  'backtest', '--data', birthsCsv, '--horizon', '28', '--model', relative(root, birthsModel), '--methods', 'snaive,naive2,hw,theta,ensemble',
]);
section('Forecast: US births, the first four weeks of 2004 (median)', forecastNeeds, bin('forecast'), [
  'predict', '--data', birthsCsv, '--model', relative(root, birthsModel),
]);

process.exit(failed ? 1 : 0);
