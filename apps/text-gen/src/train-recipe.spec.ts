import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseRecipe, loadCharModel, splitCorpus, Vocabulary } from '@rnnkit/char-lm';
import { runCli } from './cli';
import { applyRecipe, DEFAULT_MINUTES, type RecipeFlags } from './train-recipe';

// 200,000 characters over 27 symbols: the rule's corpus and vocabulary inputs come from this text.
const TEXT = Array.from({ length: 200_000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz '[(i * 7 + (i >> 5)) % 27]).join('');

describe('applyRecipe', () => {
  it('fills every unset setting of a new run from chooseRecipe, with the default 10-minute budget', () => {
    const given: RecipeFlags & { out: string } = { out: 'x' };
    const { flags, note, recipe } = applyRecipe(given, TEXT, 1);
    const train = splitCorpus(TEXT, 0.1).train;
    const expected = chooseRecipe({ minutes: DEFAULT_MINUTES, trainChars: train.length, threads: 1, vocabSize: Vocabulary.fromCorpus(train).size });
    expect(recipe).toEqual(expected);
    expect(flags).toEqual({
      out: 'x', layers: expected.model.layers, hidden: expected.model.hidden, batch: expected.batchSize, seqLen: expected.seqLen, lr: expected.learningRate,
    });
    expect(note).toBe(
      `settings from the time-budget rule (${expected.reason}): --layers ${expected.model.layers} --hidden ${expected.model.hidden} ` +
        `--batch ${expected.batchSize} --seq-len ${expected.seqLen} --lr ${expected.learningRate}`,
    );
  });

  it('uses the given minutes, validation fraction and threads', () => {
    const { recipe } = applyRecipe({ minutes: 45, validation: 0.5 }, TEXT, 2);
    const train = splitCorpus(TEXT, 0.5).train;
    expect(recipe).toEqual(chooseRecipe({ minutes: 45, trainChars: train.length, threads: 2, vocabSize: Vocabulary.fromCorpus(train).size }));
  });

  it('never overrides a flag, and lists the flags given', () => {
    const { flags, note } = applyRecipe({ hidden: 300, lr: 0.01 }, TEXT, 1);
    expect(flags).toMatchObject({ hidden: 300, lr: 0.01 });
    expect(note).toMatch(/: --layers \d+ --batch \d+ --seq-len \d+; given as flags: --hidden --lr$/);
  });

  it('says nothing when every setting is a flag', () => {
    const all = { layers: 1, hidden: 8, batch: 4, seqLen: 8, lr: 0.01 };
    expect(applyRecipe(all, TEXT, 1)).toEqual({ flags: all, note: null, recipe: expect.anything() });
  });

  it('leaves a resumed run and an epoch budget alone', () => {
    for (const given of [{ resume: true }, { epochs: 3 }]) {
      expect(applyRecipe(given, TEXT, 2)).toEqual({ flags: given, note: null, recipe: null });
    }
  });
});

describe('text-gen train with the recipe', () => {
  const backend = process.env.RNNKIT_BACKEND;
  let dir: string;
  beforeAll(() => {
    process.env.RNNKIT_BACKEND = 'cpu';
    dir = mkdtempSync(join(tmpdir(), 'text-gen-recipe-'));
  });
  afterAll(() => {
    if (backend === undefined) delete process.env.RNNKIT_BACKEND;
    else process.env.RNNKIT_BACKEND = backend;
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs the settings the rule chose and trains with them; flags still win', async () => {
    const corpus = join(dir, 'corpus.txt');
    writeFileSync(corpus, TEXT.slice(0, 20_000));
    const out = join(dir, 'run');
    let stderr = '';
    const argv = ['train', '--corpus', corpus, '--out', out, '--minutes', '0.002', '--threads', '1', '--hidden', '8', '--embedding', '4', '--sample-seconds', '0'];
    const code = await runCli(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect([code, stderr]).toEqual([0, expect.stringMatching(/settings from the time-budget rule \(.*\): --layers 2 --batch 16 --seq-len 32 --lr [\d.]+; given as flags: --hidden/)]);
    const { model, training, architecture, optimizer } = await loadCharModel(join(out, 'last'));
    model.dispose();
    optimizer?.dispose();
    expect(architecture).toMatchObject({ layers: 2, hidden: 8, embedding: 4 });
    expect(training?.config).toMatchObject({ batchSize: 16, seqLen: 32, minutes: 0.002 });
  });
});
