import { join } from 'node:path';
import { loadModelFile, MODEL_JSON } from '@rnnkit/rnn-core';
import { SPEECH_MODEL_KIND, speechModelOfMode, type SpeechModel } from './model-files';
import type { Mode } from './mode';
import { Recognizer, RecognizerOptions } from './recognizer';

/**
 * Loads a speech model directory from disk (Node only), upgrading files of older versions; with `mode`, checks
 * the model is of it.
 *
 * @throws `ModelFileError` (`BAD_MODEL`) for a directory that is missing, corrupt, not a speech model, or not of `mode`.
 */
export async function loadSpeechModel(dir: string, mode?: Mode): Promise<SpeechModel> {
  return speechModelOfMode(await loadModelFile(SPEECH_MODEL_KIND, dir), join(dir, MODEL_JSON), mode);
}

/**
 * Loads a speech model directory into a {@link Recognizer} (Node only); with `mode`, checks the model is of it.
 *
 * @throws `ModelFileError` (`BAD_MODEL`) as {@link loadSpeechModel} does.
 */
export async function loadRecognizer(dir: string, mode?: Mode, options: RecognizerOptions = {}): Promise<Recognizer> {
  const { model, extra } = await loadSpeechModel(dir, mode);
  return new Recognizer(model, extra, options);
}
