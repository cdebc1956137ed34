#!/usr/bin/env node
// node tools/bench/profile-step.mjs [lstm|gru] [--steps N] [--interval-us N] [--reset-after] [--from DIR] [--top N]
//
// Where one training step of the `lstm`/`gru` bench config goes (batch 32, 64 steps, 96-symbol one-hot input,
// 256 units, dense 96-way softmax cross-entropy on every step, Adam; wasm backend): V8's sampling CPU profiler
// (node:inspector, the same data as `node --cpu-prof`) records N steps after two warm-up steps, and every sample
// is charged to one part of the step by its call stack:
//
//   recurrent products  XNNPACK's code (wasm frames) under a per-step product (TfjsStepProduct.run)
//   product tensors     the rest of a per-step product: making the operand and result tensors, reading the
//                       result back, disposing, tfjs's bookkeeping
//   gate maths          the cells' own code (kernels/*-cell.js, activations.js): sigmoid, tanh, their gradients,
//                       the elementwise products
//   sequence copies     the sequence kernel's loops (state and tape copies, transposed gate gradients, masks),
//                       the recurrent op's reshuffles (time-major swap, one-hot row gather and scatter, sums, the
//                       split of its packed outputs) and the zeroing of pooled arrays
//   weight products     products outside the time loop in the recurrent op (recurrent kernel gradient)
//   dense + loss        denseSoftmaxCrossEntropy, forward and backward
//   optimizer           Adam's update (under Optimizer.applyGradients)
//   gc                  V8's garbage collector
//   other               everything else (tfjs's gradient tape, tensor glue, the benchmark loop)
//
// The shares are of samples, i.e. of the time the main thread was running: on a machine shared with other work
// they hold better than wall time, but sampling has its own noise (a few per cent). `--from DIR` profiles another
// build of rnn-core (a directory holding its index.js), to compare two versions on the same command.
import { Session } from 'node:inspector';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { option } from './stats.mjs';
import { kernelStep } from './recurrent-step.mjs';

const PARTS = [
  'recurrent products',
  'product tensors',
  'gate maths',
  'sequence copies',
  'weight products',
  'dense + loss',
  'optimizer',
  'gc',
  'other',
];

const post = (session, method, params = {}) =>
  new Promise((done, fail) => session.post(method, params, (err, result) => (err ? fail(err) : done(result))));

/** The part a frame alone decides, or null when its callers decide. */
function ownPart(frame) {
  const { functionName: fn, url } = frame;
  if (fn === '(garbage collector)') return 'gc';
  if (/kernels\/(lstm|gru|simple-rnn|peephole-lstm)-cell\.js$|kernels\/activations\.js$|kernels\/gate-maths/.test(url)) {
    return 'gate maths';
  }
  if (/sequence-kernel\.js$|kernels\/(sparse-rows|transpose-rows|float32-pool|take-rows)\.js$/.test(url)) return 'sequence copies';
  if (/recurrent-op\.js$/.test(url) && /swapLeadingAxes|rowSums|takeData/.test(fn)) return 'sequence copies';
  return null;
}

/** The part a sample belongs to, from its stack (innermost first). */
function classify(stack) {
  const own = ownPart(stack[0]);
  if (own) return own;
  const inWasm = stack[0].url.startsWith('wasm://');
  for (const frame of stack) {
    const { functionName: fn, url } = frame;
    if (/step-product\.js$/.test(url)) return inWasm ? 'recurrent products' : 'product tensors';
    if (ownPart(frame) === 'gate maths') return 'gate maths'; // e.g. the SIMD module's functions, called by a cell
    if (/dense-softmax-cross-entropy\.js$/.test(url)) return 'dense + loss';
    if (/applyGradients$/.test(fn)) return 'optimizer';
    if (/recurrent-op\.js$/.test(url) && fn === 'recurrentKernelGradient') return 'weight products';
  }
  return 'other';
}

/** Milliseconds of samples per part, from a V8 CPU profile. */
function breakdown(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map();
  for (const n of profile.nodes) {
    const stack = [];
    for (let id = n.id; id !== undefined; id = parent.get(id)) stack.push(byId.get(id).callFrame);
    partOf.set(n.id, classify(stack));
  }
  const ms = Object.fromEntries(PARTS.map((p) => [p, 0]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const { callFrame } = byId.get(profile.samples[i]);
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    const t = (deltas[i + 1] ?? deltas[i]) / 1000;
    const part = partOf.get(profile.samples[i]);
    ms[part] += t;
    const name = `${part}: ${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + t);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]);
  return { ms, top };
}

async function main(args) {
  if (args.includes('--help')) {
    process.stdout.write('usage: node tools/bench/profile-step.mjs [lstm|gru] [--steps N] [--interval-us N] [--reset-after] [--from DIR] [--top N]\n');
    return;
  }
  const cell = args[0] && !args[0].startsWith('--') ? args[0] : 'lstm';
  if (!['lstm', 'gru'].includes(cell)) throw new Error(`cell must be lstm or gru, got "${cell}"`);
  const steps = Number(option(args, 'steps', '8'));
  const intervalUs = Number(option(args, 'interval-us', '200'));
  if (!(steps >= 1 && intervalUs >= 50)) throw new Error('--steps must be at least 1 and --interval-us at least 50');
  const from = option(args, 'from', null);
  const core = await import(from ? pathToFileURL(resolve(from, 'index.js')).href : '@rnnkit/rnn-core');
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  await tf.ready();
  const resetAfter = cell === 'gru' && args.includes('--reset-after');
  const trainer = kernelStep(tf, core, cell, resetAfter);
  trainer.step();
  trainer.step();

  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
  await post(session, 'Profiler.start');
  const faultsStart = process.resourceUsage().minorPageFault;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  let loss = 0;
  for (let i = 0; i < steps; i++) loss = trainer.step();
  const wallMs = (performance.now() - wallStart) / steps;
  const cpu = process.cpuUsage(cpuStart);
  const faults = (process.resourceUsage().minorPageFault - faultsStart) / steps;
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  trainer.dispose();

  const { ms, top } = breakdown(profile);
  const sampled = Object.values(ms).reduce((a, b) => a + b, 0);
  const log = (line) => process.stderr.write(`${line}\n`);
  log(`${cell}${resetAfter ? ' (reset after)' : ''}: ${steps} steps, ${wallMs.toFixed(1)} ms wall and ${((cpu.user + cpu.system) / 1000 / steps).toFixed(1)} ms CPU per step, ${Math.round(faults)} page faults per step, loss ${loss.toFixed(4)}`);
  for (const p of PARTS) log(`  ${p.padEnd(20)} ${(ms[p] / steps).toFixed(1).padStart(7)} ms  ${((100 * ms[p]) / sampled).toFixed(1).padStart(5)} %`);
  const topN = Number(option(args, 'top', '0'));
  if (topN > 0) {
    log(`  functions with the most self time (ms per step):`);
    for (const [name, t] of top.slice(0, topN)) log(`    ${(t / steps).toFixed(1).padStart(6)}  ${name}`);
  }
  const result = {
    cell,
    steps,
    wall_ms_per_step: Math.round(wallMs * 10) / 10,
    cpu_ms_per_step: Math.round(((cpu.user + cpu.system) / 1000 / steps) * 10) / 10,
    sampled_ms_per_step: Math.round((sampled / steps) * 10) / 10,
    page_faults_per_step: Math.round(faults),
    share: Object.fromEntries(PARTS.map((p) => [p, Math.round((1000 * ms[p]) / sampled) / 1000])),
  };
  console.log(JSON.stringify(result));
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`profile-step: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
