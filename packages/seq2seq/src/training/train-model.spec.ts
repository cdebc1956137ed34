import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluateModel } from '../evaluate';
import { loadSeq2SeqModel } from '../model/model-files';
import { Seq2SeqModel } from '../model/seq2seq-model';
import { letterVocabulary, reverseTask } from '../test-utils/tiny';
import { resumeCheckpoint, tf } from '@rnnkit/rnn-core';
import { seq2seqModelKind } from '../model/seq2seq-model-kind';
import { trainModel, type TrainingState, type ValidationReport } from './train-model';

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

  // Two threads cut each batch of 7 pairs into 4 + 3 rows and sum the slices' cross-entropy sums and gradients;
  // one thread takes the mean at once. Only the order of float32 sums differs (dropout is 0, the default), so
  // losses and weights after a few Adam updates agree far inside the bound of 1e-5.
  it('on two threads gives the losses and weights of one thread, and leaves no tensor behind', async () => {
    const vocab = letterVocabulary();
    const run = async (threads: number) => {
      const model = new Seq2SeqModel({
        sourceVocabulary: vocab, targetVocabulary: vocab, embeddingSize: 4, encoderUnits: 4, decoderUnits: 8,
        attentionUnits: 8, maxSourceLength: 4, maxTargetLength: 6, bidirectional: true, seed: 4,
      });
      const losses: number[] = [];
      await expectNoLeak(() => trainModel(model, reverseTask(4), {
        steps: 4, batchSize: 7, learningRate: 1e-2, warmupSteps: 1, validateEvery: 4, validationSize: 8, seed: 2, threads,
        onStep: (s) => losses.push(s.loss),
      }));
      const weights = model.namedWeights.map((w) => Array.from(w.variable.dataSync()));
      model.dispose();
      return { losses, weights };
    };
    const one = await run(1);
    const two = await run(2);
    expectClose(two.losses, one.losses, 1e-5);
    two.weights.forEach((w, i) => expectClose(w, one.weights[i], 1e-5));
  });

  it('trains on one thread and says why when the backend does not load in worker threads', async () => {
    // A backend the main thread alone knows (the cpu kernels under another name), as a native addon may be.
    tf.registerBackend('seq2seq-main-only', () => new MathBackendCPU());
    tf.getKernelsForBackend('cpu').forEach((kernel) => tf.registerKernel({ ...kernel, backendName: 'seq2seq-main-only' }));
    await tf.setBackend('seq2seq-main-only');
    const vocab = letterVocabulary();
    const model = new Seq2SeqModel({
      sourceVocabulary: vocab, targetVocabulary: vocab, embeddingSize: 4, encoderUnits: 4, decoderUnits: 8,
      attentionUnits: 8, maxSourceLength: 4, maxTargetLength: 6, seed: 4,
    });
    const notices: string[] = [];
    try {
      await trainModel(model, reverseTask(4), {
        steps: 1, batchSize: 4, learningRate: 1e-2, warmupSteps: 1, validateEvery: 1, validationSize: 4, seed: 2, threads: 2,
        onNotice: (notice) => notices.push(notice),
      });
    } finally {
      model.dispose();
      await tf.setBackend('wasm');
      tf.removeBackend('seq2seq-main-only');
    }
    expect(notices).toEqual([expect.stringMatching(/^the seq2seq-main-only backend does not load in a worker thread, so training runs on 1 thread/)]);
  });

  it('resumed from the checkpoint of an interrupted run, ends with the same weights as an uninterrupted run', async () => {
    const vocab = letterVocabulary();
    const make = () => new Seq2SeqModel({
      sourceVocabulary: vocab, targetVocabulary: vocab, embeddingSize: 4, encoderUnits: 4, decoderUnits: 8,
      attentionUnits: 8, maxSourceLength: 4, maxTargetLength: 6, seed: 3,
    });
    const options = { steps: 6, batchSize: 8, learningRate: 1e-2, warmupSteps: 2, validateEvery: 3, validationSize: 8, seed: 5, threads: 1 };
    const whole = make();
    await trainModel(whole, reverseTask(4), options);
    const expected = whole.namedWeights.map((w) => Array.from(w.variable.dataSync()));
    whole.dispose();

    const checkpointDir = path.join(dir, 'checkpoint');
    const first = make();
    const interrupted = trainModel(first, reverseTask(4), {
      ...options, checkpointDir, onStep: (s) => {
        if (s.step === 4) throw new Error('interrupted');
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted');
    first.dispose();

    const checkpoint = await resumeCheckpoint(seq2seqModelKind, checkpointDir, { requested: {}, saved: () => ({}) });
    const state = checkpoint.extra.metadata.trainingState as TrainingState;
    expect(state).toMatchObject({ step: 3, skippedSteps: 0 });
    const reports: ValidationReport[] = [];
    // The interrupted run trained on one thread; the rest runs on two.
    const result = await trainModel(checkpoint.model, reverseTask(4), {
      ...options, threads: 2, resume: { optimizer: checkpoint.optimizer, state }, onValidation: (r) => reports.push(r),
    });
    expect(result.steps).toBe(6);
    expect(reports.map((r) => r.step)).toEqual([6]);
    expect(result.history.map((r) => r.step)).toEqual([3, 6]);
    checkpoint.model.namedWeights.forEach((w, i) => expectClose(Array.from(w.variable.dataSync()), expected[i], 1e-5));
    checkpoint.model.dispose();
  });
});

function expectClose(actual: number[], expected: number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  const worst = Math.max(0, ...actual.map((a, i) => Math.abs(a - expected[i])));
  expect(worst).toBeLessThanOrEqual(tolerance);
}
