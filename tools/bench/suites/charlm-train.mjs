// `npm run bench -- charlm-train [--threads N] [--batch N] [--warmup S] [--window S] [--windows N] [--backend wasm|cpu]`
//
// Training speed of a character model as users run it: char-lm's trainCharModel with the shipped model's
// settings (2 × 256 GRU, embedding 32, batch 16, window 32, Adam lr 0.003, clip 5) on the first 1,000,000
// characters of the genre-interleaved Brown corpus, once on 1 thread and once on --threads threads (default:
// rnn-core's defaultThreads(), i.e. RNNKIT_THREADS or every core). Each configuration runs in its own child process,
// so its peak RSS (maxRSS, workers included) is its own. After --warmup seconds of updates (default 15), the
// characters trained in each of --windows windows of --window seconds (defaults 5 and 10) are counted; the figure
// is the median of the windows' characters per second. No validation and no periodic checkpoint run inside the
// windows (only the one before the first update).
// Last line: chars_per_s_1t, chars_per_s (on --threads), threads_speedup (their ratio; the goal is ≥ 1.7
// on 2 cores), peak_rss_mb_1t, peak_rss_mb, cores_busy_1t and cores_busy (process CPU time over wall time in
// the windows: near 1 and near the thread count when the threads work; less on a machine shared with other jobs). --batch changes the batch of both runs (e.g. 32: 16 rows per thread).
// Build first: npx tsc -p packages/rnn-core/tsconfig.lib.json && npx tsc -p packages/char-lm/tsconfig.lib.json
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, option } from '../stats.mjs';

const SHIPPED = { model: { cell: 'gru', layers: 2, hidden: 256, embedding: 32 }, seqLen: 32, learningRate: 0.003, clipNorm: 5 };
const CORPUS_CHARS = 1_000_000;

/**
 * Characters per second in each timed window, from the (time ms, update, CPU µs) marks of a run — a window runs
 * from the first mark at or after its start to the first mark at or after its end — and the cores kept busy over
 * all windows (process CPU time over wall time: about 1 for one thread, up to the thread count).
 */
export function windowRates(marks, charsPerUpdate, { warmupMs, windowMs, windows }) {
  const rates = [];
  const at = (t) => marks.find(([time]) => time >= t);
  let first = null;
  let last = null;
  for (let k = 0; k < windows; k++) {
    const from = at(marks[0][0] + warmupMs + k * windowMs);
    const to = at(marks[0][0] + warmupMs + (k + 1) * windowMs);
    if (!from || !to || to === from) break;
    rates.push(((to[1] - from[1]) * charsPerUpdate) / ((to[0] - from[0]) / 1000));
    first ??= from;
    last = to;
  }
  const coresBusy = first && last ? (last[2] - first[2]) / 1000 / (last[0] - first[0]) : null;
  return { rates, coresBusy };
}

