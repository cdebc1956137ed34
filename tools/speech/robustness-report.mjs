#!/usr/bin/env node
// Leave-one-speaker-out robustness report: for each held-out FSDD speaker, train a model on the others with a
// given recipe (`speech-demo train … --exclude-speakers S`), then score it on that speaker's recordings (word mode)
// or on digit strings joined from them (sequence mode) under every condition of `speech-demo eval --condition`.
// Writes a markdown table (accuracy, and DER in sequence mode, per condition, per fold and mean) to <out>/report.md
// and stdout; the raw JSON lines go to <out>/results.jsonl. Progress goes to stderr.
//
//   node tools/speech/robustness-report.mjs --data ../shared/data/fsdd-dev/recordings --out /tmp/report-word \
//     --mode word --train "--data ../shared/data/fsdd-dev/recordings /tmp/sd/synth --val-speakers esp-en-029* --epochs 12"
//
// Options: --speakers a,b (default: the four FSDD speakers), --conditions list (default below), --limit N (score at
// most N clips or strings per speaker: quick checks), --strings N (sequence mode: strings joined per speaker, 300),
// --seed N (perturbations and joins, 1), --reuse (keep a fold's model once its training finished, marked by <out>/trained-S; a fold whose training was
// stopped continues from its checkpoint).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCondition } from 'speech-demo';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'apps', 'speech-demo', 'bin', 'speech-demo.js');
const DEFAULT_CONDITIONS =
  'clean,gain-40,gain-30,gain-20,gain-10,white20,white10,white0,pink10,pink0,brown10,hum10,reverb300,reverb600,telephone,resample44,room,clip6,dc';

function fail(message) {
  process.stderr.write(`robustness-report: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { mode: 'word', speakers: 'george,jackson,lucas,nicolas', conditions: DEFAULT_CONDITIONS, strings: 300, seed: 1, reuse: false };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'reuse') o.reuse = true;
    else if (key === 'help' || key === 'h') {
      process.stdout.write(readHelp());
      process.exit(0);
    } else if (['data', 'out', 'mode', 'train', 'speakers', 'conditions', 'limit', 'strings', 'seed'].includes(key) && i + 1 < argv.length) o[key] = argv[++i];
    else fail(`unknown or incomplete option ${argv[i]}; see --help`);
  }
  if (!o.data || !o.out || o.train === undefined) fail('--data, --out and --train are required; see --help');
  if (!['word', 'sequence'].includes(o.mode)) fail(`--mode must be word or sequence, got ${o.mode}`);
  if (!existsSync(o.data)) fail(`no such folder: ${o.data} — give the FSDD recordings folder`);
  // Bad condition names are found now, not after the first fold's training.
  for (const name of o.conditions.split(',')) {
    try {
      parseCondition(name);
    } catch (err) {
      fail(err.message);
    }
  }
  if (o.limit !== undefined && !(Number.isInteger(Number(o.limit)) && Number(o.limit) > 0)) fail(`--limit must be a whole number > 0, got ${o.limit}`);
  return o;
}

function readHelp() {
  return `usage: node tools/speech/robustness-report.mjs --data FSDD_DIR --out DIR --train "TRAIN ARGS" [--mode word|sequence]
  [--speakers a,b] [--conditions ${DEFAULT_CONDITIONS.slice(0, 30)}…] [--limit N] [--strings 300] [--seed 1] [--reuse]
TRAIN ARGS are passed to speech-demo train (with --mode, --out, --checkpoint-dir and --exclude-speakers added).\n`;
}

/** Splits a shell-like argument string on spaces, keeping "quoted parts" together. */
function words(text) {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function run(args, { capture = false } = {}) {
  process.stderr.write(`$ speech-demo ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`robustness-report: speech-demo ${args[0]} failed with exit status ${result.status}\n`);
    process.exit(1);
  }
  return result.stdout ?? '';
}

