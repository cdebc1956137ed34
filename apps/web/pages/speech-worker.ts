// The speech page's worker: runs @rnnkit/speech's streaming recognizer over the audio blocks the page posts (from
// the microphone or a played file) and posts one result per utterance, as soon as the utterance ends.
import { StreamingRecognizer, type Mode, type Recognizer, type Utterance } from '@rnnkit/speech';
import { startBackend, type PageBackend } from './backend';
import { loadSpeechRecognizer } from './models';
import type { FromSpeechWorker, HeardUtterance, ToSpeechWorker } from './speech-messages';

const scope = self as unknown as { postMessage(message: FromSpeechWorker): void; onmessage: ((event: MessageEvent<ToSpeechWorker>) => void) | null };
const post = (message: FromSpeechWorker) => scope.postMessage(message);

let recognizer: Recognizer | null = null;
/** The current stream; a new one starts after each flush (end of a file, microphone off) or at a new rate. */
let stream: StreamingRecognizer | null = null;
/** Seconds of audio pushed into the current stream. */
let streamSeconds = 0;
let backendStarted = false;

async function load(backend: string, mode: Mode): Promise<void> {
  try {
    if (!backendStarted) {
      await startBackend(backend as PageBackend);
      backendStarted = true;
    }
    const next = await loadSpeechRecognizer(mode);
    stream = null;
    recognizer?.dispose();
    recognizer = next;
    post({ type: 'ready', mode, backend });
  } catch (err) {
    post({ type: 'error', during: 'load', message: (err as Error).message });
  }
}

/**
 * The page's view of a result. Its latency is measured on this side: the end of speech happened
 * `streamSeconds − end` seconds of audio before the block just received arrived, and the result is ready now — so
 * it counts the hangover, the block size and the computing, but not the few milliseconds a block takes to travel
 * from the audio thread to this worker.
 */
function heard(utterance: Utterance, blockArrivedMs: number): HeardUtterance {
  const endOfSpeechMs = blockArrivedMs - (streamSeconds - utterance.end) * 1000;
  return {
    digits: utterance.transcript,
    probabilities: utterance.digits.map((d) => d.probability),
    confidence: utterance.confidence,
    start: utterance.start,
    end: utterance.end,
    latencyMs: performance.now() - endOfSpeechMs,
    computeMs: utterance.computeMs,
  };
}

function push(samples: Float32Array, sampleRate: number): void {
  if (!recognizer) return;
  const arrived = performance.now();
  try {
    if (!stream || stream.inputRate !== sampleRate) {
      stream = new StreamingRecognizer(recognizer, sampleRate);
      streamSeconds = 0;
    }
    streamSeconds += samples.length / sampleRate;
    for (const utterance of stream.push(samples)) post({ type: 'utterance', utterance: heard(utterance, arrived) });
  } catch (err) {
    stream = null;
    post({ type: 'error', during: 'recognize', message: (err as Error).message });
  }
}

function flush(): void {
  const arrived = performance.now();
  try {
    for (const utterance of stream?.end() ?? []) post({ type: 'utterance', utterance: heard(utterance, arrived) });
  } catch (err) {
    post({ type: 'error', during: 'recognize', message: (err as Error).message });
  } finally {
    stream = null;
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'load') void load(message.backend, message.mode);
  else if (message.type === 'audio') push(message.samples, message.sampleRate);
  else if (message.type === 'flush') flush();
};
