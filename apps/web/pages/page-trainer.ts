// Training a small character model on pasted text, step by step, inside the text worker — on several threads
// (rnn-core's DataParallelTrainer on Web Workers) where the page is cross-origin isolated. The loop yields to the
// worker's event loop after every step so that a "stop" message is seen between steps.
import { BpttBatcher, createCharModel, generateText, Vocabulary } from '@rnnkit/char-lm';
import {
  createOptimizer,
  DataParallelTrainer,
  sequenceReplica,
  sequenceReplicaSpec,
  type SequenceArrayBatch,
  type SequenceModel,
  type SpawnTrainingWorker,
} from '@rnnkit/rnn-core';

/** Settings of a training run in the page. */
export interface PageTrainingOptions {
  /** Updates to run, 1–5000. */
  steps: number;
  /** GRU units, 8–512. */
  hidden: number;
  /** Threads to train on, the worker running this included; 1 (the default) starts no other worker. */
  threads?: number;
  /** How the other training workers start (needed when `threads` > 1). */
  spawn?: SpawnTrainingWorker;
}

/** Rows per batch and steps per window of the in-page training. */
const BATCH = 16;
const WINDOW = 32;
/** The fewest characters that fill one batch of windows. */
export const MIN_TRAINING_CHARS = BATCH * (WINDOW + 1);

/** What the run reports while it goes. */
export interface PageTrainingEvents {
  /** Once the trainer runs: on how many threads, and why fewer than asked (or null). */
  onStart?(threads: number, notice: string | null): void;
  onLoss(step: number, loss: number, stepMs: number): void;
  onSample(step: number, text: string): Promise<void> | void;
  shouldStop(): boolean;
}

/** A model trained in the page and its vocabulary. */
export interface PageTrainedModel {
  model: SequenceModel;
  vocabulary: Vocabulary;
}

/** Checks pasted text and options; returns a message for the page, or null when training can start. */
export function trainingProblem(text: string, options: PageTrainingOptions): string | null {
  if (text.trim().length === 0) return 'Paste some text to train on first: the box is empty.';
  if (text.length < MIN_TRAINING_CHARS) {
    return `The text is too short to train on: ${text.length} characters, at least ${MIN_TRAINING_CHARS} are needed (a few thousand work better).`;
  }
  if (!Number.isInteger(options.steps) || options.steps < 1 || options.steps > 5000) return 'Steps must be a whole number from 1 to 5000.';
  if (!Number.isInteger(options.hidden) || options.hidden < 8 || options.hidden > 512) return 'Hidden units must be a whole number from 8 to 512.';
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > 16) return 'Threads must be a whole number from 1 to 16.';
  return null;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Trains a one-layer GRU with one-hot input (the wasm backend has no kernel for the embedding's gradient) by
 * truncated BPTT with Adam, reporting every step's loss and a short sample every `sampleEvery` steps. Each window's
 * rows are shared among `options.threads` threads; the update is the one-thread update (within float rounding).
 */
export async function trainInPage(text: string, options: PageTrainingOptions, events: PageTrainingEvents, sampleEvery = 25): Promise<PageTrainedModel> {
  const vocabulary = Vocabulary.fromCorpus(text);
  const model = createCharModel(vocabulary.size, { cell: 'gru', layers: 1, hidden: options.hidden, embedding: 0, seed: 1 });
  const losses = { loss: 'softmaxCrossEntropy', carryState: true } as const;
  const optimizer = createOptimizer({ name: 'adam', learningRate: 0.01 });
  let trainer: DataParallelTrainer<SequenceArrayBatch> | null = null;
  try {
    trainer = await DataParallelTrainer.start<SequenceArrayBatch>({
      threads: options.threads ?? 1,
      spawn: options.spawn,
      replica: sequenceReplicaSpec(model, losses),
      local: sequenceReplica(model, losses),
      optimizer,
      clipNorm: 5,
    });
    events.onStart?.(trainer.threads, trainer.notice);
    const batcher = new BpttBatcher(vocabulary.encode(text).ids, { batchSize: BATCH, seqLen: WINDOW, dropPartial: true });
    let step = 0;
    while (step < options.steps && !events.shouldStop()) {
      trainer.resetStates();
      for (const w of batcher.windows()) {
        if (step >= options.steps || events.shouldStop()) break;
        const started = performance.now();
        const shape = [BATCH, w.steps];
        const result = await trainer.step({ input: { data: w.x, shape }, targets: { data: w.y, shape } });
        step++;
        events.onLoss(step, result.loss, performance.now() - started);
        if (step % sampleEvery === 0 || step === options.steps) {
          await events.onSample(step, await generateText(model, vocabulary, { length: 120, temperature: 0.7, seed: step }));
        }
        await nextTurn();
      }
    }
    model.resetStates();
    return { model, vocabulary };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    await trainer?.close();
    optimizer.dispose();
  }
}