/** One configuration, in this (child) process: trains until the last window ends, then reports. */
async function child({ threads, batch, warmupMs, windowMs, windows, backend }) {
  const { selectBackend } = await import('@rnnkit/rnn-core');
  const { loadBrownCorpus, trainCharModel } = await import('@rnnkit/char-lm');
  const used = await selectBackend({ backend, log: null });
  const text = loadBrownCorpus({ maxChars: CORPUS_CHARS, order: 'interleaved' });
  const outDir = mkdtempSync(join(tmpdir(), 'bench-charlm-'));
  const controller = new AbortController();
  const marks = [];
  const endMs = warmupMs + windows * windowMs;
  try {
    const result = await trainCharModel({
      text,
      outDir,
      model: SHIPPED.model,
      batchSize: batch,
      seqLen: SHIPPED.seqLen,
      learningRate: SHIPPED.learningRate,
      clipNorm: SHIPPED.clipNorm,
      threads,
      validationFraction: 0,
      minutes: 24 * 60,
      checkpointSeconds: 1e9,
      evalSeconds: 1e9,
      signal: controller.signal,
      onProgress: ({ step }) => {
        const cpu = process.cpuUsage();
        marks.push([performance.now(), step, cpu.user + cpu.system]);
        if (marks.at(-1)[0] - marks[0][0] >= endMs) controller.abort();
      },
    });
    const { rates, coresBusy } = windowRates(marks, batch * SHIPPED.seqLen, { warmupMs, windowMs, windows });
    if (rates.length < windows) throw new Error(`only ${rates.length} of ${windows} windows were timed`);
    return {
      backend: used,
      charsPerSecond: median(rates),
      rates,
      coresBusy,
      updates: result.state.step,
      loss: result.state.history.train.at(-1)?.[1] ?? null,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Runs `config` in a child process of this file and resolves to its report. */
function inChild(config) {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let report = null;
    proc.on('message', (m) => (report = m));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (report?.error) reject(new Error(report.error));
      else if (code !== 0 || !report) reject(new Error(`the ${config.threads}-thread run exited with status ${code} and no report`));
      else resolve(report);
    });
  });
}

const round = (v, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function run(args) {
  const { defaultThreads } = await import('@rnnkit/rnn-core');
  const threads = Number(option(args, 'threads', String(defaultThreads())));
  const batch = Number(option(args, 'batch', '16'));
  const warmupMs = 1000 * Number(option(args, 'warmup', '15'));
  const windowMs = 1000 * Number(option(args, 'window', '10'));
  const windows = Number(option(args, 'windows', '5'));
  const backend = option(args, 'backend', undefined);
  for (const [name, value] of [['threads', threads], ['batch', batch], ['windows', windows]]) {
    if (!(Number.isInteger(value) && value >= 1)) throw new Error(`--${name} must be a positive integer, got "${option(args, name)}"`);
  }
  if (!(warmupMs >= 0 && windowMs > 0)) throw new Error('--warmup must be ≥ 0 seconds and --window > 0 seconds');
  const log = (line) => process.stderr.write(`${line}\n`);
  log(`charlm-train: 2 × 256 GRU, batch ${batch}, window 32, ${CORPUS_CHARS.toLocaleString('en-US')} Brown characters; ` +
    `${warmupMs / 1000} s warm-up, then ${windows} windows of ${windowMs / 1000} s`);
  const base = { batch, warmupMs, windowMs, windows, backend };
  const one = await inChild({ ...base, threads: 1 });
  const describe = (name, r) =>
    log(`  ${name}: ${round(r.charsPerSecond).toLocaleString('en-US')} chars/s (windows ${r.rates.map((v) => round(v)).join(', ')}), ` +
      `${round(r.coresBusy, 2)} cores busy, peak RSS ${round(r.peakRssMb)} MB, ${r.updates} updates`);
  describe('1 thread', one);
  const all = threads === 1 ? one : await inChild({ ...base, threads });
  if (threads > 1) describe(`${threads} threads`, all);
  return {
    suite: 'charlm-train',
    backend: one.backend,
    model: 'gru 2x256, embedding 32',
    batch,
    seq_len: SHIPPED.seqLen,
    threads,
    chars_per_s_1t: round(one.charsPerSecond),
    chars_per_s: round(all.charsPerSecond),
    threads_speedup: round(all.charsPerSecond / one.charsPerSecond, 2),
    peak_rss_mb_1t: round(one.peakRssMb),
    peak_rss_mb: round(all.peakRssMb),
    cores_busy_1t: round(one.coresBusy, 2),
    cores_busy: round(all.coresBusy, 2),
    windows,
    window_s: windowMs / 1000,
    warmup_s: warmupMs / 1000,
  };
}

if (process.argv[2] === '--child') {
  child(JSON.parse(process.argv[3])).then(
    (report) => process.send(report, () => process.exit(0)),
    (err) => process.send({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
  );
}
