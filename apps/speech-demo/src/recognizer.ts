import { join } from 'node:path';
import { loadSpeechModel, Mode, Recognizer as SpeechRecognizer, RecognizerOptions as DecodeOptions, Transcription } from '@rnnkit/speech';
import { readClip } from './audio-input';

export type { Decoder } from '@rnnkit/speech';

/** The shipped model of a mode, inside this package: `models/word` or `models/sequence`. */
export function defaultModelDir(mode: Mode): string {
  return join(__dirname, '..', 'models', mode);
}

/** Options of {@link Recognizer.load}. */
export interface RecognizerOptions extends DecodeOptions {
  /** Model directory. Default: the shipped model of `mode`. */
  modelDir?: string;
}

/**
 * @rnnkit/speech's recognizer with what the command line adds: the shipped models by mode, and WAV files.
 *
 * @example
 * const recognizer = await Recognizer.load('word');
 * console.log(recognizer.recognizeFile('samples/7_espeak_0.wav').transcript);
 * recognizer.dispose();
 */
export class Recognizer extends SpeechRecognizer {
  /** Loads a model directory (default: the shipped model of `mode`); with `mode`, checks the model is of it. */
  static async load(mode?: Mode, options: RecognizerOptions = {}): Promise<Recognizer> {
    const { model, extra } = await loadSpeechModel(options.modelDir ?? defaultModelDir(mode ?? 'word'), mode);
    return new Recognizer(model, extra, options);
  }

  /** Recognizes a WAV file (any rate, depth or channel count audio-features reads; at most 60 s). */
  recognizeFile(path: string): Transcription {
    return this.recognize(readClip(path, { sampleRate: this.frontEnd.sampleRate }));
  }
}
