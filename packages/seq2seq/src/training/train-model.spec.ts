import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluateModel } from '../evaluate';
import { loadSeq2SeqModel } from '../model/model-files';
import { Seq2SeqModel } from '../model/seq2seq-model';
import { letterVocabulary, reverseTask } from '../test-utils/tiny';
import { trainModel, type ValidationReport } from './train-model';

describe('trainModel', () => {
  useBackend('wasm');
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-train-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('teaches a small model to reverse strings of 1–4 letters, saving the best validation model', async () => {
    const vocab = letterVocabulary();
    const task = reverseTask(4);
    const model = new Seq2SeqModel({
      sourceVocabulary: vocab, targetVocabulary: vocab, embeddingSize: 8, encoderUnits: 16, decoderUnits: 32,
      attentionUnits: 32, maxSourceLength: 4, maxTargetLength: 6, seed: 2,
    });
    const reports: ValidationReport[] = [];
    const result = await expectNoLeak(() =>
      trainModel(model, task, {
        steps: 200, batchSize: 32, learningRate: 1e-2, warmupSteps: 20, validateEvery: 100, validationSize: 200,
        outDir: dir, metadata: { task: 'reverse' }, onValidation: (r) => reports.push(r),
      }),
    );
    expect(reports.map((r) => r.step)).toEqual([100, 200]);
    expect(result.best.exactMatch).toBeGreaterThan(0.9);
    const { model: saved, metadata } = loadSeq2SeqModel(dir);
    expect(metadata).toMatchObject({ task: 'reverse', validation: { step: result.best.step } });
    const test = task.generate('test', 200, 1);
    expect(evaluateModel(saved, test).exactMatch).toBeGreaterThan(0.9);
    saved.dispose();
    model.dispose();
  });

  it('stops at the first update past its time budget, with a last validation, and can choose by BLEU', async () => {
    const vocab = letterVocabulary();
    const model = new Seq2SeqModel({
      sourceVocabulary: vocab, targetVocabulary: vocab, embeddingSize: 4, encoderUnits: 4, decoderUnits: 8,
      attentionUnits: 8, maxSourceLength: 4, maxTargetLength: 6, seed: 2,
    });
    const steps: number[] = [];
    const reports: ValidationReport[] = [];
    // A budget of a nanosecond is spent by the first update, whatever the machine's speed.
    const result = await trainModel(model, reverseTask(4), {
      steps: 50, batchSize: 8, learningRate: 1e-2, validateEvery: 10, validationSize: 20, budgetSeconds: 1e-9,
      selectBy: 'bleu', onStep: (s) => steps.push(s.step), onValidation: (r) => reports.push(r),
    });
    expect(steps).toEqual([1]);
    expect(result.steps).toBe(1);
    expect(reports.map((r) => [r.step, r.improved])).toEqual([[1, true]]);
    await expect(trainModel(model, reverseTask(4), {
      steps: 5, batchSize: 8, learningRate: 1e-2, validateEvery: 10, validationSize: 20, budgetSeconds: 0,
    })).rejects.toThrow(/budgetSeconds must be positive/);
    model.dispose();
  });
});
