// `npm run bench -- lstm [--backend cpu|wasm] [--threads N] [--runs N] [--layers-runs N] [--no-layers] [--torch]`
//
// One training step of the DESIGN.md config — batch 32, 64 steps, 96-symbol one-hot input, a 256-unit recurrent
// layer, a dense 96-way softmax on every step, cross-entropy, Adam — timed on the same data by:
//   engine Nt   SequenceModel + softmaxCrossEntropy through rnn-core's DataParallelTrainer on --threads threads
//               (default: defaultThreads(), i.e. RNNKIT_THREADS or every core): the rows cut across threads
//   engine 1t   the same with one thread (no worker: exactly trainStep, what users write)
//   kernel      rnn-core's recurrentSequence (fused BPTT) + denseSoftmaxCrossEntropy, tf.train.adam, one thread
//   tf.layers   tf.layers.lstm/gru (recurrentActivation 'sigmoid', like-for-like) + dense softmax, trainOnBatch
//   torch       tools/bench/torch/rnn_step.py under Debian's python3-torch, with 1 thread and with 2 (--torch)
// and, as a floor, the step's unavoidable matrix products alone on the same backend (products-floor.mjs).
// Engine rows: 2 warm-up steps, then the median of --runs (default 5). tf.layers takes seconds per step, so it
// gets 1 warm-up and the median of --layers-runs (default 3). torch: 3 warm-up, median of 7, in its own process.
// Each is reported as wall time (the contract's *_ms) and as process CPU time (*_cpu_ms: all threads of the
// process summed, so a 2-thread row shows the work of both), which others' jobs on a shared machine disturb less.
// The last line's figures: engine_ms (all threads), engine_1t_ms, torch_ms (1 thread), torch_2t_ms,
// torch_best_ratio = engine_ms / the faster PyTorch, torch_ratio = engine_ms / torch_ms; kernel_ms, model_api_ms
// (= engine_1t_ms, its older name), products_ms, tfjs_layers_ms and speedup = tfjs_layers_ms / engine_ms.
// Build rnn-core first: npx tsc -p packages/rnn-core/tsconfig.lib.json
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as core from '@rnnkit/rnn-core';
import { productsFloorStep } from '../products-floor.mjs';
import { median, option } from '../stats.mjs';
import { STEP_CONFIG as CONFIG, kernelStep, makeStepData } from '../recurrent-step.mjs';

const TORCH_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'torch', 'rnn_step.py');
const TORCH_PYTHON = '/usr/bin/python3';


/**
 * The same step through the public API a user writes — SequenceModel + softmaxCrossEntropy + Adam — run by a
 * DataParallelTrainer on `threads` threads (with 1, no worker starts and each step is trainStep).
 */
async function modelApiTrainer(cell, resetAfter, data, threads) {
  const { batch: B, steps: T, vocab: V, units: H } = CONFIG;
  const model = new core.SequenceModel({
    input: { type: 'tokens', vocabSize: V },
    layers: [{ cell, units: H, resetAfter }],
    output: { units: V },
    outputMode: 'sequence',
  });
  const ids = new Int32Array(B * T);
  for (let i = 0; i < B * T; i++) ids[i] = data.x.subarray(i * V, (i + 1) * V).indexOf(1);
  const batch = { input: { data: ids, shape: [B, T] }, targets: { data: data.labels, shape: [B, T] } };
  const optimizer = core.createOptimizer({ name: 'adam', learningRate: CONFIG.learningRate });
  const loss = 'softmaxCrossEntropy';
  const trainer = await core.DataParallelTrainer.start({
    threads,
    replica: core.sequenceReplicaSpec(model, { loss }),
    local: core.sequenceReplica(model, { loss }),
    optimizer,
  });
  const step = async () => (await trainer.step(batch)).loss;
  const dispose = async () => {
    await trainer.close();
    optimizer.dispose();
    model.dispose();
  };
  return { step, dispose };
}

