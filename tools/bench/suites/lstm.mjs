// `npm run bench -- lstm [--backend cpu|wasm] [--runs N] [--layers-runs N] [--no-layers] [--torch]`
//
// One training step of the DESIGN.md config — batch 32, 64 steps, 96-symbol one-hot input, a 256-unit recurrent
// layer, a dense 96-way softmax on every step, cross-entropy, Adam — timed three ways on the same data:
//   engine      rnn-core's recurrentSequence (fused BPTT) + denseSoftmaxCrossEntropy, tf.train.adam
//   model API   the same through SequenceModel + trainStep + softmaxCrossEntropy (what users write)
//   tf.layers   tf.layers.lstm/gru (recurrentActivation 'sigmoid', like-for-like) + dense softmax, trainOnBatch
//   torch       tools/bench/torch/rnn_step.py under Debian's python3-torch, one thread (with --torch)
// and, as a floor, the step's unavoidable matrix products alone on the same backend (products-floor.mjs).
// Engine: 2 warm-up steps, then the median of --runs (default 5). tf.layers takes seconds per step, so it gets
// 1 warm-up and the median of --layers-runs (default 3). torch: 3 warm-up, median of 7, in its own process.
// Each is reported as wall time (the contract's *_ms) and as process CPU time (*_cpu_ms), which other engineers'
// jobs on the shared 2-core machine disturb far less.
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

const CONFIG = { batch: 32, steps: 64, vocab: 96, units: 256, learningRate: 1e-3 };
const TORCH_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'torch', 'rnn_step.py');
const TORCH_PYTHON = '/usr/bin/python3';

/** Seeded one-hot inputs and next-symbol labels, the same for every contender. */
function makeData({ batch, steps, vocab }) {
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % vocab;
  const ids = Array.from({ length: batch }, () => Array.from({ length: steps + 1 }, next));
  const x = new Float32Array(batch * steps * vocab);
  const labels = new Int32Array(batch * steps);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      x[(b * steps + t) * vocab + ids[b][t]] = 1;
      labels[b * steps + t] = ids[b][t + 1];
    }
  }
  return { x, labels };
}

function engineTrainer(cell, resetAfter, data) {
  const { batch: B, steps: T, vocab: V, units: H } = CONFIG;
  const G = cell === 'lstm' ? 4 : 3;
  const spec = { type: cell, units: H, resetAfter };
  const uniform = (shape, scale, seed) => tf.variable(tf.randomUniform(shape, -scale, scale, 'float32', seed));
  const weights = [
    uniform([V, G * H], Math.sqrt(6 / (V + G * H)), 1),
    uniform([H, G * H], Math.sqrt(6 / (H + G * H)), 2),
    tf.variable(tf.zeros(resetAfter ? [2, G * H] : [G * H])),
    uniform([H, V], Math.sqrt(6 / (H + V)), 3),
    tf.variable(tf.zeros([V])),
  ];
  const [kernel, recurrentKernel, bias, denseKernel, denseBias] = weights;
  const x = tf.tensor3d(data.x, [B, T, V]);
  const initial = Array.from({ length: cell === 'lstm' ? 2 : 1 }, () => tf.zeros([B, H]));
  const optimizer = tf.train.adam(CONFIG.learningRate);
  const step = () => {
    const cost = optimizer.minimize(
      () => {
        const { outputs } = core.recurrentSequence(spec, x, kernel, recurrentKernel, bias, initial, {
          inputGradient: false,
        });
        const flat = tf.reshape(outputs, [B * T, H]);
        return core.denseSoftmaxCrossEntropy(flat, denseKernel, denseBias, data.labels);
      },
      true,
      weights,
    );
    const loss = cost.dataSync()[0];
    cost.dispose();
    return loss;
  };
  const dispose = () => {
    optimizer.dispose();
    tf.dispose([...weights, x, ...initial]);
  };
  return { step, dispose };
}

