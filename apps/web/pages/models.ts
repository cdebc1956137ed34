// TEMPORARY (until rnn-core's URL loading lands): fetches a model directory and builds the model from it.
import { Vocabulary as CharVocabulary } from '@rnnkit/char-lm';
import { SequenceModel, tf, type SequenceModelConfig } from '@rnnkit/rnn-core';
import { fetchSeq2SeqModel, type Seq2SeqModel } from '@rnnkit/seq2seq';

export const SHIPPED_TEXT_MODEL = '/models/text/default/';

interface Raw { json: any; weights: Map<string, tf.Tensor> }

async function fetchRaw(url: string): Promise<Raw> {
  const r = await fetch(new URL('model.json', new URL(url, self.location.href)));
  if (!r.ok) throw new Error(`${url}model.json: HTTP ${r.status}`);
  const json = await r.json();
  const b = await fetch(new URL(json.weightsFile, new URL(url, self.location.href)));
  if (!b.ok) throw new Error(`${url}${json.weightsFile}: HTTP ${b.status}`);
  const bytes = new Uint8Array(await b.arrayBuffer());
  const weights = new Map<string, tf.Tensor>();
  for (const e of json.weights) {
    const size = e.shape.reduce((a: number, c: number) => a * c, 1);
    weights.set(e.name, tf.tensor(new Float32Array(bytes.buffer.slice(e.offset, e.offset + size * 4)), e.shape));
  }
  return { json, weights };
}

function assign(named: { name: string; variable: tf.Variable }[], weights: Map<string, tf.Tensor>) {
  for (const { name, variable } of named) {
    const t = weights.get(name);
    if (!t) throw new Error(`missing ${name}`);
    variable.assign(t);
  }
  tf.dispose([...weights.values()]);
}

export async function loadTextModel(url: string): Promise<{ model: SequenceModel; vocabulary: CharVocabulary }> {
  const { json, weights } = await fetchRaw(url);
  const model = new SequenceModel(json.config as SequenceModelConfig);
  assign(model.namedWeights, weights);
  return { model, vocabulary: CharVocabulary.fromJSON(json.extra.vocabulary) };
}

/** The shipped translation model of a task, fetched from the site. */
export async function loadTranslationModel(task: string): Promise<Seq2SeqModel> {
  return (await fetchSeq2SeqModel(`/models/translate/${task}/`)).model;
}