function layersTrainer(cell, data) {
  const { batch: B, steps: T, vocab: V, units: H } = CONFIG;
  const recurrent = cell === 'lstm' ? tfl.layers.lstm : tfl.layers.gru;
  const model = tfl.sequential({
    layers: [
      // glorotUniform, not the default orthogonal: tfjs-layers' orthogonal initializer calls a chained tensor
      // method that tfjs-core's Node build does not register. Initial values do not change the step time.
      recurrent({
        units: H,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        recurrentInitializer: 'glorotUniform',
        inputShape: [T, V],
      }),
      tfl.layers.dense({ units: V, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(CONFIG.learningRate), loss: 'categoricalCrossentropy' });
  const x = tf.tensor3d(data.x, [B, T, V]);
  const y = tf.tidy(() => tf.reshape(tf.oneHot(tf.tensor1d(data.labels, 'int32'), V), [B, T, V]));
  const step = async () => model.trainOnBatch(x, y);
  const dispose = () => {
    model.dispose();
    tf.dispose([x, y]);
  };
  return { step, dispose };
}

/** PyTorch's step on `threads` threads, in its own process: { ms, cpuMs, version, blas } or { unavailable }. */
function runTorch(cell, threads) {
  if (!existsSync(TORCH_PYTHON)) return { unavailable: `unavailable: ${TORCH_PYTHON} not found` };
  const r = spawnSync(TORCH_PYTHON, [TORCH_SCRIPT, '--cell', cell, '--threads', String(threads)], { encoding: 'utf8' });
  if (r.status !== 0) {
    const why = /No module named 'torch'/.test(r.stderr) ? 'python3-torch is not installed (apt-get install python3-torch)' : r.stderr.trim().split('\n').pop();
    return { unavailable: `unavailable: ${why}` };
  }
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ms: out.torch_ms, cpuMs: out.torch_cpu_ms, version: out.torch_version, blas: out.blas };
}

/**
 * Warm-up calls, then the medians of wall time and of this process's CPU time over `runs` calls. On a machine
 * shared with other jobs the wall time swings with their load; CPU time (user + system, all threads) does less.
 */
async function timeSteps(fn, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) await fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(cpuStart);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu) };
}