/** A folder of links to at most `limit` of the speaker's clips (all when no limit), for a quick run. */
function testFolder(source, speaker, limit, out) {
  if (!limit) return source;
  const dir = join(out, `test-${speaker}`);
  mkdirSync(dir, { recursive: true });
  const names = readdirSync(source).filter((n) => n.split('_')[1] === speaker && n.endsWith('.wav')).sort();
  const step = Math.max(1, Math.floor(names.length / limit));
  for (const name of names.filter((_, i) => i % step === 0).slice(0, limit)) {
    if (!existsSync(join(dir, name))) symlinkSync(resolve(source, name), join(dir, name));
  }
  return dir;
}

const o = parseArgs(process.argv.slice(2));
mkdirSync(o.out, { recursive: true });
const speakers = o.speakers.split(',').filter(Boolean);
const limit = o.limit ? Number(o.limit) : 0;
const rows = [];
let report = '';
for (const speaker of speakers) {
  const model = join(o.out, `model-${speaker}`);
  // The model folder holds the best model so far while training runs, so a fold is done only once marked.
  const trained = join(o.out, `trained-${speaker}`);
  if (!(o.reuse && existsSync(trained))) {
    const checkpoint = join(o.out, `checkpoint-${speaker}`);
    // With --reuse, a fold whose training was stopped goes on from its checkpoint.
    const resume = o.reuse && existsSync(join(checkpoint, 'model.json')) ? ['--resume'] : [];
    run(['train', '--mode', o.mode, ...words(o.train), '--out', model, '--checkpoint-dir', checkpoint, '--exclude-speakers', speaker, ...resume]);
    writeFileSync(trained, `${new Date().toISOString()}\n`);
  }
  let data = testFolder(o.data, speaker, o.mode === 'word' ? limit : 0, o.out);
  if (o.mode === 'sequence') {
    data = join(o.out, `strings-${speaker}`);
    const count = String(limit || o.strings);
    if (!existsSync(data)) run(['join', '--data', o.data, '--speakers', speaker, '--count', count, '--digits', '2,5', '--pause-ms', '100,300', '--seed', String(o.seed + 10), '--out', data]);
  }
  const speakerArgs = o.mode === 'word' ? ['--speakers', speaker] : [];
  const out = run(['eval', '--mode', o.mode, '--data', data, ...speakerArgs, '--model', model, '--condition', o.conditions, '--seed', String(o.seed)], { capture: true });
  for (const line of out.trim().split('\n')) rows.push({ speaker, ...JSON.parse(line) });
  // Written after every fold, so that a long run stopped part-way keeps the folds it finished.
  report = writeReport();
}
process.stdout.write(report);

/** Writes results.jsonl and report.md from the folds done so far (the mean is over those) and returns the report. */
function writeReport() {
  writeFileSync(join(o.out, 'results.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

  const conditions = o.conditions.split(',');
  const folds = new Set(rows.map((r) => r.speaker)).size;
  const metric = o.mode === 'word' ? 'accuracy' : 'sequence_accuracy';
  const pct = (v) => (v === undefined ? '' : `${(100 * v).toFixed(1)}`);
  const cell = (r) => (o.mode === 'word' ? pct(r?.[metric]) : `${pct(r?.[metric])} / ${pct(r?.digit_error_rate)}`);
  const mean = (values) => values.reduce((s, v) => s + v, 0) / values.length;
  const head = o.mode === 'word' ? 'word accuracy %' : 'string accuracy % / DER %';
  const lines = [
    `Leave-one-speaker-out, ${o.mode} mode, ${head}; train: \`${o.train}\`; conditions seeded with ${o.seed}${limit ? `; at most ${limit} test items per speaker` : ''}.`,
    '',
    `| condition | ${speakers.join(' | ')} | mean${folds < speakers.length ? ` of the ${folds} folds done` : ''} |`,
    `| --- | ${speakers.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const condition of conditions) {
    const found = speakers.map((s) => rows.find((r) => r.speaker === s && r.condition === condition));
    const done = found.filter(Boolean);
    const avg = { [metric]: mean(done.map((r) => r[metric])), digit_error_rate: o.mode === 'sequence' ? mean(done.map((r) => r.digit_error_rate)) : undefined };
    lines.push(`| ${condition} | ${found.map(cell).join(' | ')} | ${cell(avg)} |`);
  }
  const text = lines.join('\n') + '\n';
  writeFileSync(join(o.out, 'report.md'), text);
  return text;
}
