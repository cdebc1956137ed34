import { loadModel, ModelFileError, SequenceModel } from '@rnnkit/rnn-core';
import { checkExtra, SpeechModelExtra } from './model-files';
import type { Mode } from './mode';
import { Recognizer, RecognizerOptions } from './recognizer';
import { SpeechError } from './speech-error';

/**
 * Loads a speech model directory from disk (Node only; rnn-core format: model.json + weights).
 *
 * @throws {@link SpeechError} `BAD_MODEL` for a directory that is missing, corrupt, or not of `mode`.
 */
export async function loadSpeechModel(dir: string, mode?: Mode): Promise<{ model: SequenceModel; extra: SpeechModelExtra }> {
  let loaded;
  try {
    loaded = await loadModel(dir);
  } catch (err) {
    if (err instanceof ModelFileError) throw new SpeechError('BAD_MODEL', `cannot load the model: ${err.message}`);
    throw err;
  }
  try {
    return { model: loaded.model, extra: checkExtra(dir, loaded.extra, loaded.model, mode) };
  } catch (err) {
    loaded.model.dispose();
    throw err;
  } finally {
    loaded.optimizer?.dispose();
  }
}

/**
 * Loads a speech model directory into a {@link Recognizer} (Node only); with `mode`, checks the model is of it.
 *
 * @throws {@link SpeechError} `BAD_MODEL` as {@link loadSpeechModel} does.
 */
export async function loadRecognizer(dir: string, mode?: Mode, options: RecognizerOptions = {}): Promise<Recognizer> {
  const { model, extra } = await loadSpeechModel(dir, mode);
  return new Recognizer(model, extra, options);
}
