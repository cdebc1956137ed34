import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOptimizer, ModelFileError, saveModel, SequenceModel, softmaxCrossEntropy, tf, trainStep, writeModelDirectory } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { findModelDirectory, loadCharModel, saveCharModel } from './char-model-io';
import { decodeCharModel } from './char-model-kind';
import { charModelConfig, createCharModel, resolveModelOptions } from './model';
import { resolveTrainingConfig } from './training-config';
import type { TrainingState } from './training-state';
import { Vocabulary } from './vocabulary';

function trainingState(): TrainingState {
  return {
    config: resolveTrainingConfig({ epochs: 3 }),
    step: 7, epoch: 1, window: 2, chars: 1234, elapsedMs: 5000, updateMs: 4000, bestValidation: 2.5, sinceBest: 1,
    history: { train: [[100, 3.1], [200, 2.9]], validation: [[200, 2.5]] },
    corpus: { trainChars: 900, validationChars: 100, sha256: 'ab'.repeat(32) },
  };
}

async function expectBadModel(dir: string, pattern: RegExp, file?: string) {
  const error = await loadCharModel(dir).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ModelFileError);
  expect(error).toMatchObject({ code: 'BAD_MODEL', message: expect.stringMatching(pattern) });
  if (file) expect((error as ModelFileError).file).toBe(file);
}

