import { positiveInteger } from '@rnnkit/common';
import { cosineDecay, createOptimizer, DataParallelTrainer, defaultThreads, setLearningRate, type tf } from '@rnnkit/rnn-core';
import { makeTrainingBatch } from '../data/batch';
import { evaluateModel } from '../evaluate';
import { saveSeq2SeqCheckpoint, saveSeq2SeqModel } from '../model/model-files';
import type { Seq2SeqModel } from '../model/seq2seq-model';
import { Seq2SeqError } from '../seq2seq-error';
import type { Task } from '../tasks/types';
import { arrayBatch, seq2seqReplica, seq2seqReplicaSpec, type Seq2SeqArrayBatch } from './seq2seq-replica';
import { TrainingStream, encodePair } from './training-data';

/** Options of {@link trainModel}. */
export interface TrainOptions {
  /** Parameter updates. */
  readonly steps: number;
  /** Pairs per update. */
  readonly batchSize: number;
  /** Peak Adam learning rate (after warm-up). */
  readonly learningRate: number;
  /** Linear warm-up updates before the cosine decay. Default 100. */
  readonly warmupSteps?: number;
  /** Learning rate at the end of the cosine decay. Default learningRate / 30. */
  readonly minLearningRate?: number;
  /** Global gradient-norm clipping threshold. Default 5. */
  readonly clipNorm?: number;
  /** Updates between validations (also done after the last update). */
  readonly validateEvery: number;
  /** Pairs of the validation split decoded at each validation (task seed 0, the same every time). */
  readonly validationSize: number;
  /**
   * What "best" means when choosing the checkpoint to save: `'exact-match'` (the default: exact match, then CER,
   * then loss) or `'bleu'` (BLEU, then loss) for tasks whose outputs are rarely exactly right, like real sentences.
   */
  readonly selectBy?: 'exact-match' | 'bleu';
  /**
   * Wall-clock budget in seconds: training stops (with a last validation) at the first update that ends past it,
   * and the learning-rate schedule follows whichever of updates or time is further along. Default: no budget.
   */
  readonly budgetSeconds?: number;
  /** Seed of the training-data stream. Default 0. */
  readonly seed?: number;
  /**
   * Keep the latest state here at every validation — weights, optimizer state and progress (`TrainingState` under
   * the metadata's `trainingState`) — so that an interrupted run can be continued with `resume`.
   */
  readonly checkpointDir?: string;
  /** Continue a run from its checkpoint: the optimizer read back with it (trainModel disposes it) and its `trainingState`. */
  readonly resume?: { readonly optimizer: tf.Optimizer; readonly state: TrainingState };
  /** Save the best model so far here (atomically) whenever validation improves. */
  readonly outDir?: string;
  /** Saved with the model (see `saveSeq2SeqModel`); the validation figures are added. */
  readonly metadata?: Record<string, unknown>;
  /** Called after every update. */
  readonly onStep?: (info: StepInfo) => void;
  /** Called after every validation. */
  readonly onValidation?: (report: ValidationReport) => void;
  /**
   * Threads to train on (rnn-core's `DataParallelTrainer`: each computes the gradients of a slice of every batch).
   * Default `defaultThreads()` (`RNNKIT_THREADS`, else every core); 1 trains on this thread alone. With dropout,
   * each thread draws its own masks, so runs on different thread counts differ; without, they agree to ~1e-7.
   */
  readonly threads?: number;
  /** Told why training runs on fewer threads than asked (e.g. a backend that does not load in worker threads). */
  readonly onNotice?: (notice: string) => void;
}

/** What one update did. */
export interface StepInfo {
  /** 1-based update count. */
  readonly step: number;
  /** Training loss of the batch, nats per target symbol. */
  readonly loss: number;
  readonly gradientNorm: number;
  readonly learningRate: number;
  /** True when the update was skipped because the loss or gradients were not finite. */
  readonly skipped: boolean;
}

/** Validation figures after an update. */
export interface ValidationReport {
  readonly step: number;
  /** Teacher-forced loss, nats per target symbol. */
  readonly loss: number;
  /** Greedy-decoding exact match. */
  readonly exactMatch: number;
  readonly cer: number;
  readonly bleu: number;
  /** True when this is the best validation so far (see `TrainOptions.selectBy`). */
  readonly improved: boolean;
}

/** How far a run had got when its checkpoint was written (saved in the checkpoint's metadata as `trainingState`). */
export interface TrainingState {
  /** Updates made. */
  readonly step: number;
  /** Wall-clock seconds spent, counted against `budgetSeconds`. */
  readonly seconds: number;
  readonly skippedSteps: number;
  readonly best: ValidationReport | null;
  readonly history: readonly ValidationReport[];
}

/** What a training run did. */
export interface TrainResult {
  /** Updates made (fewer than asked when the time budget ran out). */
  readonly steps: number;
  /** Updates skipped for non-finite loss or gradients. */
  readonly skippedSteps: number;
  /** The best validation (the saved model's). */
  readonly best: ValidationReport;
  readonly history: readonly ValidationReport[];
}

