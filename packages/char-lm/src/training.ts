import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createOptimizer,
  DataParallelTrainer,
  defaultThreads,
  ModelFileError,
  resumeCheckpoint,
  sequenceReplica,
  sequenceReplicaSpec,
  setLearningRate,
  tf,
  type SequenceArrayBatch,
  type SequenceModel,
} from '@rnnkit/rnn-core';
import { BpttBatcher } from './batching';
import { saveCharModel } from './char-model-io';
import { CHAR_MODEL_KIND, type CharModelExtra } from './char-model-kind';
import { splitCorpus } from './corpus';
import { CharLmError } from './errors';
import { evaluateIds } from './evaluation';
import { generateText } from './generation';
import { createCharModel, resolveModelOptions, type CharModelOptions, type ResolvedCharModelOptions } from './model';
import { assertText } from './text-check';
import {
  FIXED_TRAINING_FIELDS,
  learningRateAt,
  resolveTrainingConfig,
  type ResolvedTrainingConfig,
  type TrainingConfig,
} from './training-config';
import type { TrainingState } from './training-state';
import { Vocabulary } from './vocabulary';

/** Where a run writes: `last` (periodic checkpoint with optimizer), `best` (best on validation). */
export const CHECKPOINT_DIRS = { last: 'last', best: 'best' } as const;

/** Updates averaged into one point of the training-loss history. */
const HISTORY_EVERY = 10;
/** Longest history kept; beyond it every other point is dropped, so checkpoints stay small on long runs. */
const HISTORY_LIMIT = 2000;

/** A snapshot for progress displays, sent after every update. */
export interface TrainingProgress {
  step: number;
  epoch: number;
  /** Share of the budget used, in [0, 1]. */
  done: number;
  /** Mean training loss of the recent updates, nats per character. */
  loss: number;
  learningRate: number;
  /** Training characters per second over the recent updates. */
  charsPerSecond: number;
  /** Estimated seconds until the budget is used. */
  etaSeconds: number;
  /** The latest validation loss, if any. */
  validation: number | null;
}

/** What a finished (or stopped) run reports. */
export interface TrainingResult {
  /** Why it ended: the budget was used, validation stopped improving, or `signal` aborted it. */
  stopReason: 'budget' | 'early-stopping' | 'aborted';
  state: TrainingState;
  /** The latest validation loss in nats/char — of the final weights when the budget ended the run; null without validation. */
  finalValidation: number | null;
  /** Training speed: characters per second of update time. */
  charsPerSecond: number;
}

/** Notices the run sends while it works; all optional. */
export interface TrainingEvents {
  onProgress?(progress: TrainingProgress): void;
  onValidation?(nats: number, state: TrainingState, isBest: boolean): void;
  /** After each checkpoint was written (`dir` is `last` or `best` inside the output directory). */
  onCheckpoint?(dir: string, state: TrainingState): void | Promise<void>;
  /** A sample of generated text, every `sampleSeconds`. */
  onSample?(text: string): void;
  /** Plain notices (vocabulary, resume, corpus changes, unknown characters). */
  onLog?(line: string): void;
}

/** Options of {@link trainCharModel}. */
export interface TrainOptions extends TrainingConfig, TrainingEvents {
  /** The corpus; its last `validationFraction` is held out. */
  text: string;
  /** Output directory: checkpoints go to `last/` and `best/` inside it. */
  outDir: string;
  /** Architecture of a new model (ignored on resume, where the checkpoint's is used). */
  model?: CharModelOptions;
  /** Continue the run saved in `outDir/last`. Without it, an `outDir` that already holds a run is refused. */
  resume?: boolean;
  /** Seconds between samples sent to `onSample`; 0 or absent sends none. */
  sampleSeconds?: number;
  /** Stops the run after the current update; a final checkpoint is still written. */
  signal?: AbortSignal;
  /**
   * Threads that share each update, each taking part of the batch's streams (see rnn-core's DataParallelTrainer),
   * never more than `batchSize`. Default: rnn-core's `defaultThreads()` — every core, or `RNNKIT_THREADS`. Not part
   * of the run's settings: a run may be resumed with any thread count.
   */
  threads?: number;
}