describe('saveCharModel / loadCharModel', () => {
  useBackend('cpu');
  let root: string;
  const vocabulary = Vocabulary.fromCorpus('hello world\n');
  const architecture = resolveModelOptions({ hidden: 8, layers: 2, embedding: 3, seed: 4 });
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'char-io-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('round-trips weights, vocabulary, architecture, training state and Adam state', async () => {
    const model = createCharModel(vocabulary.size, architecture);
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.01 });
    const ids = vocabulary.encode('hello world\nhello').ids;
    const input = tf.tensor2d(ids.subarray(0, 16), [2, 8], 'int32');
    const targets = tf.tensor2d(ids.subarray(1, 17), [2, 8], 'int32');
    for (let i = 0; i < 3; i++) trainStep(model, { input, targets }, { optimizer, loss: softmaxCrossEntropy });
    const dir = join(root, 'round-trip');
    await saveCharModel(dir, { model, vocabulary, architecture, optimizer, training: trainingState() });

    const loaded = await loadCharModel(dir);
    expect(loaded.dir).toBe(dir);
    expect(loaded.vocabulary.symbols).toEqual(vocabulary.symbols);
    expect(loaded.architecture).toEqual(architecture);
    expect(loaded.training).toEqual(trainingState());
    expect(loaded.model.config).toEqual(charModelConfig(vocabulary.size, architecture));
    loaded.model.namedWeights.forEach(({ name, variable }, i) => {
      expect(name).toBe(model.namedWeights[i].name);
      expectClose(variable, model.namedWeights[i].variable, { atol: 0 });
    });
    // Adam's step count and both moment estimates come back slot for slot.
    const saved = await optimizer.getWeights();
    const restored = await (loaded.optimizer as tf.Optimizer).getWeights();
    expect(restored.map((w) => w.tensor.shape)).toEqual(saved.map((w) => w.tensor.shape));
    expect(saved.length).toBe(1 + 2 * model.weights.length);
    restored.forEach((w, i) => expectClose(w.tensor.dataSync(), saved[i].tensor.dataSync(), { atol: 0 }));

    // The next update from the restored pair equals the next update of the original.
    trainStep(model, { input, targets }, { optimizer, loss: softmaxCrossEntropy });
    trainStep(loaded.model, { input, targets }, { optimizer: loaded.optimizer as tf.Optimizer, loss: softmaxCrossEntropy });
    loaded.model.weights.forEach((w, i) => expectClose(w, model.weights[i], { atol: 1e-6 }));

    tf.dispose([input, targets, ...restored.map((w) => w.tensor)]);
    for (const m of [model, loaded.model]) m.dispose();
    optimizer.dispose();
    loaded.optimizer?.dispose();
  });

  it('loads without leaking tensors and a model saved without optimizer or training state', async () => {
    const model = createCharModel(vocabulary.size, architecture);
    const dir = join(root, 'plain');
    await saveCharModel(dir, { model, vocabulary, architecture });
    model.dispose();
    const loaded = await expectNoLeak(() => loadCharModel(dir).then((l) => (l.model.dispose(), l)));
    expect([loaded.optimizer, loaded.training]).toEqual([null, null]);
  });

  it('finds the model of a training directory in best/, else last/', async () => {
    const model = createCharModel(vocabulary.size, architecture);
    const run = join(root, 'run');
    await saveCharModel(join(run, 'last'), { model, vocabulary, architecture });
    expect(findModelDirectory(run)).toBe(join(run, 'last'));
    await saveCharModel(join(run, 'best'), { model, vocabulary, architecture });
    expect(findModelDirectory(run)).toBe(join(run, 'best'));
    expect(findModelDirectory(join(run, 'last'))).toBe(join(run, 'last'));
    model.dispose();
  });

  it('names the problem and the file for a missing, empty, corrupt or foreign model directory', async () => {
    await expectBadModel(join(root, 'nope'), /no such model directory/, join(root, 'nope'));
    mkdirSync(join(root, 'empty'));
    await expectBadModel(join(root, 'empty'), /no model\.json/, join(root, 'empty'));

    const model = createCharModel(vocabulary.size, architecture);
    const make = async (name: string) => {
      const dir = join(root, name);
      await saveCharModel(dir, { model, vocabulary, architecture, training: trainingState() });
      return dir;
    };
    const truncated = await make('truncated');
    const json = join(truncated, 'model.json');
    writeFileSync(json, readFileSync(json, 'utf8').slice(0, 50));
    await expectBadModel(truncated, /not valid JSON/, json);

    const corrupt = await make('corrupt');
    const bin = join(corrupt, readdirSync(corrupt).find((f) => f.endsWith('.bin')) as string);
    const bytes = readFileSync(bin);
    bytes[10] ^= 0xff;
    writeFileSync(bin, bytes);
    await expectBadModel(corrupt, /checksum/, bin);

    const shortBin = await make('short-bin');
    const bin2 = join(shortBin, readdirSync(shortBin).find((f) => f.endsWith('.bin')) as string);
    writeFileSync(bin2, readFileSync(bin2).subarray(0, 100));
    await expectBadModel(shortBin, /truncated/, bin2);

    const foreign = join(root, 'foreign');
    const plain = new SequenceModel(charModelConfig(vocabulary.size, architecture));
    await saveModel(plain, foreign, { extra: { note: 'not char-lm' } });
    plain.dispose();
    await expectBadModel(foreign, /holds a SequenceModel, not a CharModel/, join(foreign, 'model.json'));

    const edit = async (name: string, change: (extra: Record<string, unknown>, json: Record<string, unknown>) => void) => {
      const dir = await make(name);
      const file = join(dir, 'model.json');
      const parsed = JSON.parse(readFileSync(file, 'utf8'));
      change(parsed.extra, parsed);
      writeFileSync(file, JSON.stringify(parsed));
      return dir;
    };
    await expectBadModel(await edit('badvocab', (e) => ((e.vocabulary as { symbols: string[] }).symbols[3] = 'xx')), /symbols\[3\]/);
    await expectBadModel(await edit('vocabsize', (e) => (e.vocabulary = Vocabulary.fromCorpus('ab').toJSON())), /does not match its vocabulary/);
    await expectBadModel(await edit('badstate', (e) => ((e.training as Record<string, unknown>).step = -1)), /"step"/);
    await expectBadModel(await edit('version', (_, j) => (j.kindVersion = 9)), /holds a CharModel of version 9; this rnnkit reads up to version 2/);
    await expectBadModel(
      await edit('v1-version', (e, j) => Object.assign(j, { kind: 'SequenceModel', kindVersion: undefined, extra: { ...e, format: 'rnnkit-char-lm', version: 9 } })),
      /holds a CharModel of version 9; this rnnkit reads up to version 2/,
    );
    model.dispose();
  });

  it('reads version 1 files (a SequenceModel marked rnnkit-char-lm, as written before the CharModel kind) as the same model', async () => {
    const model = createCharModel(vocabulary.size, architecture);
    const dir = join(root, 'v1');
    writeModelDirectory(dir, {
      kind: 'SequenceModel',
      config: model.config,
      extra: { format: 'rnnkit-char-lm', version: 1, vocabulary: vocabulary.toJSON(), architecture, training: trainingState() },
      weights: model.namedWeights.map(({ name, variable }) => ({ name, tensor: variable })),
    });
    const loaded = await loadCharModel(dir);
    expect([loaded.architecture, loaded.training, loaded.vocabulary.symbols]).toEqual([architecture, trainingState(), vocabulary.symbols]);
    loaded.model.namedWeights.forEach(({ variable }, i) => expectClose(variable, model.namedWeights[i].variable, { atol: 0 }));
    loaded.model.dispose();
    model.dispose();
  });

  it('loads from the bytes of its two files with the same result and checks', async () => {
    const model = createCharModel(vocabulary.size, architecture);
    const dir = join(root, 'bytes');
    await saveCharModel(dir, { model, vocabulary, architecture });
    const weights = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.bin')) as string));
    const modelJson = readFileSync(join(dir, 'model.json'));
    const loaded = await decodeCharModel({ modelJson, weights });
    expect(loaded.vocabulary.symbols).toEqual(vocabulary.symbols);
    loaded.model.namedWeights.forEach(({ variable }, i) => expectClose(variable, model.namedWeights[i].variable, { atol: 0 }));
    loaded.model.dispose();
    weights[0] ^= 1;
    await expectNoLeak(() => expect(decodeCharModel({ modelJson, weights })).rejects.toThrow(/does not match its checksum/));
    model.dispose();
  });
});
