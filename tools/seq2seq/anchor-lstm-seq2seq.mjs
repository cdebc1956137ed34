#!/usr/bin/env node
// The anchor: the recipe of Keras's lstm_seq2seq example (and TensorFlow.js's `translation` example after it) —
// a character-level LSTM encoder-decoder, 256 units, no attention, one-hot characters, RMSprop, categorical
// cross-entropy, teacher forcing, greedy character-by-character decoding — built and trained with tf.layers on the
// en-fr task's training pairs for a wall-clock budget, then scored on the task's test sentences exactly as
// `seq2seq-demo eval --task en-fr` scores our model (corpus BLEU-4 with all references, 13a tokens; exact match).
//
//   node tools/seq2seq/split-tatoeba.mjs --out /tmp/tatoeba-split
//   node tools/seq2seq/anchor-lstm-seq2seq.mjs --data /tmp/tatoeba-split --minutes 55 [--n 2000] [--seed 0]
//
// Progress goes to stderr; the last stdout line is one JSON object with the figures. Written from the recipe's
// description; two departures, both in the anchor's favour: batches hold pairs of similar length and are padded to
// their own longest pair (not to the longest pair of the data set), and characters never seen in training are
// skipped at test time instead of failing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { corpusBleu, exactMatch } from '@rnnkit/seq2seq';

const UNITS = 256;
const BATCH = 64;
const START = '\t';
const END = '\n';