/** The same step through the public API a user writes: SequenceModel + trainStep + softmaxCrossEntropy. */
function modelApiTrainer(cell, resetAfter, data) {
  const { batch: B, steps: T, vocab: V, units: H } = CONFIG;
  const model = new core.SequenceModel({
    input: { type: 'tokens', vocabSize: V },
    layers: [{ cell, units: H, resetAfter }],
    output: { units: V },
    outputMode: 'sequence',
  });
  const ids = new Int32Array(B * T);
  for (let i = 0; i < B * T; i++) ids[i] = data.x.subarray(i * V, (i + 1) * V).indexOf(1);
  const batch = { input: tf.tensor2d(ids, [B, T], 'int32'), targets: tf.tensor2d(data.labels, [B, T], 'int32') };
  const optimizer = core.createOptimizer({ name: 'adam', learningRate: CONFIG.learningRate });
  const step = () => core.trainStep(model, batch, { optimizer, loss: core.softmaxCrossEntropy }).loss;
  const dispose = () => {
    optimizer.dispose();
    model.dispose();
    tf.dispose(Object.values(batch));
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

function runTorch(cell) {
  if (!existsSync(TORCH_PYTHON)) return { torch: `unavailable: ${TORCH_PYTHON} not found` };
  const r = spawnSync(TORCH_PYTHON, [TORCH_SCRIPT, '--cell', cell], { encoding: 'utf8' });
  if (r.status !== 0) {
    const why = /No module named 'torch'/.test(r.stderr) ? 'python3-torch is not installed (apt-get install python3-torch)' : r.stderr.trim().split('\n').pop();
    return { torch: `unavailable: ${why}` };
  }
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  return { torch_ms: out.torch_ms, torch_cpu_ms: out.torch_cpu_ms, torch_version: out.torch_version, torch_blas: out.blas };
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
  const data = makeData(CONFIG);
  const log = (line) => process.stderr.write(`${line}\n`);
  log(`${cell}: batch ${CONFIG.batch}, ${CONFIG.steps} steps, vocab ${CONFIG.vocab} one-hot, ${CONFIG.units} units, dense softmax, Adam — ${backend}`);

  // torch first, then the engine straight after it: the ratio of the two is the figure that matters, and the
  // machine's load drifts over minutes.
  const torch = args.includes('--torch') ? runTorch(cell) : { torch: 'not run (pass --torch)' };

  const engine = engineTrainer(cell, resetAfter, data);
  const { ms: engineMs, cpuMs: engineCpuMs } = await timeSteps(engine.step, { warmup: 2, runs });
  const engineLoss = engine.step();
  engine.dispose();

  const api = modelApiTrainer(cell, resetAfter, data);
  const { ms: apiMs, cpuMs: apiCpuMs } = await timeSteps(api.step, { warmup: 2, runs });
  api.dispose();

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
  row('engine', engineMs, engineCpuMs, `median of ${runs}; loss after ${runs + 3} steps ${engineLoss.toFixed(4)}`);
  row('model API', apiMs, apiCpuMs, `median of ${runs}; SequenceModel + trainStep + softmaxCrossEntropy`);
  row('products', floorMs, floorCpuMs, `median of ${runs}; the step's matrix products alone: ${round(floor.flops / floorMs / 1e6)} GFLOP/s`);
  row(
    'tf.layers',
    layersMs,
    layersCpuMs,
    layersMs == null ? 'skipped (--no-layers)' : `median of ${layersRuns}; ${round(layersMs / engineMs)}× the engine's time`,
  );
  row(
    'torch',
    torch.torch_ms ?? null,
    torch.torch_cpu_ms ?? null,
    torch.torch_ms ? `engine takes ${round(engineMs / torch.torch_ms, 2)}× as long (${torch.torch_blas} BLAS)` : torch.torch,
  );

  const result = {
    suite: cell,
    backend,
    ...(cell === 'gru' ? { reset_after: resetAfter } : {}),
    engine_ms: round(engineMs),
    tfjs_layers_ms: layersMs == null ? null : round(layersMs),
    speedup: layersMs == null ? null : round(layersMs / engineMs),
    engine_cpu_ms: round(engineCpuMs),
    model_api_ms: round(apiMs),
    model_api_cpu_ms: round(apiCpuMs),
    tfjs_layers_cpu_ms: layersCpuMs == null ? null : round(layersCpuMs),
    products_ms: round(floorMs),
    products_cpu_ms: round(floorCpuMs),
    products_speedup: layersMs == null ? null : round(layersMs / floorMs),
  };
  if (torch.torch_ms) {
    return {
      ...result,
      torch_ms: torch.torch_ms,
      torch_ratio: round(engineMs / torch.torch_ms, 2),
      torch_cpu_ms: torch.torch_cpu_ms,
      torch_cpu_ratio: round(engineCpuMs / torch.torch_cpu_ms, 2),
      torch_blas: torch.torch_blas,
    };
  }
  return { ...result, torch: torch.torch };
}

export async function run(args) {
  return recurrentTrainingSuite('lstm', args);
}
