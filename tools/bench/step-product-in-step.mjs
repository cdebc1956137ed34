#!/usr/bin/env node
// node tools/bench/step-product-in-step.mjs [lstm|gru] [--rows 1,4,16,32] [--steps N] [--from DIR]
//
// A per-step recurrent product inside a training step against the same product alone: one-thread
// DataParallelTrainer steps of the lstm/gru bench model (64 steps, 96 symbols, 256 units, wasm) with
// TfjsStepProduct.run wrapped to time every call, then, in the same process, the same product (operand tensor,
// matMul by the layer's recurrent kernel, read back, free) called back to back. Both as wall and as process CPU
// µs per call; on a quiet machine the wall figures are the ones to read (process CPU includes V8's background
// threads). A gap that stays when the rows shrink is a fixed cost per call that a product alone does not have:
// e.g. the packed weights (1 MB for the LSTM) evicted from cache by the step's other work between products.
// `--from DIR` measures another build of rnn-core (a directory holding its index.js). Last line: one JSON object.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { median, option } from './stats.mjs';

const require = createRequire(import.meta.url);

async function main(args) {
  const cell = args[0] && !args[0].startsWith('--') ? args[0] : 'lstm';
  if (!['lstm', 'gru'].includes(cell)) throw new Error(`cell must be lstm or gru, got "${cell}"`);
  const rowsList = option(args, 'rows', '1,4,16,32').split(',').map(Number);
  const steps = Number(option(args, 'steps', '6'));
  if (!(steps >= 1) || rowsList.some((r) => !(Number.isInteger(r) && r >= 1))) {
    throw new Error('--steps must be at least 1 and --rows a list of positive integers');
  }
  const dir = resolve(option(args, 'from', 'packages/rnn-core/dist'));
  const core = require(`${dir}/index.js`);
  const { TfjsStepProduct } = require(`${dir}/kernels/step-product.js`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  await tf.ready();

  let timing = null;
  const run = TfjsStepProduct.prototype.run;
  TfjsStepProduct.prototype.run = function timedRun(operand) {
    if (!timing) return run.call(this, operand);
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const out = run.call(this, operand);
    timing.wall += performance.now() - wall;
    const used = process.cpuUsage(cpu);
    timing.cpu += (used.user + used.system) / 1000;
    timing.calls++;
    return out;
  };

  const [T, V, H] = [64, 96, 256];
  const result = {};
  for (const rows of rowsList) {
    const model = new core.SequenceModel({ input: { type: 'tokens', vocabSize: V }, layers: [{ cell, units: H }], output: { units: V }, outputMode: 'sequence', seed: 1 });
    const ids = Int32Array.from({ length: rows * T }, (_, i) => (i * 7919) % V);
    const batch = () => ({ input: { data: ids.slice(), shape: [rows, T] }, targets: { data: ids.map((v) => (v * 31) % V), shape: [rows, T] } });
    const losses = { loss: 'softmaxCrossEntropy' };
    const trainer = await core.DataParallelTrainer.start({
      threads: 1,
      replica: core.sequenceReplicaSpec(model, losses),
      local: core.sequenceReplica(model, losses),
      optimizer: core.createOptimizer({ name: 'adam', learningRate: 1e-3 }),
    });
    for (let i = 0; i < 3; i++) await trainer.step(batch());
    const inStep = { wall: [], cpu: [] };
    for (let i = 0; i < steps; i++) {
      timing = { wall: 0, cpu: 0, calls: 0 };
      await trainer.step(batch());
      inStep.wall.push((1000 * timing.wall) / timing.calls);
      inStep.cpu.push((1000 * timing.cpu) / timing.calls);
    }
    timing = null;
    await trainer.close();

    // The same forward product alone, by the layer's trained recurrent kernel.
    const G = cell === 'lstm' ? 4 : 3;
    const u = model.weights.find((w) => w.shape[0] === H && w.shape[1] === G * H); // the recurrent kernel [H, G·H]
    const product = new TfjsStepProduct(u, rows);
    product.operand.set(Float32Array.from({ length: product.operand.length }, (_, i) => Math.sin(i)));
    const calls = 64 * steps;
    for (let i = 0; i < calls; i++) product.run();
    const wall = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < calls; i++) product.run();
    const used = process.cpuUsage(cpu);
    const alone = { wall: (1000 * (performance.now() - wall)) / calls, cpu: (used.user + used.system) / calls };
    model.dispose();

    result[rows] = { in_step_wall_us: median(inStep.wall), in_step_cpu_us: median(inStep.cpu), alone_wall_us: alone.wall, alone_cpu_us: alone.cpu };
    const r = result[rows];
    process.stderr.write(
      `${cell}, ${rows} rows: µs per product in a step ${r.in_step_wall_us.toFixed(1)} wall / ${r.in_step_cpu_us.toFixed(1)} CPU (median of ${steps} steps); alone ${alone.wall.toFixed(1)} / ${alone.cpu.toFixed(1)}\n`,
    );
  }
  console.log(JSON.stringify({ cell, steps, rows: result }, (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`step-product-in-step: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