interface Run {
  model: SequenceModel;
  optimizer: tf.Optimizer;
  vocabulary: Vocabulary;
  architecture: ResolvedCharModelOptions;
  state: TrainingState;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function describeUnknown(unknown: ReadonlyMap<string, number>): string {
  return [...unknown].slice(0, 8).map(([ch, n]) => `${JSON.stringify(ch)}×${n}`).join(' ');
}

/**
 * What a resumed run keeps from its checkpoint, under one key each: the training fields that define the run and the
 * architecture. Compared by `resumeCheckpoint` with what was asked for now (given fields only).
 */
function fixedSettings(config: Partial<Record<(typeof FIXED_TRAINING_FIELDS)[number], number>> | undefined, model: CharModelOptions | undefined): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of FIXED_TRAINING_FIELDS) settings[key] = config?.[key];
  for (const [key, value] of Object.entries(model ?? {})) settings[`model.${key}`] = value;
  return settings;
}

/** A resumed run keeps the fields that define it (checked on loading); the budget and the timing may change. */
function resumedConfig(saved: ResolvedTrainingConfig, given: TrainingConfig): ResolvedTrainingConfig {
  const budget = given.minutes !== undefined || given.epochs !== undefined
    ? { minutes: given.minutes, epochs: given.epochs }
    : saved.epochs !== null ? { epochs: saved.epochs } : { minutes: saved.minutes as number };
  return resolveTrainingConfig({
    ...saved,
    minutes: undefined,
    epochs: undefined,
    ...budget,
    checkpointSeconds: given.checkpointSeconds ?? saved.checkpointSeconds,
    evalSeconds: given.evalSeconds ?? saved.evalSeconds,
    patience: given.patience ?? saved.patience,
  });
}

async function startRun(options: TrainOptions, trainText: string, validationText: string, corpusHash: string): Promise<Run> {
  const last = join(options.outDir, CHECKPOINT_DIRS.last);
  const log = options.onLog ?? (() => undefined);
  if (!options.resume) {
    const existing = [last, join(options.outDir, CHECKPOINT_DIRS.best)].find((d) => existsSync(d));
    if (existing) {
      throw new CharLmError('CHECKPOINT_EXISTS', 'this output directory already holds a training run; pass resume to continue it, or choose another directory', existing);
    }
    const config = resolveTrainingConfig(options);
    const architecture = resolveModelOptions(options.model);
    const vocabulary = Vocabulary.fromCorpus(trainText);
    log(`vocabulary: ${vocabulary.size} symbols (${vocabulary.size - 1} characters + UNK) from ${trainText.length} training characters`);
    const model = createCharModel(vocabulary.size, architecture);
    const optimizer = createOptimizer({ name: 'adam', learningRate: config.learningRate });
    const state: TrainingState = {
      config, step: 0, epoch: 0, window: 0, chars: 0, elapsedMs: 0, updateMs: 0, bestValidation: null, sinceBest: 0,
      history: { train: [], validation: [] },
      corpus: { trainChars: trainText.length, validationChars: validationText.length, sha256: corpusHash },
    };
    return { model, optimizer, vocabulary, architecture, state };
  }
  const loaded = await resumeCheckpoint(CHAR_MODEL_KIND, last, {
    requested: fixedSettings(options, options.model),
    saved: ({ extra }: { extra: CharModelExtra }) => fixedSettings(extra.training?.config, extra.architecture),
  });
  if (!loaded.extra.training) {
    loaded.model.dispose();
    loaded.optimizer.dispose();
    throw new ModelFileError(join(last, 'model.json'), 'has no training state to resume');
  }
  const vocabulary = Vocabulary.fromJSON(loaded.extra.vocabulary);
  const state = { ...loaded.extra.training, config: resumedConfig(loaded.extra.training.config, options) };
  if (state.corpus.sha256 !== corpusHash) log('note: the corpus differs from the one this checkpoint was trained on; training continues on the new one');
  state.corpus = { trainChars: trainText.length, validationChars: validationText.length, sha256: corpusHash };
  log(`resuming from ${last}: step ${state.step}, epoch ${state.epoch}, ${(state.elapsedMs / 60000).toFixed(1)} min trained, vocabulary of ${vocabulary.size}`);
  return { model: loaded.model, optimizer: loaded.optimizer, vocabulary, architecture: loaded.extra.architecture, state };
}

