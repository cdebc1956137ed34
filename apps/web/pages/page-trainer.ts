// Training a small character model on pasted text, step by step, inside the text worker. The loop yields to the
// worker's event loop after every step so that a "stop" message is seen between steps.
import { BpttBatcher, createCharModel, generateText, Vocabulary } from '@rnnkit/char-lm';
import { createOptimizer, softmaxCrossEntropy, tf, trainStep, type SequenceModel } from '@rnnkit/rnn-core';

/** Settings of a training run in the page. */
export interface PageTrainingOptions {
  /** Updates to run, 1–5000. */
  steps: number;
  /** GRU units, 8–512. */
  hidden: number;
}

/** Rows per batch and steps per window of the in-page training. */
const BATCH = 16;
const WINDOW = 32;
/** The fewest characters that fill one batch of windows. */
export const MIN_TRAINING_CHARS = BATCH * (WINDOW + 1);

/** What the run reports while it goes. */
export interface PageTrainingEvents {
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
  return null;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Trains a one-layer GRU with one-hot input (the wasm backend has no kernel for the embedding's gradient) by
 * truncated BPTT with Adam, reporting every step's loss and a short sample every `sampleEvery` steps.
 */
export async function trainInPage(text: string, options: PageTrainingOptions, events: PageTrainingEvents, sampleEvery = 25): Promise<PageTrainedModel> {
  const vocabulary = Vocabulary.fromCorpus(text);
  const model = createCharModel(vocabulary.size, { cell: 'gru', layers: 1, hidden: options.hidden, embedding: 0, seed: 1 });
  const optimizer = createOptimizer({ name: 'adam', learningRate: 0.01 });
  try {
    const batcher = new BpttBatcher(vocabulary.encode(text).ids, { batchSize: BATCH, seqLen: WINDOW, dropPartial: true });
    let step = 0;
    while (step < options.steps && !events.shouldStop()) {
      model.resetStates();
      for (const w of batcher.windows()) {
        if (step >= options.steps || events.shouldStop()) break;
        const started = performance.now();
        const input = tf.tensor2d(w.x, [BATCH, w.steps], 'int32');
        const targets = tf.tensor2d(w.y, [BATCH, w.steps], 'int32');
        try {
          const result = trainStep(model, { input, targets }, { optimizer, loss: softmaxCrossEntropy, clipNorm: 5, carryState: true });
          step++;
          events.onLoss(step, result.loss, performance.now() - started);
        } finally {
          tf.dispose([input, targets]);
        }
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
    optimizer.dispose();
  }
}