const round = (v, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The suite body shared by `lstm` and `gru`. */
export async function recurrentTrainingSuite(cell, args) {
  const backend = option(args, 'backend', 'wasm');
  if (typeof core.DataParallelTrainer !== 'function') {
    throw new Error('the built @rnnkit/rnn-core has no DataParallelTrainer: rebuild it (npx tsc -p packages/rnn-core/tsconfig.lib.json)');
  }
  const threads = Number(option(args, 'threads', String(core.defaultThreads())));
  if (!(Number.isInteger(threads) && threads >= 1)) throw new Error(`--threads must be a positive integer, got "${option(args, 'threads')}"`);
  const runs = Number(option(args, 'runs', '5'));
  const layersRuns = Number(option(args, 'layers-runs', '3'));
  const resetAfter = cell === 'gru' && args.includes('--reset-after');
  if (!['cpu', 'wasm'].includes(backend)) throw new Error(`--backend must be cpu or wasm, got "${backend}"`);
  if (!(runs >= 1 && layersRuns >= 1)) throw new Error('--runs and --layers-runs must be at least 1');
  if (typeof core.denseSoftmaxCrossEntropy !== 'function') {
    throw new Error(
      'the built @rnnkit/rnn-core has no denseSoftmaxCrossEntropy export: export it from packages/rnn-core/src/index.ts ' +
        'and rebuild (npx tsc -p packages/rnn-core/tsconfig.lib.json)',
    );
  }
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to initialise`);
  await tf.ready();
  const data = makeStepData(CONFIG);
  const log = (line) => process.stderr.write(`${line}\n`);
  log(`${cell}: batch ${CONFIG.batch}, ${CONFIG.steps} steps, vocab ${CONFIG.vocab} one-hot, ${CONFIG.units} units, dense softmax, Adam — ${backend}`);

  // torch first, then the engine straight after it: the ratio of the two is the figure that matters, and the
  // machine's load drifts over minutes.
  const withTorch = args.includes('--torch');
  const torch1 = withTorch ? runTorch(cell, 1) : { unavailable: 'not run (pass --torch)' };
  const torch2 = withTorch && torch1.ms ? runTorch(cell, 2) : torch1;

  const parallel = await modelApiTrainer(cell, resetAfter, data, threads);
  const { ms: engineMs, cpuMs: engineCpuMs } = await timeSteps(parallel.step, { warmup: 2, runs });
  const engineLoss = await parallel.step();
  await parallel.dispose();

  const single = await modelApiTrainer(cell, resetAfter, data, 1);
  const { ms: oneMs, cpuMs: oneCpuMs } = await timeSteps(single.step, { warmup: 2, runs });
  const oneLoss = await single.step();
  await single.dispose();

  const kernel = kernelStep(tf, core, cell, resetAfter, data);
  const { ms: kernelMs, cpuMs: kernelCpuMs } = await timeSteps(kernel.step, { warmup: 2, runs });
  kernel.dispose();

  const floor = productsFloorStep(CONFIG, cell === 'lstm' ? 4 : 3);
  const { ms: floorMs, cpuMs: floorCpuMs } = await timeSteps(floor.step, { warmup: 2, runs });
  floor.dispose();

  let layersMs = null;
  let layersCpuMs = null;
  if (!args.includes('--no-layers')) {
    const layers = layersTrainer(cell, data);
    ({ ms: layersMs, cpuMs: layersCpuMs } = await timeSteps(layers.step, { warmup: 1, runs: layersRuns }));
    layers.dispose();
  }

  const ms = (v) => (v == null ? '—'.padStart(9) : `${v.toFixed(1).padStart(9)}`);
  const row = (name, wall, cpu, note) => log(`  ${name.padEnd(10)} ${ms(wall)} ${ms(cpu)}   ${note}`);
  log(`  ${''.padEnd(10)} ${'wall ms'.padStart(9)} ${'cpu ms'.padStart(9)}`);
  row(`engine ${threads}t`, engineMs, engineCpuMs, `median of ${runs}; DataParallelTrainer, ${threads} threads; loss after ${runs + 3} steps ${engineLoss.toFixed(4)}`);
  row('engine 1t', oneMs, oneCpuMs, `median of ${runs}; SequenceModel + trainStep; loss after ${runs + 3} steps ${oneLoss.toFixed(4)}; ${round(oneMs / engineMs, 2)}× the ${threads}-thread time`);
  row('kernel', kernelMs, kernelCpuMs, `median of ${runs}; recurrentSequence + denseSoftmaxCrossEntropy, one thread`);
  row('products', floorMs, floorCpuMs, `median of ${runs}; the step's matrix products alone: ${round(floor.flops / floorMs / 1e6)} GFLOP/s`);
  row(
    'tf.layers',
    layersMs,
    layersCpuMs,
    layersMs == null ? 'skipped (--no-layers)' : `median of ${layersRuns}; ${round(layersMs / engineMs)}× the engine's time`,
  );
  for (const [name, t] of [['torch 1t', torch1], ['torch 2t', torch2]]) {
    row(name, t.ms ?? null, t.cpuMs ?? null, t.ms ? `engine ${threads}t takes ${round(engineMs / t.ms, 2)}× as long (${t.blas} BLAS)` : t.unavailable);
  }

  const result = {
    suite: cell,
    backend,
    ...(cell === 'gru' ? { reset_after: resetAfter } : {}),
    threads,
    engine_ms: round(engineMs),
    engine_1t_ms: round(oneMs),
    threads_speedup: round(oneMs / engineMs, 2),
    tfjs_layers_ms: layersMs == null ? null : round(layersMs),
    speedup: layersMs == null ? null : round(layersMs / engineMs),
    engine_cpu_ms: round(engineCpuMs),
    engine_1t_cpu_ms: round(oneCpuMs),
    kernel_ms: round(kernelMs),
    kernel_cpu_ms: round(kernelCpuMs),
    model_api_ms: round(oneMs),
    tfjs_layers_cpu_ms: layersCpuMs == null ? null : round(layersCpuMs),
    products_ms: round(floorMs),
    products_cpu_ms: round(floorCpuMs),
    products_speedup: layersMs == null ? null : round(layersMs / floorMs),
  };
  if (torch1.ms) {
    const best = torch2.ms ? Math.min(torch1.ms, torch2.ms) : torch1.ms;
    return {
      ...result,
      torch_ms: torch1.ms,
      torch_2t_ms: torch2.ms ?? null,
      torch_best_ratio: round(engineMs / best, 2),
      torch_ratio: round(engineMs / torch1.ms, 2),
      torch_cpu_ms: torch1.cpuMs,
      torch_2t_cpu_ms: torch2.cpuMs ?? null,
      torch_cpu_ratio: round(engineCpuMs / torch1.cpuMs, 2),
      torch_blas: torch1.blas,
      ...(torch2.ms ? {} : { torch_2t: torch2.unavailable }),
    };
  }
  return { ...result, torch: torch1.unavailable };
}

export async function run(args) {
  return recurrentTrainingSuite('lstm', args);
}