/**
 * Trains a character model on `text` (its last `validationFraction` held out) with truncated BPTT: the training
 * part is cut into `batchSize` contiguous streams, walked `seqLen` characters at a time with the state carried
 * across windows (reset at each epoch), one Adam update per window with gradients clipped to `clipNorm`. The
 * learning rate follows a half cosine from `learningRate` to `finalLearningRate` over the budget (`minutes` of
 * wall time, or `epochs`).
 *
 * Validation — nats/char over the held-out part, evaluated with carried state ({@link evaluateIds}) — runs every
 * `evalSeconds` and at the end. A new best is saved to `outDir/best` (model,
 * vocabulary, training state); `outDir/last` gets a checkpoint with the optimizer state every
 * `checkpointSeconds` and at the end. Both are written atomically, so a run killed at any moment leaves loadable
 * checkpoints, and `resume: true` continues from `last` with its vocabulary, optimizer state, counters, position
 * in the epoch (the recurrent state restarts from zeros there) and learning-rate schedule. `patience`
 * validations without a new best stop the run early.
 *
 * Throws `CharLmError`: `empty-corpus`/`binary-input` for unusable text, `bad-option` for bad settings or a text
 * too short for them, `checkpoint-exists` when `outDir` already holds a run and `resume` is not set; and
 * `ModelFileError`: `BAD_USAGE` when there is nothing to resume or the given settings differ from the
 * checkpoint's (all differences listed), `BAD_MODEL` for an unreadable checkpoint. Nothing is written before these
 * checks pass.
 */
export async function trainCharModel(options: TrainOptions): Promise<TrainingResult> {
  assertText(options.text);
  const fraction = options.validationFraction ?? 0.1;
  resolveTrainingConfig(options); // reject bad settings before touching the output directory
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new CharLmError('BAD_OPTION', `threads must be a positive integer, got ${threads}`);
  const { train: trainText, validation: validationText } = splitCorpus(options.text, fraction);
  const run = await startRun(options, trainText, validationText, sha256(options.text));
  let trainer: DataParallelTrainer<SequenceArrayBatch> | null = null;
  try {
    const losses = { loss: 'softmaxCrossEntropy', carryState: true } as const;
    trainer = await DataParallelTrainer.start({
      // A thread beyond the batch's streams would never get a row.
      threads: Math.min(threads, run.state.config.batchSize),
      replica: sequenceReplicaSpec(run.model, losses),
      local: sequenceReplica(run.model, losses),
      optimizer: run.optimizer,
      clipNorm: run.state.config.clipNorm,
    });
    if (trainer.notice) options.onLog?.(`note: ${trainer.notice}`);
    options.onLog?.(`training on ${trainer.threads} thread${trainer.threads === 1 ? '' : 's'}`);
    return await trainLoop(run, trainer, options, trainText, validationText);
  } finally {
    await trainer?.close();
    run.model.dispose();
    run.optimizer.dispose();
  }
}

