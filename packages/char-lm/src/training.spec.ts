import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { loadCharModel } from './char-model-io';
import { evaluateText } from './evaluation';
import { createCharModel } from './model';
import { trainCharModel, type TrainOptions, type TrainingProgress } from './training';
import { Vocabulary } from './vocabulary';

const TINY = 'the cat sat on the mat. '.repeat(20);
const SMALL_MODEL = { hidden: 24, layers: 1, embedding: 8, seed: 1 };

describe('trainCharModel', () => {
  useBackend('cpu');
  let root: string;
  let n = 0;
  const out = () => join(root, `run-${n++}`);
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'char-train-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // One thread unless a test says otherwise: a worker takes a second or two to start, and the threaded path has
  // its own tests below (and rnn-core's DataParallelTrainer tests).
  const quick = (extra: Partial<TrainOptions>): TrainOptions => ({
    text: TINY, outDir: out(), model: SMALL_MODEL, batchSize: 4, seqLen: 16, learningRate: 0.01, validationFraction: 0, epochs: 1, threads: 1, ...extra,
  });

  it('overfits a tiny text: the loss falls from about ln(vocabulary) to a fraction of it, leaving no tensor behind', async () => {
    const vocabulary = Vocabulary.fromCorpus(TINY);
    const fresh = createCharModel(vocabulary.size, SMALL_MODEL);
    const before = evaluateText(fresh, vocabulary, TINY).natsPerChar;
    fresh.dispose();
    expect(before).toBeCloseTo(Math.log(vocabulary.size), 0);
    const progress: TrainingProgress[] = [];
    const options = quick({ epochs: 40, onProgress: (p) => progress.push(p) });
    const result = await expectNoLeak(() => trainCharModel(options));
    expect(result.stopReason).toBe('budget');
    expect(result.state).toMatchObject({ epoch: 39, step: 40 * 8 });
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 320 }, (_, i) => i + 1));
    expect(progress.at(-1)?.done).toBe(1);
    const { model, vocabulary: saved } = await loadCharModel(join(options.outDir, 'last'));
    const after = evaluateText(model, saved, TINY).natsPerChar;
    model.dispose();
    expect(after).toBeLessThan(before / 4);
    expect(result.state.history.train.length).toBe(32);
    expect(result.state.history.train.at(-1)?.[1]).toBeLessThan(result.state.history.train[0][1] / 2);
  });

  it('resumed after an epoch, ends with the same weights as an uninterrupted run (constant rate, no dropout)', async () => {
    const base = { learningRate: 0.01, finalLearningRate: 0.01 };
    const straight = quick({ ...base, epochs: 3 });
    await trainCharModel(straight);
    const split = quick({ ...base, epochs: 1 });
    const first = await trainCharModel(split);
    expect(first.state.step).toBe(8);
    const logs: string[] = [];
    const resumed = await trainCharModel({ ...split, epochs: 3, resume: true, onLog: (l) => logs.push(l) });
    expect(resumed.state.step).toBe(24);
    expect(logs.join('\n')).toMatch(/resuming from .*last: step 8, epoch 0/);
    const a = await loadCharModel(join(straight.outDir, 'last'));
    const b = await loadCharModel(join(split.outDir, 'last'));
    expect(b.vocabulary.symbols).toEqual(a.vocabulary.symbols);
    b.model.weights.forEach((w, i) => expectClose(w, a.model.weights[i], { atol: 1e-6 }));
    for (const m of [a, b]) {
      m.model.dispose();
      m.optimizer?.dispose();
    }
  });

  it('trains on 2 threads as on 1 (within 1e-5), says how many it uses, and resumes on another thread count', async () => {
    const base = { learningRate: 0.01, finalLearningRate: 0.01 };
    const oneThread = quick({ ...base, epochs: 2 });
    await trainCharModel(oneThread);
    const logs: string[] = [];
    const twoThreads = quick({ ...base, epochs: 1, threads: 2, onLog: (l) => logs.push(l) });
    await trainCharModel(twoThreads);
    expect(logs).toContain('training on 2 threads');
    const resumed = await trainCharModel({ ...twoThreads, epochs: 2, resume: true, threads: 1, onLog: (l) => logs.push(l) });
    expect(resumed.state.step).toBe(16);
    expect(logs).toContain('training on 1 thread');
    // Never more threads than streams: 3 asked, 2 streams.
    await trainCharModel(quick({ epochs: 1, batchSize: 2, threads: 3, onLog: (l) => logs.push(l) }));
    expect(logs.at(-1)).toBe('training on 2 threads');
    const a = await loadCharModel(join(oneThread.outDir, 'last'));
    const b = await loadCharModel(join(twoThreads.outDir, 'last'));
    // The paths differ only in the order of float32 sums (rnn-core's DataParallelTrainer tests): 1e-5 after 16 updates.
    a.model.weights.forEach((w, i) => expectClose(b.model.weights[i], w, { atol: 1e-5, label: `weight ${i}` }));
    [a, b].forEach((m) => {
      m.model.dispose();
      m.optimizer?.dispose();
    });
  });

  it('keeps the vocabulary of the checkpoint on resume and reports what the new text has beyond it', async () => {
    const options = quick({ validationFraction: 0.2 });
    await trainCharModel(options);
    const logs: string[] = [];
    const more = `${TINY}Zebra! `.repeat(2);
    const result = await trainCharModel({ ...options, text: more, resume: true, epochs: 2, onLog: (l) => logs.push(l) });
    expect(result.state.step).toBeGreaterThan(8);
    expect(logs.join('\n')).toMatch(/corpus differs/);
    expect(logs.join('\n')).toMatch(/not in the vocabulary, scored as UNK: "Z"×1 "b"×1 "r"×1 "!"×1/);
    const loaded = await loadCharModel(join(options.outDir, 'last'));
    expect(loaded.vocabulary.symbols).toEqual(Vocabulary.fromCorpus(TINY.slice(0, Math.round(TINY.length * 0.8))).symbols);
    loaded.model.dispose();
    loaded.optimizer?.dispose();
  });

  it('saves the best model on validation and stops early once validation stops improving', async () => {
    // The held-out half runs the letters the other way round: the better the model learns "abc", the worse it
    // does on "acb", so validation gets worse after the first updates. (Validation after every update.)
    const text = 'abc'.repeat(100) + 'acb'.repeat(100);
    const validations: number[] = [];
    const options = quick({ text, validationFraction: 0.5, epochs: 60, patience: 2, evalSeconds: 1e-3, onValidation: (v) => validations.push(v) });
    const result = await trainCharModel(options);
    expect(result.stopReason).toBe('early-stopping');
    expect(result.state.epoch).toBeLessThan(60);
    const best = Math.min(...validations);
    expect(result.state.bestValidation).toBe(best);
    expect(validations.slice(-2).every((v) => v > best)).toBe(true);
    const saved = await loadCharModel(join(options.outDir, 'best'));
    expect(saved.training?.bestValidation).toBe(best);
    expect(saved.optimizer).toBeNull();
    saved.model.dispose();
  });

  it('stops after the current update when aborted, still writing a checkpoint', async () => {
    const controller = new AbortController();
    const options = quick({ epochs: 100, onProgress: (p) => p.step === 3 && controller.abort(), signal: controller.signal });
    const result = await trainCharModel(options);
    expect(result.stopReason).toBe('aborted');
    expect(result.state.step).toBe(3);
    const saved = await loadCharModel(join(options.outDir, 'last'));
    expect(saved.training?.step).toBe(3);
    saved.model.dispose();
    saved.optimizer?.dispose();
  });

  it('refuses to overwrite a run without resume, and to resume what does not exist or with other settings', async () => {
    const options = quick({});
    await expect(trainCharModel({ ...options, resume: true })).rejects.toMatchObject({ code: 'BAD_USAGE', message: expect.stringMatching(/last: holds no checkpoint to resume from/) });
    expect(existsSync(options.outDir)).toBe(false);
    await trainCharModel(options);
    const files = readdirSync(join(options.outDir, 'last'));
    await expect(trainCharModel(options)).rejects.toMatchObject({ code: 'CHECKPOINT_EXISTS' });
    await expect(trainCharModel({ ...options, resume: true, batchSize: 8, model: { ...options.model, hidden: 7 } })).rejects.toMatchObject({
      code: 'BAD_USAGE',
      message: expect.stringMatching(/other settings \(batchSize: checkpoint 4, asked 8; model\.hidden: checkpoint \d+, asked 7\)/),
    });
    expect(readdirSync(join(options.outDir, 'last'))).toEqual(files);
  });

  it('refuses bad text and settings before writing anything', async () => {
    const cases: Array<[Partial<TrainOptions>, string]> = [
      [{ text: '' }, 'EMPTY_CORPUS'],
      [{ text: 'ab\0cd'.repeat(10) }, 'BINARY_INPUT'],
      [{ text: 'abc' }, 'BAD_OPTION'], // 2 positions for 4 streams
      [{ seqLen: 0 }, 'BAD_OPTION'],
      [{ minutes: 1, epochs: 1 }, 'BAD_OPTION'],
      [{ model: { cell: 'rnn' as 'lstm' } }, 'BAD_OPTION'],
      [{ threads: 0 }, 'BAD_OPTION'],
      [{ threads: 1.5 }, 'BAD_OPTION'],
    ];
    for (const [extra, code] of cases) {
      const options = quick(extra);
      await expect(trainCharModel(options)).rejects.toMatchObject({ code });
      expect(existsSync(options.outDir)).toBe(false);
    }
  });
});
