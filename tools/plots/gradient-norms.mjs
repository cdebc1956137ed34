#!/usr/bin/env node
// Draws ‖∂L/∂h_t‖ against t for four recurrent layers on one long-dependency batch (loss at the last of 50
// steps), as an SVG with a logarithmic y axis: vanishing and exploding gradients at a glance.
//
//   npm run build && node tools/plots/gradient-norms.mjs [out.svg]   (default packages/rnn-core/docs/gradient-norms.svg)
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const core = require('@rnnkit/rnn-core');
const { tf } = core;
const out = process.argv[2] ?? 'packages/rnn-core/docs/gradient-norms.svg';
const T = 50;

await core.selectBackend({ log: null });

function norms({ cell, forgetBias, recurrentScale = 1, inputScale = 1 }) {
  const model = new core.SequenceModel({
    input: { type: 'features', size: 4 },
    layers: [{ cell, units: 32, forgetBias }],
    output: { units: 2 },
    outputMode: 'last',
    seed: 1,
  });
  const rk = model.namedWeights.find((w) => w.name === 'layers/0/recurrent_kernel').variable;
  rk.assign(tf.mul(rk, recurrentScale));
  const input = tf.randomUniform([16, T, 4], -inputScale, inputScale, 'float32', 5);
  const targets = tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 2), 'int32');
  const result = core.gradientNormsThroughTime(model, { input, targets }, core.softmaxCrossEntropy);
  tf.dispose([input, targets]);
  model.dispose();
  const last = result[T - 1];
  return result.map((n) => n / last); // relative to the step where the loss is
}

const series = [
  { label: 'SimpleRNN, recurrent weights ×2, small inputs: explodes', color: '#d62728', values: norms({ cell: 'simpleRNN', recurrentScale: 2, inputScale: 0.01 }) },
  { label: 'SimpleRNN (orthogonal init): vanishes', color: '#ff7f0e', values: norms({ cell: 'simpleRNN' }) },
  { label: 'LSTM, forget bias 1: vanishes at first', color: '#7f7f7f', values: norms({ cell: 'lstm', forgetBias: 1 }) },
  { label: 'LSTM, forget bias 3 (gate open): carries', color: '#1f77b4', values: norms({ cell: 'lstm', forgetBias: 3 }) },
];

const W = 720, H = 420, left = 70, right = 20, top = 40, bottom = 120;
const all = series.flatMap((s) => s.values).filter((v) => v > 0);
const lo = Math.floor(Math.log10(Math.min(...all)));
const hi = Math.ceil(Math.log10(Math.max(...all)));
const x = (t) => left + (t / (T - 1)) * (W - left - right);
const y = (v) => top + ((hi - Math.log10(v)) / (hi - lo)) * (H - top - bottom);
const parts = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
  `<rect width="${W}" height="${H}" fill="white"/>`,
  `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">‖∂L/∂hₜ‖ relative to the last step (loss at t = ${T - 1})</text>`,
];
for (let e = lo; e <= hi; e++) {
  parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" stroke="#ddd"/>`);
  parts.push(`<text x="${left - 6}" y="${y(10 ** e) + 4}" text-anchor="end">1e${e}</text>`);
}
for (let t = 0; t < T; t += 10) parts.push(`<text x="${x(t)}" y="${H - bottom + 16}" text-anchor="middle">${t}</text>`);
parts.push(`<text x="${(left + W - right) / 2}" y="${H - bottom + 34}" text-anchor="middle">time step t</text>`);
parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${H - bottom}" stroke="#333"/>`);
parts.push(`<line x1="${left}" x2="${W - right}" y1="${H - bottom}" y2="${H - bottom}" stroke="#333"/>`);
series.forEach((s, k) => {
  const points = s.values.map((v, t) => `${x(t).toFixed(1)},${y(Math.max(v, 10 ** lo)).toFixed(1)}`).join(' ');
  parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points}"/>`);
  const ly = H - bottom + 56 + k * 16;
  parts.push(`<line x1="${left}" x2="${left + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"/>`);
  parts.push(`<text x="${left + 30}" y="${ly}">${s.label} (step 0: ${s.values[0].toExponential(1)})</text>`);
});
parts.push('</svg>');
writeFileSync(out, `${parts.join('\n')}\n`);
console.error(`wrote ${out}`);