async function trainLoop(
  run: Run,
  trainer: DataParallelTrainer<SequenceArrayBatch>,
  options: TrainOptions,
  trainText: string,
  validationText: string,
): Promise<TrainingResult> {
  const { model, optimizer, vocabulary, architecture, state } = run;
  const { config } = state;
  const log = options.onLog ?? (() => undefined);
  const trainIds = vocabulary.encode(trainText).ids;
  const held = vocabulary.encode(validationText);
  if (held.unknownCount > 0) {
    log(`validation text: ${held.unknownCount} characters not in the vocabulary, scored as UNK: ${describeUnknown(held.unknown)}`);
  }
  const validationIds = held.ids.length >= 2 ? held.ids : null;
  const batcher = new BpttBatcher(trainIds, { batchSize: config.batchSize, seqLen: config.seqLen });
  const sessionStart = performance.now();
  const elapsedBefore = state.elapsedMs;
  const elapsed = () => elapsedBefore + (performance.now() - sessionStart);
  const budgetDone = () =>
    config.epochs !== null
      ? (state.epoch + state.window / batcher.windowCount) / config.epochs
      : elapsed() / ((config.minutes as number) * 60_000);

  let lastCheckpoint = performance.now();
  let lastValidation = performance.now();
  let lastSample = performance.now();
  let latestValidation: number | null = state.history.validation.at(-1)?.[1] ?? null;
  let recentLoss: number[] = [];
  let smoothLoss: number | null = null;
  let speed = 0;

  const checkpoint = async (kind: 'last' | 'best') => {
    state.elapsedMs = elapsed();
    const dir = join(options.outDir, CHECKPOINT_DIRS[kind]);
    await saveCharModel(dir, { model, vocabulary, architecture, training: state, optimizer: kind === 'last' ? optimizer : undefined });
    await options.onCheckpoint?.(dir, state);
  };
  const validate = async (): Promise<void> => {
    lastValidation = performance.now();
    if (!validationIds) return;
    const { nats, chars } = evaluateIds(model, validationIds);
    const loss = nats / chars;
    latestValidation = loss;
    state.history.validation.push([state.chars, loss]);
    const isBest = state.bestValidation === null || loss < state.bestValidation;
    if (isBest) {
      state.bestValidation = loss;
      state.sinceBest = 0;
      await checkpoint('best');
    } else {
      state.sinceBest++;
    }
    options.onValidation?.(loss, state, isBest);
  };

  // A first checkpoint before the first update: from now on a killed run can always be resumed.
  if (state.step === 0) await checkpoint('last');
  let stopReason: TrainingResult['stopReason'] = 'budget';
  outer: while (budgetDone() < 1) {
    if (state.window >= batcher.windowCount) {
      state.epoch++;
      state.window = 0;
    }
    // A new epoch starts from zeros; so does a resumed one (the carried state is not saved).
    trainer.resetStates();
    for (const w of batcher.windows(state.window)) {
      if (options.signal?.aborted) {
        stopReason = 'aborted';
        break outer;
      }
      const learningRate = learningRateAt(config, budgetDone());
      setLearningRate(optimizer, learningRate);
      const started = performance.now();
      const shape = [config.batchSize, w.steps];
      const result = await trainer.step({ input: { data: w.x, shape }, targets: { data: w.y, shape } });
      const ms = performance.now() - started;
      const chars = config.batchSize * w.steps;
      state.step++;
      state.window = w.index + 1;
      state.chars += chars;
      state.updateMs += ms;
      speed = speed === 0 ? chars / (ms / 1000) : 0.9 * speed + 0.1 * (chars / (ms / 1000));
      if (!result.skipped) {
        smoothLoss = smoothLoss === null ? result.loss : 0.95 * smoothLoss + 0.05 * result.loss;
        recentLoss.push(result.loss);
      }
      if (recentLoss.length >= HISTORY_EVERY) {
        state.history.train.push([state.chars, recentLoss.reduce((a, b) => a + b) / recentLoss.length]);
        if (state.history.train.length > HISTORY_LIMIT) state.history.train = state.history.train.filter((_, i) => i % 2 === 1);
        recentLoss = [];
      }
      const done = budgetDone();
      options.onProgress?.({
        step: state.step,
        epoch: state.epoch,
        done: Math.min(1, done),
        loss: smoothLoss ?? result.loss,
        learningRate,
        charsPerSecond: speed,
        etaSeconds: etaSeconds(config, done, elapsed(), batcher.windowCount, state, speed),
        validation: latestValidation,
      });
      if (done >= 1) break outer;
      const now = performance.now();
      if (validationIds && now - lastValidation >= config.evalSeconds * 1000) {
        await validate();
        if (state.sinceBest >= config.patience) {
          stopReason = 'early-stopping';
          break outer;
        }
      }
      if (now - lastCheckpoint >= config.checkpointSeconds * 1000) {
        await checkpoint('last');
        lastCheckpoint = performance.now();
      }
      if (options.sampleSeconds && options.onSample && now - lastSample >= options.sampleSeconds * 1000) {
        options.onSample(await generateText(model, vocabulary, { length: 200, temperature: 0.8, seed: state.step }));
        lastSample = performance.now();
      }
      // Let timers and signal handlers run between updates.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  model.resetStates();
  if (stopReason === 'budget') await validate();
  await checkpoint('last');
  const charsPerSecond = state.updateMs > 0 ? state.chars / (state.updateMs / 1000) : 0;
  return { stopReason, state, finalValidation: latestValidation, charsPerSecond };
}

function etaSeconds(config: ResolvedTrainingConfig, done: number, elapsedMs: number, windowCount: number, state: TrainingState, speed: number): number {
  if (done >= 1) return 0;
  if (config.minutes !== null) return Math.max(0, config.minutes * 60 - elapsedMs / 1000);
  const windowsLeft = ((config.epochs as number) - state.epoch) * windowCount - state.window;
  return speed > 0 ? (windowsLeft * config.batchSize * config.seqLen) / speed : 0;
}
