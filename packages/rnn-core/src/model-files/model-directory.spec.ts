import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { softmaxCrossEntropy } from '../losses';
import { createOptimizer } from '../optimizers';
import { SequenceModel, SequenceModelConfig } from '../sequence-model';
import { trainStep } from '../train-step';
import { loadModelFile, readModelDirectory, resumeCheckpoint, saveModelFile, writeModelDirectory } from './model-directory';
import type { ModelKind } from './model-kind';
import { loadModel, saveModel } from './model-persistence';
import { SEQUENCE_MODEL_KIND as plainKind } from './sequence-model-kind';

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
      await expect(loadModel(path.join(dir, 'nope'))).rejects.toThrow(/nope[/\\]model\.json: is missing — is this a model directory\?/);
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
    it('another kind of model', async () => {
      await expect(loadModelFile({ ...plainKind, name: 'Seq2Seq', legacyVersion: undefined }, dir)).rejects.toThrow(/holds a SequenceModel, not a Seq2Seq/);
    });
    it('a kind version newer than this rnnkit reads', async () => {
      writeJson({ ...json(), kindVersion: 2 });
      await expect(loadModel(dir)).rejects.toThrow(/holds a SequenceModel of version 2; this rnnkit reads up to version 1/);
    });
    it('a weights file name that leaves the directory', async () => {
      writeJson({ ...json(), weightsFile: '../elsewhere.bin' });
      await expect(loadModel(dir)).rejects.toThrow(/weightsFile "\.\.\/elsewhere\.bin" must be a plain file name/);
    });
    it('a claimed size beyond the limit, refused before reading', async () => {
      writeJson({ ...json(), weightsBytes: 2 ** 40 });
      await expect(loadModel(dir)).rejects.toThrow(/claims a weights file of 1099511627776 bytes/);
    });
    it('a weight outside the weights file', async () => {
      const j = json();
      j.weights[0].offset = j.weightsBytes;
      writeJson(j);
      await expect(loadModel(dir)).rejects.toThrow(/weight embedding\/table lies outside the weights file/);
    });
    it('errors carry the BAD_MODEL code', async () => {
      fs.rmSync(bin);
      await expect(loadModel(dir)).rejects.toMatchObject({ code: 'BAD_MODEL', name: 'ModelFileError' });
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
    const read = readModelDirectory(dir);
    expect(read.kind).toBe('Custom');
    expect(read.config).toEqual({ n: 1 });
    expectClose(read.weights[0].tensor, a);
    tf.dispose([a, read.weights[0].tensor]);
  });
});

/** A kind as a package would define one: typed extra, a check, and an upgrade from an older layout. */
interface NotesExtra {
  labels: string[];
  settings: { units: number; band: number[] };
}
const notesKind: ModelKind<SequenceModel, NotesExtra> = {
  ...plainKind,
  name: 'NotesModel',
  version: 2,
  // Version 1 files were plain SequenceModels with extra.app === 'notes' and the labels under another name.
  legacyVersion: ({ kind, extra }) => (kind === 'SequenceModel' && (extra as { app?: string })?.app === 'notes' ? 1 : null),
  upgrade: (parts, from) => {
    if (from !== 1) throw new Error(`no upgrade from version ${from}`);
    const old = parts.extra as { names: string[]; settings: NotesExtra['settings'] };
    return {
      config: parts.config,
      extra: { labels: old.names, settings: old.settings },
      weightNames: parts.weightNames.map((n) => n.replace(/^embedding$/, 'embedding/table')),
    };
  },
  parseExtra: (extra) => {
    const e = extra as NotesExtra;
    if (!Array.isArray(e?.labels) || typeof e.settings?.units !== 'number') throw new Error('labels and settings are required');
    return e;
  },
};
const notes: NotesExtra = { labels: ['a', 'b'], settings: { units: 5, band: [0, 4000] } };

