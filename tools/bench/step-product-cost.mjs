#!/usr/bin/env node
// node tools/bench/step-product-cost.mjs [--calls N] [--rows 1,4,16,32]
//
// What one per-step recurrent product costs on the wasm backend, as rnn-core's TfjsStepProduct runs it (operand
// tensor, tf.matMul by a fixed matrix, result copied out of the backend's memory, both tensors freed), against its
// rows, for the bench's shapes (h·U and dGates·Uᵀ of a 256-unit LSTM and GRU). For each shape and row count:
// CPU µs per call with one weight tensor for every call (what the engine does within a pass) and with a fresh
// weight tensor per call (what it would cost if U were handed to tfjs anew at every step: tfjs-backend-wasm caches
// the XNNPACK operator, whose creation packs the weights, by the weight tensor's id); then a least-squares line
// through the reused-weight figures: its intercept is the fixed part of a call, its slope the part per row.
// CPU time of many calls (process.cpuUsage), not wall time, so that a machine shared with other work skews it
// less; a first round of every shape is thrown away (wasm code tiers up during the first few thousand calls).
// Last line: one JSON object with all figures.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { median, option } from './stats.mjs';

const SHAPES = { 'lstm h·U': [256, 1024], 'lstm dG·Uᵀ': [1024, 256], 'gru h·U': [256, 768], 'gru dG·Uᵀ': [768, 256] };

/** Median CPU µs per call of `fn` over 3 rounds of `calls` calls. */
function cpuPerCall(fn, calls) {
  const rounds = [];
  for (let r = 0; r < 3; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) fn();
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / calls);
  }
  return median(rounds);
}

/** Intercept and slope of the least-squares line through points [x, y]. */
function fitLine(points) {
  const n = points.length;
  const sx = points.reduce((s, [x]) => s + x, 0);
  const sy = points.reduce((s, [, y]) => s + y, 0);
  const sxx = points.reduce((s, [x]) => s + x * x, 0);
  const sxy = points.reduce((s, [x, y]) => s + x * y, 0);
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return { fixed: (sy - slope * sx) / n, perRow: slope };
}

async function main(args) {
  const calls = Number(option(args, 'calls', '400'));
  const rowsList = option(args, 'rows', '1,4,16,32').split(',').map(Number);
  if (!(calls >= 10) || rowsList.some((r) => !(Number.isInteger(r) && r >= 1))) {
    throw new Error('--calls must be at least 10 and --rows a list of positive integers');
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  await tf.ready();
  const backend = tf.backend();
  const result = {};
  for (const warm of [true, false]) {
    for (const [name, [inner, cols]] of Object.entries(SHAPES)) {
      const weights = tf.randomUniform([inner, cols], -1, 1, 'float32', 3);
      const weightValues = weights.dataSync().slice();
      const row = { reused_us: {}, fresh_us: {} };
      for (const rows of rowsList) {
        const operand = Float32Array.from({ length: rows * inner }, (_, i) => Math.sin(i));
        const out = new Float32Array(rows * cols);
        const product = (matrix) => {
          const left = tf.tensor2d(operand, [rows, inner]);
          const p = tf.matMul(left, matrix);
          out.set(backend.typedArrayFromHeap(p));
          left.dispose();
          p.dispose();
        };
        row.reused_us[rows] = cpuPerCall(() => product(weights), warm ? 100 : calls);
        row.fresh_us[rows] = cpuPerCall(() => {
          const fresh = tf.tensor2d(weightValues, [inner, cols]);
          product(fresh);
          fresh.dispose();
        }, warm ? 10 : Math.max(10, calls >> 3));
      }
      weights.dispose();
      if (warm) continue;
      const { fixed, perRow } = fitLine(rowsList.map((r) => [r, row.reused_us[r]]));
      row.fixed_us = fixed;
      row.per_row_us = perRow;
      result[name] = row;
      const cells = rowsList.map((r) => `${r}: ${row.reused_us[r].toFixed(1)} / ${row.fresh_us[r].toFixed(0)}`).join(', ');
      process.stderr.write(`${name} [rows, ${inner}]·[${inner}, ${cols}]  µs per call, reused / fresh weights — ${cells}; fit: ${fixed.toFixed(1)} fixed + ${perRow.toFixed(1)} per row\n`);
    }
  }
  console.log(JSON.stringify({ calls, rows: rowsList, shapes: result }, (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`step-product-cost: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