function isBetter(a: ValidationReport, b: ValidationReport | null, selectBy: 'exact-match' | 'bleu'): boolean {
  if (!b) return true;
  if (selectBy === 'bleu') return a.bleu !== b.bleu ? a.bleu > b.bleu : a.loss < b.loss;
  if (a.exactMatch !== b.exactMatch) return a.exactMatch > b.exactMatch;
  if (a.cer !== b.cer) return a.cer < b.cer;
  return a.loss < b.loss;
}

/**
 * Trains a model on a task's train split with teacher forcing: Adam, linear warm-up then cosine decay of the
 * learning rate, global-norm gradient clipping, updates with a non-finite loss or gradient skipped. Every
 * `validateEvery` updates it decodes a fixed validation sample greedily; the best model (exact match, then CER,
 * then teacher-forced loss) is saved to `outDir`. Asynchronous only to let progress displays and signals run
 * between updates; the model ends with the last update's weights, the saved one holds the best.
 */
export async function trainModel(model: Seq2SeqModel, task: Task, options: TrainOptions): Promise<TrainResult> {
  const { steps, batchSize, learningRate, validateEvery, validationSize } = options;
  positiveInteger('steps', steps);
  positiveInteger('validateEvery', validateEvery);
  positiveInteger('validationSize', validationSize);
  if (!(learningRate > 0)) throw new Seq2SeqError('BAD_INPUT', `learningRate must be positive, got ${learningRate}`);
  const budget = options.budgetSeconds ?? Infinity;
  if (!(budget > 0)) throw new Seq2SeqError('BAD_INPUT', `budgetSeconds must be positive, got ${budget}`);
  const state = options.resume?.state;
  const started = Date.now();
  const elapsed = () => (state?.seconds ?? 0) + (Date.now() - started) / 1000;
  const clipNorm = options.clipNorm ?? 5;
  const schedule = cosineDecay(learningRate, steps, {
    warmupSteps: options.warmupSteps ?? 100,
    minimum: options.minLearningRate ?? learningRate / 30,
  });
  const { sourceVocabulary: source, targetVocabulary: target, config } = model;
  const stream = new TrainingStream(task, source, target, { batchSize, maxSourceLength: config.maxSourceLength, seed: options.seed ?? 0 });
  const validation = task.generate('validation', validationSize, 0);
  const validationBatches: ReturnType<typeof makeTrainingBatch>[] = [];
  for (let i = 0; i < validation.length; i += 256) {
    validationBatches.push(makeTrainingBatch(validation.slice(i, i + 256).map((p) => encodePair(p, source, target, config.maxSourceLength))));
  }
  const optimizer = options.resume?.optimizer ?? createOptimizer({ name: 'adam', learningRate });
  const history: ValidationReport[] = [...(state?.history ?? [])];
  let best: ValidationReport | null = state?.best ?? null;
  let skippedSteps = state?.skippedSteps ?? 0;
  let done = state?.step ?? 0;
  // The stream is deterministic: a resumed run skips the batches the first part used.
  for (let i = 0; i < done; i++) stream.next();
  const spent = state !== undefined && elapsed() >= budget;
  let trainer: DataParallelTrainer<Seq2SeqArrayBatch> | null = null;
  try {
    trainer = await DataParallelTrainer.start({
      threads: options.threads ?? defaultThreads(),
      replica: seq2seqReplicaSpec(model),
      local: seq2seqReplica(model),
      optimizer,
      clipNorm,
    });
    if (trainer.notice) options.onNotice?.(trainer.notice);
    for (let step = done + 1; step <= steps && !spent; step++) {
      const rate = schedule(Math.max(step - 1, Math.floor((elapsed() / budget) * steps)));
      setLearningRate(optimizer, rate);
      const batch = stream.next();
      const { loss, gradientNorm, skipped } = await trainer.step(arrayBatch(batch));
      if (skipped) skippedSteps++;
      options.onStep?.({ step, loss, gradientNorm, learningRate: rate, skipped });
      done = step;
      const last = step === steps || elapsed() >= budget;

      if (step % validateEvery === 0 || last) {
        const losses = validationBatches.map((b) => {
          const l = model.loss(b);
          const v = l.dataSync()[0];
          l.dispose();
          return v * b.targetMask.reduce((s, m) => s + m, 0);
        });
        const symbols = validationBatches.reduce((s, b) => s + b.targetMask.reduce((a, m) => a + m, 0), 0);
        const scores = evaluateModel(model, validation, { batchSize: 256, tokenize: task.bleuTokenize });
        const candidate = { step, loss: losses.reduce((a, b) => a + b, 0) / symbols, exactMatch: scores.exactMatch, cer: scores.cer, bleu: scores.bleu };
        const improved = isBetter({ ...candidate, improved: false }, best, options.selectBy ?? 'exact-match');
        const report: ValidationReport = { ...candidate, improved };
        history.push(report);
        if (improved) {
          best = report;
          if (options.outDir) saveSeq2SeqModel(model, options.outDir, { ...options.metadata, validation: report });
        }
        if (options.checkpointDir) {
          const trainingState: TrainingState = { step, seconds: elapsed(), skippedSteps, best, history };
          await saveSeq2SeqCheckpoint(model, options.checkpointDir, optimizer, { ...options.metadata, trainingState });
        }
        options.onValidation?.(report);
      }
      if (last) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await trainer?.close();
    optimizer.dispose();
  }
  return { steps: done, skippedSteps, best: best as ValidationReport, history };
}
