#!/usr/bin/env node
// Writes the en-fr task's split of Tatoeba's fra.txt as three TSV files, so that other programs (the tf.layers
// anchor, python) train and score on exactly the sentences the task uses:
//   node tools/seq2seq/split-tatoeba.mjs [--in fra.txt] --out DIR
// DIR/train.tsv: one English<TAB>French pair per line (the pairs `en-fr` trains on, within its length limit);
// DIR/validation.tsv, DIR/test.tsv: one English sentence per line with all its French translations,
// English<TAB>French1[<TAB>French2…], in the task's fixed order for seed 0.
// The split is by English sentence (`tatoebaSplit`), so no sentence is on two sides.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { enFrTrainingPairs, getTask, readTatoebaFile, tatoebaFile } from '@rnnkit/seq2seq';

function usage(message) {
  process.stderr.write(`split-tatoeba: ${message}\nusage: node tools/seq2seq/split-tatoeba.mjs [--in fra.txt] --out DIR\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let input = tatoebaFile();
let out = null;
for (let i = 0; i < args.length; i += 2) {
  if (args[i] === '--in' && args[i + 1]) input = args[i + 1];
  else if (args[i] === '--out' && args[i + 1]) out = args[i + 1];
  else usage(`unknown or incomplete option ${JSON.stringify(args[i])}`);
}
if (!out) usage('--out DIR is required');

let corpus;
try {
  corpus = readTatoebaFile(input);
} catch (err) {
  usage(err.message);
}
process.env.RNNKIT_TATOEBA_FRA = path.resolve(input);
const task = getTask('en-fr');
fs.mkdirSync(out, { recursive: true });

function writeAtomic(file, lines) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  fs.renameSync(tmp, file);
}

const train = enFrTrainingPairs(corpus).map((p) => `${p.source}\t${p.target}`);
writeAtomic(path.join(out, 'train.tsv'), train);
const counts = { train_sentences: corpus.train.length, train_pairs: train.length };
for (const split of ['validation', 'test']) {
  const pairs = task.generate(split, corpus[split].length, 0);
  writeAtomic(path.join(out, `${split}.tsv`), pairs.map((p) => [p.source, ...p.references].join('\t')));
  counts[`${split}_sentences`] = pairs.length;
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
