// The text page's worker: loads the shipped character model, streams generated text back in small batches, and
// trains a small model on pasted text — all off the page's main thread.
import { generate, type Vocabulary } from '@rnnkit/char-lm';
import { defaultThreads, webTrainingWorkers, type SequenceModel } from '@rnnkit/rnn-core';
import { startBackend, type PageBackend } from './backend';
import { loadTextModel, SHIPPED_TEXT_MODEL } from './models';
import { trainInPage, trainingProblem } from './page-trainer';
import type { FromTextWorker, GenerateRequest, ToTextWorker } from './text-messages';

const scope = self as unknown as { postMessage(message: FromTextWorker): void; onmessage: ((event: MessageEvent<ToTextWorker>) => void) | null };
const post = (message: FromTextWorker) => scope.postMessage(message);

/** How often (ms) streamed text is posted to the page: often enough to look live, rarely enough to stay cheap. */
const FLUSH_MS = 40;

let shipped: { model: SequenceModel; vocabulary: Vocabulary } | null = null;
let trained: { model: SequenceModel; vocabulary: Vocabulary } | null = null;
let stopGenerating = false;
let stopTraining = false;
let training = false;

async function load(backend: string): Promise<void> {
  try {
    await startBackend(backend as PageBackend);
    shipped = await loadTextModel(SHIPPED_TEXT_MODEL);
    post({ type: 'ready', backend, vocabularySize: shipped.vocabulary.size, threads: defaultThreads() });
  } catch (err) {
    post({ type: 'error', during: 'load', message: (err as Error).message });
  }
}

async function runGenerate(request: GenerateRequest): Promise<void> {
  const chosen = request.model === 'trained' ? trained : shipped;
  if (!chosen) {
    post({ type: 'error', during: 'generate', message: request.model === 'trained' ? 'train a model first' : 'the model is not loaded' });
    return;
  }
  stopGenerating = false;
  const started = performance.now();
  let chars = 0;
  let pending = '';
  let lastFlush = started;
  try {
    const stream = generate(chosen.model, chosen.vocabulary, {
      length: request.length,
      prime: request.prime,
      temperature: request.temperature,
      topK: request.topK,
      topP: request.topP,
      seed: request.seed,
      stop: request.stop,
    });
    for await (const chunk of stream) {
      pending += chunk;
      chars += chunk.length;
      const now = performance.now();
      if (now - lastFlush >= FLUSH_MS) {
        post({ type: 'text', text: pending, chars, ms: now - started });
        pending = '';
        lastFlush = now;
        // Let a "stop" message in before the next batch of characters.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (stopGenerating) break;
    }
    const ms = performance.now() - started;
    if (pending) post({ type: 'text', text: pending, chars, ms });
    post({ type: 'generated', chars, ms });
  } catch (err) {
    post({ type: 'error', during: 'generate', message: (err as Error).message });
  }
}

/** Where the training workers' bundle is (built beside this one). */
const TRAINING_WORKER = new URL('/js/training-worker.js', self.location.href);

async function runTraining(text: string, steps: number, hidden: number, asked: number): Promise<void> {
  const problem = trainingProblem(text, { steps, hidden, threads: asked });
  if (problem) {
    post({ type: 'error', during: 'train', message: problem });
    return;
  }
  if (training) return;
  training = true;
  stopTraining = false;
  // Workers share memory only where the page is cross-origin isolated; elsewhere training keeps to this thread.
  const isolated = (self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const threads = isolated ? asked : 1;
  const why = !isolated && asked > 1 ? 'the page is not cross-origin isolated, so its workers cannot share memory' : null;
  try {
    const result = await trainInPage(text, { steps, hidden, threads, spawn: webTrainingWorkers(TRAINING_WORKER) }, {
      onStart: (on, notice) => post({ type: 'training-on', threads: on, notice: notice ?? why }),
      onLoss: (step, loss, stepMs) => post({ type: 'loss', step, loss, stepMs }),
      onSample: (step, sample) => post({ type: 'sample', step, text: sample }),
      shouldStop: () => stopTraining,
    });
    trained?.model.dispose();
    trained = result;
    post({ type: 'trained', steps });
  } catch (err) {
    post({ type: 'error', during: 'train', message: (err as Error).message });
  } finally {
    training = false;
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'load') void load(message.backend);
  else if (message.type === 'generate') void runGenerate(message);
  else if (message.type === 'stop') stopGenerating = true;
  else if (message.type === 'train') void runTraining(message.text, message.steps, message.hidden, message.threads);
  else if (message.type === 'stop-training') stopTraining = true;
};
