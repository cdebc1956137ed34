import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadCharModel, trainCharModel } from '@rnnkit/char-lm';
import { layersDirectory, registerResetAfterGru, tf } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { exportTextModel, importTextModel } from './layers-bridge';

const SHIPPED = path.join(__dirname, '..', 'models', 'default');
const TEXT = 'The old man and the sea. The sea was calm.';
const SYMBOLS = ['\uFFFD', ' ', '.', 'T', 'a', 'c', 'd', 'e', 'h', 'l', 'm', 'n', 'o', 's', 'w'];

/** A character LSTM built in tf.layers, as a user elsewhere would: embedding → LSTM → dense softmax. */
function keraslikeCharModel(): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.embedding({ inputDim: SYMBOLS.length, outputDim: 5, batchInputShape: [null, null] }),
      tfl.layers.lstm({ units: 8, returnSequences: true, recurrentActivation: 'sigmoid', kernelInitializer: 'zeros', recurrentInitializer: 'zeros' }),
      tfl.layers.dense({ units: SYMBOLS.length, activation: 'softmax' }),
    ],
  });
  const values = model.getWeights().map((w, i) => tf.tensor(randomArray(w.size, 40 + i, 0.5), w.shape));
  model.setWeights(values);
  tf.dispose(values);
  return model;
}

describe('text-gen and the Layers format', () => {
  useBackend('wasm');
  let root: string;
  // Built once: each 2×256 GRU model starts with an orthogonal initialisation in JS, seconds on a busy machine.
  let shipped: Awaited<ReturnType<typeof loadCharModel>>;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'text-gen-layers-'));
    registerResetAfterGru();
    shipped = await loadCharModel(SHIPPED);
  });
  afterAll(() => {
    shipped?.model.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('exports the shipped model so that tf.loadLayersModel predicts what text-gen predicts', async () => {
    const out = path.join(root, 'shipped');
    await expectNoLeak(() => exportTextModel(SHIPPED, out));
    const { model, vocabulary } = shipped;
    const loaded = await tfl.loadLayersModel(layersDirectory(out));
    expect(loaded.getUserDefinedMetadata()).toMatchObject({ rnnkit: 'char-lm', vocabulary: vocabulary.toJSON() });
    const ids = tf.tensor2d(Array.from(vocabulary.encode(TEXT).ids), [1, TEXT.length], 'int32');
    const ours = model.predict(ids);
    const theirs = loaded.predict(ids) as tf.Tensor;
    // Same float32 arithmetic in another association order, two GRU layers of 256 over 42 characters.
    expectClose(theirs, ours, { atol: 1e-5 });
    expect(Array.from(tf.argMax(theirs, -1).dataSync())).toEqual(Array.from(tf.argMax(ours, -1).dataSync()));
    tf.dispose([ids, ours, theirs]);
    loaded.dispose();
  });

  it('imports its own export back bit for bit, vocabulary and architecture included', async () => {
    const out = path.join(root, 'shipped-back');
    const imported = await importTextModel(path.join(root, 'shipped'), out);
    const original = shipped;
    const again = await loadCharModel(out);
    expect(again.dir).toBe(imported.checkpoint);
    expect(again.vocabulary.toJSON()).toEqual(original.vocabulary.toJSON());
    expect(again.architecture).toEqual({ ...original.architecture, seed: 0 });
    again.model.weights.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(original.model.weights[i].dataSync())));
    expect(again.training?.step).toBe(0);
    again.model.dispose();
    again.optimizer?.dispose();
  });

  it('imports a tf.layers character model with a vocabulary file, and train --resume fine-tunes it', async () => {
    const reference = keraslikeCharModel();
    const layersDir = path.join(root, 'tfl-char');
    await reference.save(layersDirectory(layersDir));
    const vocabularyFile = path.join(root, 'symbols.json');
    fs.writeFileSync(vocabularyFile, JSON.stringify(SYMBOLS));
    const out = path.join(root, 'fine-tune');
    const imported = await expectNoLeak(() => importTextModel(layersDir, out, { vocabularyFile, training: { batchSize: 2, seqLen: 8 } }));
    expect(imported.architecture).toMatchObject({ cell: 'lstm', layers: 1, hidden: 8, embedding: 5 });
    expect(imported.notes).toEqual(['the softmax output layer is kept as logits (text-gen applies the softmax)']);

    const { model, vocabulary } = await loadCharModel(out);
    const ids = tf.tensor2d(Array.from(vocabulary.encode(TEXT).ids), [1, TEXT.length], 'int32');
    const logits = model.predict(ids);
    const probabilities = tf.softmax(logits);
    const theirs = reference.predict(ids) as tf.Tensor;
    expectClose(probabilities, theirs, { atol: 1e-5 });
    const before = Array.from(model.weights[0].dataSync());
    tf.dispose([ids, logits, probabilities, theirs]);
    model.dispose();
    reference.dispose();

    const result = await trainCharModel({ text: TEXT.repeat(20), outDir: out, resume: true, epochs: 1, batchSize: 2, seqLen: 8 });
    expect(result.state.step).toBeGreaterThan(0);
    const tuned = await loadCharModel(path.join(out, 'last'));
    expect(Array.from(tuned.model.weights[0].dataSync())).not.toEqual(before);
    tuned.model.dispose();
    tuned.optimizer?.dispose();
  });

  it('refuses, in one line each: no vocabulary, a vocabulary of the wrong size, a directory already used', async () => {
    const layersDir = path.join(root, 'tfl-char');
    await expect(importTextModel(layersDir, path.join(root, 'x1'))).rejects.toThrow(
      /holds no vocabulary \(it was not exported by text-gen\); give --vocabulary FILE/,
    );
    const short = path.join(root, 'short.json');
    fs.writeFileSync(short, JSON.stringify(SYMBOLS.slice(0, 5)));
    await expect(importTextModel(layersDir, path.join(root, 'x2'), { vocabularyFile: short })).rejects.toThrow(
      /is not a character model text-gen can train: it reads 15 ids but the vocabulary has 5 symbols/,
    );
    await expect(importTextModel(layersDir, path.join(root, 'fine-tune'))).rejects.toThrow(/last: exists: this output directory already holds a model/);
    expect(fs.existsSync(path.join(root, 'x1'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'x2'))).toBe(false);
  });
});
