// Where the site's shipped models are (the build copies them under /models/) and how each page loads them:
// through the packages' URL loaders, which apply the same format, size and checksum checks as loading from disk.
import { fetchCharModel, type CharModelFile } from '@rnnkit/char-lm';
import { fetchSeq2SeqModel, type Seq2SeqModel } from '@rnnkit/seq2seq';
import { fetchSpeechModel, Recognizer, type Mode } from '@rnnkit/speech';

/** The shipped character model (text-gen's default). */
export const SHIPPED_TEXT_MODEL = '/models/text/default/';

/** Loads a character model from a model directory's URL. */
export function loadTextModel(url: string): Promise<CharModelFile> {
  return fetchCharModel(new URL(url, self.location.href));
}

/** The shipped translation model of a task: dates, numbers-en, numbers-pt, en-pt or en-fr. */
export async function loadTranslationModel(task: string): Promise<Seq2SeqModel> {
  return (await fetchSeq2SeqModel(new URL(`/models/translate/${task}/`, self.location.href))).model;
}

/** A recognizer for the shipped speech model of `mode` (word: one digit per utterance; sequence: digit strings). */
export async function loadSpeechRecognizer(mode: Mode): Promise<Recognizer> {
  const { model, extra } = await fetchSpeechModel(new URL(`/models/speech/${mode}/`, self.location.href), mode);
  return new Recognizer(model, extra);
}