function fail(message, code = 2) {
  process.stderr.write(`anchor-lstm-seq2seq: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const flags = { data: null, minutes: null, n: 2000, seed: 0, predictions: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) fail(`${name} needs a value`);
    if (name === '--data') flags.data = value;
    else if (name === '--predictions') flags.predictions = value;
    else if (name === '--minutes' || name === '--n' || name === '--seed') {
      const x = Number(value);
      if (!Number.isFinite(x) || x < 0 || (name !== '--minutes' && !Number.isInteger(x))) fail(`${name} must be a number ≥ 0, got "${value}"`);
      flags[name.slice(2)] = x;
    } else fail(`unknown option ${name}; usage: --data DIR --minutes M [--n N] [--seed S] [--predictions FILE]`);
  }
  if (!flags.data || flags.minutes === null) fail('--data DIR (from split-tatoeba.mjs) and --minutes M are required');
  return flags;
}

function readTsv(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
  } catch (err) {
    fail(`cannot read ${file} (${err.code}); make it with tools/seq2seq/split-tatoeba.mjs`);
  }
}

/** mulberry32: a seeded uniform generator in [0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function charIndex(texts) {
  const chars = [...new Set(texts.flatMap((t) => Array.from(t)))].sort();
  return new Map(chars.map((c, i) => [c, i]));
}

/** One-hot [batch, length, size] of texts (unknown characters left as zero rows), padded with zero rows. */
function oneHot(texts, index, length) {
  const data = new Float32Array(texts.length * length * index.size);
  texts.forEach((text, b) => {
    Array.from(text).slice(0, length).forEach((c, t) => {
      const k = index.get(c);
      if (k !== undefined) data[(b * length + t) * index.size + k] = 1;
    });
  });
  return tf.tensor3d(data, [texts.length, length, index.size]);
}

function buildModels(numEncoder, numDecoder) {
  const encoderInputs = tf.input({ shape: [null, numEncoder] });
  const [, stateH, stateC] = tf.layers.lstm({ units: UNITS, returnState: true }).apply(encoderInputs);
  const decoderInputs = tf.input({ shape: [null, numDecoder] });
  const decoderLstm = tf.layers.lstm({ units: UNITS, returnSequences: true, returnState: true });
  const [decoderOutputs] = decoderLstm.apply(decoderInputs, { initialState: [stateH, stateC] });
  const decoderDense = tf.layers.dense({ units: numDecoder, activation: 'softmax' });
  const training = tf.model({ inputs: [encoderInputs, decoderInputs], outputs: decoderDense.apply(decoderOutputs) });
  training.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'categoricalCrossentropy' });

  const encoder = tf.model({ inputs: encoderInputs, outputs: [stateH, stateC] });
  const inH = tf.input({ shape: [UNITS] });
  const inC = tf.input({ shape: [UNITS] });
  const [out, h, c] = decoderLstm.apply(decoderInputs, { initialState: [inH, inC] });
  const decoder = tf.model({ inputs: [decoderInputs, inH, inC], outputs: [decoderDense.apply(out), h, c] });
  return { training, encoder, decoder };
}

/** Endless batches of similar-length pairs: draw 50 batches' worth, sort by length, cut, shuffle. */
function* batches(pairs, random) {
  for (;;) {
    const drawn = Array.from({ length: BATCH * 50 }, () => pairs[Math.floor(random() * pairs.length)]);
    drawn.sort((a, b) => a[0].length - b[0].length || a[1].length - b[1].length);
    const cut = [];
    for (let i = 0; i < drawn.length; i += BATCH) cut.push(drawn.slice(i, i + BATCH));
    for (let i = cut.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [cut[i], cut[j]] = [cut[j], cut[i]];
    }
    yield* cut;
  }
}

function greedyDecode(models, sources, inIndex, outIndex, outChars, maxLength) {
  const results = new Array(sources.length);
  const order = sources.map((_, i) => i).sort((a, b) => sources[a].length - sources[b].length);
  for (let s = 0; s < order.length; s += 256) {
    const chunk = order.slice(s, s + 256);
    const longest = Math.max(1, ...chunk.map((i) => Array.from(sources[i]).length));
    const texts = chunk.map(() => '');
    const done = chunk.map(() => false);
    let [h, c] = tf.tidy(() => {
      const x = oneHot(chunk.map((i) => sources[i]), inIndex, longest);
      return models.encoder.predict(x);
    });
    let previous = chunk.map(() => START);
    for (let t = 0; t < maxLength && done.includes(false); t++) {
      const [probs, h2, c2] = tf.tidy(() => models.decoder.predict([oneHot(previous, outIndex, 1), h, c]));
      const best = tf.tidy(() => probs.squeeze([1]).argMax(-1));
      const ids = best.dataSync();
      tf.dispose([probs, best, h, c]);
      [h, c] = [h2, c2];
      previous = Array.from(ids, (id, k) => {
        const ch = outChars[id];
        if (!done[k]) {
          if (ch === END) done[k] = true;
          else texts[k] += ch;
        }
        return ch;
      });
    }
    tf.dispose([h, c]);
    chunk.forEach((i, k) => (results[i] = texts[k]));
  }
  return results;
}

async function main() {
  const flags = parseArgs(process.argv.slice(2));
  await tf.setBackend('wasm');
  tf.enableProdMode();
  const train = readTsv(path.join(flags.data, 'train.tsv'));
  const test = readTsv(path.join(flags.data, 'test.tsv')).slice(0, flags.n);
  if (train.length === 0 || test.length === 0) fail(`${flags.data}: train.tsv or test.tsv is empty`);
  const inIndex = charIndex(train.map((p) => p[0]));
  const outIndex = charIndex([START + END, ...train.map((p) => p[1])]);
  const outChars = [...outIndex.keys()];
  const maxTarget = Math.max(...train.map((p) => Array.from(p[1]).length)) + 1;
  const models = buildModels(inIndex.size, outIndex.size);
  const parameters = models.training.countParams();
  process.stderr.write(
    `anchor: tf.layers on ${tf.getBackend()}, ${train.length} training pairs, ${inIndex.size} → ${outIndex.size} characters, ` +
      `${parameters} parameters, ${flags.minutes} min\n`,
  );

  const random = rng(flags.seed);
  const started = Date.now();
  let steps = 0;
  let recent = null;
  for (const batch of batches(train, random)) {
    if ((Date.now() - started) / 60000 >= flags.minutes) break;
    const sources = batch.map((p) => p[0]);
    const decoderIn = batch.map((p) => START + p[1]);
    const decoderOut = batch.map((p) => p[1] + END);
    const encLength = Math.max(...sources.map((s) => Array.from(s).length));
    const decLength = Math.max(...decoderIn.map((s) => Array.from(s).length));
    const xs = [oneHot(sources, inIndex, encLength), oneHot(decoderIn, outIndex, decLength)];
    const ys = oneHot(decoderOut, outIndex, decLength);
    const loss = await models.training.trainOnBatch(xs, ys);
    tf.dispose([...xs, ys]);
    steps++;
    recent = recent === null ? loss : 0.98 * recent + 0.02 * loss;
    if (steps % 50 === 0) {
      process.stderr.write(`anchor: step ${steps}, loss ${recent.toFixed(4)}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
  const trainSeconds = (Date.now() - started) / 1000;

  const decodeStarted = Date.now();
  const predictions = greedyDecode(models, test.map((p) => p[0]), inIndex, outIndex, outChars, maxTarget);
  const decodeSeconds = (Date.now() - decodeStarted) / 1000;
  const references = test.map((p) => p.slice(1));
  if (flags.predictions) fs.writeFileSync(flags.predictions, predictions.map((p, i) => `${test[i][0]}\t${p}`).join('\n') + '\n');
  const result = {
    model: 'tf.layers char LSTM 256 (lstm_seq2seq recipe)',
    n: test.length,
    bleu: Number((100 * corpusBleu(predictions, references, { tokenize: '13a' }).bleu).toFixed(2)),
    exact_match: Number(exactMatch(predictions, references).toFixed(4)),
    train_seconds: Math.round(trainSeconds),
    steps,
    pairs_seen: steps * BATCH,
    parameters,
    weights_mb: Number(((parameters * 4) / 1e6).toFixed(2)),
    sentences_per_second: Number((test.length / decodeSeconds).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => fail(`unexpected failure: ${err.message}`, 1));
