#!/usr/bin/env node
// Scores an en-fr model directory on the first N sentences of a split written by split-tatoeba.mjs, exactly as
// anchor-lstm-seq2seq.mjs scores the anchor: corpus BLEU-4 × 100 with all references and 13a tokens, exact match
// against any reference, and sentences per second of the decoding alone.
//   node tools/seq2seq/score-en-fr.mjs --model packages/seq2seq/models/en-fr --data /tmp/tatoeba-split [--split test] [--n 2000] [--beam 1]
// The last stdout line is one JSON object.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { selectBackend } from '@rnnkit/rnn-core';
import { corpusBleu, exactMatch, loadSeq2SeqModel, translate } from '@rnnkit/seq2seq';

function fail(message, code = 2) {
  process.stderr.write(`score-en-fr: ${message}\n`);
  process.exit(code);
}

const flags = { model: null, data: null, split: 'test', n: 2000, beam: 1, predictions: null };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [name, value] = [args[i], args[i + 1]];
  const key = name.replace(/^--/, '');
  if (value === undefined || !(key in flags)) fail(`unknown or incomplete option ${name}; usage: --model DIR --data DIR [--split test|validation] [--n N] [--beam K] [--predictions FILE]`);
  flags[key] = key === 'n' || key === 'beam' ? Number(value) : value;
}
if (!flags.model || !flags.data) fail('--model DIR and --data DIR (from split-tatoeba.mjs) are required');
if (!Number.isInteger(flags.n) || flags.n < 1 || !Number.isInteger(flags.beam) || flags.beam < 1) fail('--n and --beam must be positive integers');

const file = path.join(flags.data, `${flags.split}.tsv`);
let rows;
try {
  rows = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => l.split('\t')).slice(0, flags.n);
} catch (err) {
  fail(`cannot read ${file} (${err.code}); make it with tools/seq2seq/split-tatoeba.mjs`);
}

await selectBackend({ log: (line) => process.stderr.write(`${line}\n`) });
const { model } = loadSeq2SeqModel(flags.model);
const started = Date.now();
const predictions = translate(model, rows.map((r) => r[0]), { beamWidth: flags.beam, batchSize: 256 }).map((t) => t.text);
const seconds = (Date.now() - started) / 1000;
const references = rows.map((r) => r.slice(1));
if (flags.predictions) fs.writeFileSync(flags.predictions, predictions.map((p, i) => `${rows[i][0]}\t${p}`).join('\n') + '\n');
const parameters = model.parameterCount;
model.dispose();
process.stdout.write(
  `${JSON.stringify({
    model: flags.model,
    split: flags.split,
    n: rows.length,
    beam: flags.beam,
    bleu: Number((100 * corpusBleu(predictions, references, { tokenize: '13a' }).bleu).toFixed(2)),
    exact_match: Number(exactMatch(predictions, references).toFixed(4)),
    parameters,
    weights_mb: Number(((parameters * 4) / 1e6).toFixed(2)),
    sentences_per_second: Number((rows.length / seconds).toFixed(1)),
  })}\n`,
);
