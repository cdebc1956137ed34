import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { softmaxCrossEntropy } from './losses';
import { readModelDirectory, writeModelDirectory } from './model-io';
import { loadModel, saveModel } from './model-persistence';
import { createOptimizer } from './optimizers';
import { SequenceModel, SequenceModelConfig } from './sequence-model';
import { trainStep } from './train-step';

const config: SequenceModelConfig = {
  input: { type: 'tokens', vocabSize: 7, embeddingSize: 4 },
  layers: [{ cell: 'lstm', units: 5, bidirectional: 'sum' }, { cell: 'gru', units: 6 }],
  output: { units: 7 },
  outputMode: 'sequence',
  seed: 3,
};

const tmpDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnkit-model-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const ids = () => tf.tensor2d([[1, 2, 3, 4], [6, 5, 0, 1]], undefined, 'int32');
const batch = () => ({ input: ids(), targets: tf.tensor2d([[2, 3, 4, 5], [5, 0, 1, 2]], undefined, 'int32') });

describe('save and load', () => {
  useBackend('cpu');

  it('round-trips config, weights and extra, across backends (saved on cpu, loaded on wasm)', async () => {
    const dir = tempDir();
    const model = new SequenceModel(config);
    const input = ids();
    const expected = model.predict(input);
    await saveModel(model, dir, { extra: { vocabulary: 'abcdefg' } });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(expect.arrayContaining(['model.json']));
    expect(files.filter((f) => /^weights-[0-9a-f]+\.bin$/.test(f))).toHaveLength(1);

    await tf.setBackend('wasm');
    const loaded = await loadModel(dir);
    expect(loaded.extra).toEqual({ vocabulary: 'abcdefg' });
    expect(loaded.optimizer).toBeNull();
    expect(loaded.model.config).toEqual(config);
    const wasmInput = ids();
    expectClose(loaded.model.predict(wasmInput), expected.dataSync(), { atol: 1e-5 });
    loaded.model.dispose();
    await tf.setBackend('cpu');
    model.dispose();
  });

  it('a checkpoint resumes training exactly: the optimizer state comes back', async () => {
    const dir = tempDir();
    const a = new SequenceModel(config);
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.01 });
    const b = batch();
    for (let i = 0; i < 3; i++) trainStep(a, b, { optimizer, loss: softmaxCrossEntropy });
    await saveModel(a, dir, { optimizer, extra: { step: 3 } });
    const resumed = await loadModel(dir);
    expect(resumed.optimizer).not.toBeNull();
    const next = trainStep(a, b, { optimizer, loss: softmaxCrossEntropy });
    const nextResumed = trainStep(resumed.model, b, { optimizer: resumed.optimizer as tf.Optimizer, loss: softmaxCrossEntropy });
    expect(nextResumed.loss).toBeCloseTo(next.loss, 6);
    // Adam's moment estimates matter: a fresh optimizer would take a different step.
    resumed.model.weights.forEach((w, k) => expectClose(w, a.weights[k], { atol: 1e-6 }));
    tf.dispose(Object.values(b));
    a.dispose();
    resumed.model.dispose();
  });

  it('overwrites atomically: the old weights file goes only after the new model.json is in place', async () => {
    const dir = tempDir();
    const model = new SequenceModel(config);
    await saveModel(model, dir);
    const firstWeights = fs.readdirSync(dir).find((f) => f.endsWith('.bin'));
    // A writer killed before its rename leaves a temporary behind; the next save removes it.
    fs.writeFileSync(path.join(dir, 'model.json.tmp-999-abcd1234'), 'partial');
    model.weights[0].assign(tf.onesLike(model.weights[0]));
    await saveModel(model, dir);
    const files = fs.readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(files).not.toContain(firstWeights);
    expect(files.some((f) => f.includes('.tmp-'))).toBe(false);
    const loaded = await loadModel(dir);
    expectClose(loaded.model.weights[0], tf.onesLike(model.weights[0]));
    loaded.model.dispose();
    model.dispose();
  });

  describe('bad model directories fail with the file and the problem', () => {
    let dir: string;
    let bin: string;
    beforeEach(async () => {
      dir = tempDir();
      const model = new SequenceModel(config);
      await saveModel(model, dir);
      model.dispose();
      bin = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.bin')) as string);
    });
    const json = () => JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    const writeJson = (j: unknown) => fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(j));

    it('missing directory', async () => {
      await expect(loadModel(path.join(dir, 'nope'))).rejects.toThrow(/nope[/\\]model\.json: not found/);
    });
    it('truncated weights', async () => {
      fs.truncateSync(bin, 10);
      await expect(loadModel(dir)).rejects.toThrow(/weights-.*\.bin: has 10 bytes, model.json expects \d+ \(truncated\?\)/);
    });
    it('corrupt weights (one flipped byte)', async () => {
      const bytes = fs.readFileSync(bin);
      bytes[5] ^= 0xff;
      fs.writeFileSync(bin, bytes);
      await expect(loadModel(dir)).rejects.toThrow(/does not match its checksum \(corrupt\)/);
    });
    it('missing weights file', async () => {
      fs.rmSync(bin);
      await expect(loadModel(dir)).rejects.toThrow(/is missing \(model.json refers to it\)/);
    });
    it('truncated or corrupt model.json', async () => {
      fs.writeFileSync(path.join(dir, 'model.json'), fs.readFileSync(path.join(dir, 'model.json'), 'utf8').slice(0, 40));
      await expect(loadModel(dir)).rejects.toThrow(/model.json: is not valid JSON/);
    });
    it('another format version', async () => {
      writeJson({ ...json(), formatVersion: 99 });
      await expect(loadModel(dir)).rejects.toThrow(/format version 99; this rnnkit reads version 1/);
    });
    it('a config that does not match the stored weights', async () => {
      const j = json();
      j.config.layers[1].units = 8;
      writeJson(j);
      await expect(loadModel(dir)).rejects.toThrow(/weight "layers\/1\/kernel" has shape \[5,18\], its config requires \[5,24\]/);
    });
    it('another kind of model', () => {
      expect(() => readModelDirectory(dir, 'Seq2Seq')).toThrow(/holds a SequenceModel, not a Seq2Seq/);
    });
    it('a failed load leaves no tensor behind', async () => {
      const j = json();
      j.config.layers[1].units = 8;
      writeJson(j);
      await expectNoLeak(() => loadModel(dir).catch(() => undefined));
    });
  });

  it('generic directories keep any named float32 tensors', () => {
    const dir = tempDir();
    const a = tf.tensor2d(randomArray(6, 1), [2, 3]);
    writeModelDirectory(dir, { kind: 'Custom', config: { n: 1 }, weights: [{ name: 'a', tensor: a }] });
    const read = readModelDirectory(dir, 'Custom');
    expect(read.config).toEqual({ n: 1 });
    expectClose(read.weights[0].tensor, a);
    tf.dispose([a, read.weights[0].tensor]);
  });
});
