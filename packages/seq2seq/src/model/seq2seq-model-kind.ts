import { decodeModelFile, fetchModelFile, type FetchModelOptions, type ModelFileBytes, type ModelKind } from '@rnnkit/rnn-core';
import { Vocabulary, type VocabularyJSON } from '../vocabulary';
import { resolveConfig } from './seq2seq-config';
import { Seq2SeqModel } from './seq2seq-model';

/** The `kind` written into model.json of a saved `Seq2SeqModel`. */
export const SEQ2SEQ_MODEL_KIND = 'Seq2Seq';

/** What a Seq2Seq model file keeps beside the weights (model.json's `extra`). */
export interface Seq2SeqExtra {
  sourceVocabulary: VocabularyJSON;
  targetVocabulary: VocabularyJSON;
  /** Whatever the saver passed (task name, training figures, …), plain JSON. */
  metadata: Record<string, unknown>;
}

/** A model read back from a file, URL or bytes, and the metadata saved with it. */
export interface LoadedSeq2SeqModel {
  readonly model: Seq2SeqModel;
  /** Whatever was passed when saving (task name, training figures, …). */
  readonly metadata: Record<string, unknown>;
}

/** Version 1 named the embedding tables `encoder/embedding` and `decoder/embedding`, and every encoder layer `…/forward/…`. */
function upgradeWeightName(name: string, bidirectional: boolean): string {
  if (name === 'encoder/embedding' || name === 'decoder/embedding') return `${name}/table`;
  return bidirectional ? name : name.replace(/^(encoder\/layer\d+)\/forward\//, '$1/');
}

/**
 * The Seq2Seq model-file kind. Version 2 names weights with `namedWeights(prefix)` (embedding tables end in
 * `/table`; one-way encoder layers have no `forward/`); version 1 files (no `kindVersion`, as shipped before) are
 * upgraded on load by renaming.
 */
export const seq2seqModelKind: ModelKind<Seq2SeqModel, Seq2SeqExtra> = {
  name: SEQ2SEQ_MODEL_KIND,
  version: 2,
  legacyVersion: ({ kind }) => (kind === SEQ2SEQ_MODEL_KIND ? 1 : null),
  upgrade: (parts, from) => {
    if (from !== 1) throw new Error(`no upgrade from version ${from}`);
    const bidirectional = (parts.config as { bidirectional?: unknown })?.bidirectional !== false;
    return { ...parts, weightNames: parts.weightNames.map((n) => upgradeWeightName(n, bidirectional)) };
  },
  parseExtra: (extra) => {
    const e = (extra ?? {}) as Partial<Seq2SeqExtra>;
    Vocabulary.fromJSON(e.sourceVocabulary);
    Vocabulary.fromJSON(e.targetVocabulary);
    const metadata = e.metadata === undefined ? {} : e.metadata;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new Error('metadata must be an object');
    return { sourceVocabulary: e.sourceVocabulary as VocabularyJSON, targetVocabulary: e.targetVocabulary as VocabularyJSON, metadata };
  },
  create: (config, extra) => {
    const { sourceVocabSize, targetVocabSize, ...architecture } = resolveConfig(config);
    const sourceVocabulary = Vocabulary.fromJSON(extra.sourceVocabulary);
    const targetVocabulary = Vocabulary.fromJSON(extra.targetVocabulary);
    if (sourceVocabulary.size !== sourceVocabSize || targetVocabulary.size !== targetVocabSize) {
      throw new Error(`vocabulary sizes ${sourceVocabulary.size}/${targetVocabulary.size} differ from the config's ${sourceVocabSize}/${targetVocabSize}`);
    }
    return new Seq2SeqModel({ ...architecture, sourceVocabulary, targetVocabulary });
  },
  configOf: (model) => model.config,
  namedWeights: (model) => model.namedWeights,
  dispose: (model) => model.dispose(),
};

/** The extra data to save with `model`. */
export function seq2seqExtra(model: Seq2SeqModel, metadata: Record<string, unknown>): Seq2SeqExtra {
  return { sourceVocabulary: model.sourceVocabulary.toJSON(), targetVocabulary: model.targetVocabulary.toJSON(), metadata };
}

/**
 * Loads a Seq2Seq model over HTTP (model.json at `url` or `url/model.json`, then its weights file), with the same
 * checks and `ModelFileError`s as from disk. For web pages: imports no Node built-in.
 */
export async function fetchSeq2SeqModel(url: string | URL, options?: FetchModelOptions): Promise<LoadedSeq2SeqModel> {
  const { model, extra } = await fetchModelFile(seq2seqModelKind, url, options);
  return { model, metadata: extra.metadata };
}

/** Loads a Seq2Seq model from the bytes of its model.json and weights file (e.g. files dropped on a page). */
export async function decodeSeq2SeqModel(bytes: ModelFileBytes): Promise<LoadedSeq2SeqModel> {
  const { model, extra } = await decodeModelFile(seq2seqModelKind, bytes);
  return { model, metadata: extra.metadata };
}
