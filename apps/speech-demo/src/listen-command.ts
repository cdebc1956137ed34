import { createReadStream, statSync } from 'node:fs';
import { WavStreamDecoder } from '@rnnkit/audio-features';
import { Recognizer, StreamingOptions, StreamingRecognizer, Utterance } from '@rnnkit/speech';
import { SpeechDemoError } from './errors';

/** How `speech-demo listen` prints each utterance. */
export type ListenFormat = 'text' | 'json';

/** Options of {@link listen}. */
export interface ListenOptions extends StreamingOptions {
  /** `text` (default): `start-end<TAB>digits<TAB>confidence`; `json`: one object per line. */
  format?: ListenFormat;
}

/** One output line for an utterance (without the newline). */
export function formatUtterance(u: Utterance, format: ListenFormat): string {
  if (format === 'json') {
    const round = (x: number, places: number) => Number(x.toFixed(places));
    return JSON.stringify({
      start: round(u.start, 3),
      end: round(u.end, 3),
      transcript: u.transcript,
      confidence: round(u.confidence, 4),
      digits: u.digits.map((d) => ({ digit: d.digit, probability: round(d.probability, 4), probabilities: d.probabilities.map((p) => round(p, 4)) })),
      truncated: u.truncated,
      latencyMs: round(u.latencyMs, 1),
      computeMs: round(u.computeMs, 1),
    });
  }
  return `${u.start.toFixed(2)}-${u.end.toFixed(2)}\t${u.transcript || '-'}\t${u.confidence.toFixed(3)}`;
}

/**
 * Reads a WAV stream (e.g. `sox -d -t wav -` on stdin, or a file) as it arrives and writes one line per utterance
 * as soon as it ends. A streamed header with unknown sizes reads to the end of the input. Resolves to the
 * number of utterances.
 *
 * @throws AudioFeaturesError for input that is not a WAV stream (exit 2 on the command line).
 */
export async function listen(
  recognizer: Recognizer,
  input: AsyncIterable<Uint8Array>,
  writeLine: (line: string) => void,
  options: ListenOptions = {},
): Promise<number> {
  const { format = 'text', ...streaming } = options;
  const wav = new WavStreamDecoder();
  let live: StreamingRecognizer | undefined;
  let count = 0;
  const emit = (utterances: Utterance[]): void => {
    for (const u of utterances) writeLine(formatUtterance(u, format));
    count += utterances.length;
  };
  for await (const bytes of input) {
    const samples = wav.push(bytes);
    if (!wav.info) continue;
    live ??= new StreamingRecognizer(recognizer, wav.info.sampleRate, streaming);
    emit(live.push(samples));
  }
  wav.end();
  if (live) emit(live.end());
  return count;
}

/**
 * Opens `--input FILE` for {@link listen}, checking first that it is a readable file, so that a wrong path is one
 * clear `BAD_INPUT` line (exit 2) instead of a stream error later.
 */
export function openWavInput(path: string): AsyncIterable<Uint8Array> {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new SpeechDemoError('BAD_INPUT', 'no such file; check the path', path);
  }
  if (!isFile) throw new SpeechDemoError('BAD_INPUT', 'not a regular file; give a WAV file (or pipe the stream to stdin)', path);
  return createReadStream(path);
}