describe('model kinds', () => {
  useBackend('cpu');

  it('writes the kind and its version, and checks the extra data on save and on load', async () => {
    const dir = tempDir();
    const model = new SequenceModel(config);
    await expect(saveModelFile(notesKind, model, dir, { extra: { labels: 'ab' } as unknown as NotesExtra })).rejects.toThrow(
      /refusing to save a NotesModel with invalid extra data: labels and settings are required/,
    );
    expect(fs.existsSync(path.join(dir, 'model.json'))).toBe(false);
    await saveModelFile(notesKind, model, dir, { extra: notes });
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect([json.kind, json.kindVersion]).toEqual(['NotesModel', 2]);
    const loaded = await loadModelFile(notesKind, dir);
    expect(loaded.extra).toEqual(notes);
    expectClose(loaded.model.predict(ids()), model.predict(ids()), { atol: 0 });
    json.extra.labels = 7;
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    await expect(loadModelFile(notesKind, dir)).rejects.toThrow(/model\.json: has unusable NotesModel data: labels and settings are required/);
    await expect(loadModel(dir)).rejects.toThrow(/holds a NotesModel, not a SequenceModel/);
    loaded.model.dispose();
    model.dispose();
  });

  it('upgrades a file of an older version (renamed weights and extra) to the same model', async () => {
    const dir = tempDir();
    const model = new SequenceModel(config);
    const weights = model.namedWeights.map(({ name, variable }) => ({ name: name === 'embedding/table' ? 'embedding' : name, tensor: variable }));
    writeModelDirectory(dir, { kind: 'SequenceModel', config, extra: { app: 'notes', names: ['a', 'b'], settings: notes.settings }, weights });
    const loaded = await loadModelFile(notesKind, dir);
    expect(loaded.extra).toEqual(notes);
    expectClose(loaded.model.predict(ids()), model.predict(ids()), { atol: 0 });
    loaded.model.dispose();
    // A plain SequenceModel file without the marker is not a NotesModel.
    await saveModel(model, dir, { extra: { app: 'other' } });
    await expect(loadModelFile(notesKind, dir)).rejects.toThrow(/holds a SequenceModel \(other model\), not a NotesModel/);
    model.dispose();
  });

  it('refuses weights the config does not use, and leaks nothing doing so', async () => {
    const dir = tempDir();
    const model = new SequenceModel(config);
    const extraWeight = tf.zeros([2]);
    const weights = [...model.namedWeights.map(({ name, variable }) => ({ name, tensor: variable as tf.Tensor })), { name: 'stray', tensor: extraWeight }];
    writeModelDirectory(dir, { kind: 'SequenceModel', config, weights });
    await expectNoLeak(() => expect(loadModel(dir)).rejects.toThrow(/has weights its config does not use: stray/));
    tf.dispose(extraWeight);
    model.dispose();
  });
});

describe('resumeCheckpoint', () => {
  useBackend('cpu');
  const saved = (c: { extra: NotesExtra }) => c.extra.settings;

  it('is an error when there is no checkpoint, and when the model has no optimizer state', async () => {
    const dir = tempDir();
    await expect(resumeCheckpoint(notesKind, dir, { requested: {}, saved })).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringMatching(/holds no checkpoint to resume from/),
    });
    const model = new SequenceModel(config);
    await saveModelFile(notesKind, model, dir, { extra: notes });
    await expectNoLeak(() =>
      expect(resumeCheckpoint(notesKind, dir, { requested: {}, saved })).rejects.toMatchObject({
        code: 'BAD_MODEL',
        message: expect.stringMatching(/is a finished model, not a checkpoint/),
      }),
    );
    model.dispose();
  });

  it('names every setting that differs, and resumes when none does', async () => {
    const dir = tempDir();
    const model = new SequenceModel(config);
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.01 });
    const b = batch();
    trainStep(model, b, { optimizer, loss: softmaxCrossEntropy });
    await saveModelFile(notesKind, model, dir, { extra: notes, optimizer });
    await expectNoLeak(() =>
      expect(resumeCheckpoint(notesKind, dir, { requested: { units: 8, band: [200, 3300] }, saved })).rejects.toMatchObject({
        code: 'BAD_USAGE',
        message: expect.stringMatching(/other settings \(units: checkpoint 5, asked 8; band: checkpoint \[0,4000\], asked \[200,3300\]\)/),
      }),
    );
    const resumed = await resumeCheckpoint(notesKind, dir, { requested: { units: 5, band: undefined }, saved });
    expect(resumed.optimizer.getClassName()).toBe('Adam');
    resumed.model.dispose();
    resumed.optimizer.dispose();
    tf.dispose(Object.values(b));
    optimizer.dispose();
    model.dispose();
  });
});
