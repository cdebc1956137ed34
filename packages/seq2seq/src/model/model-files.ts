import { ModelFileError, readModelDirectory, tf, writeModelDirectory } from '@rnnkit/rnn-core';
import * as path from 'node:path';
import { Vocabulary } from '../vocabulary';
import { resolveConfig } from './seq2seq-config';
import { Seq2SeqModel } from './seq2seq-model';

/** The `kind` written into model.json of a saved `Seq2SeqModel`. */
export const SEQ2SEQ_MODEL_KIND = 'Seq2Seq';

/** A model read back with {@link loadSeq2SeqModel}, and the metadata saved with it. */
export interface LoadedSeq2SeqModel {
  readonly model: Seq2SeqModel;
  /** Whatever was passed to `saveSeq2SeqModel` (task name, training figures, …). */
  readonly metadata: Record<string, unknown>;
}

interface Extra {
  sourceVocabulary: unknown;
  targetVocabulary: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * Saves a model atomically into `dir` (created if needed): model.json holds the architecture (`config`), both
 * vocabularies and `metadata` (plain JSON) under `extra`; the weights go to one checksummed binary file. A
 * process killed while saving leaves the previous model in place.
 */
export function saveSeq2SeqModel(model: Seq2SeqModel, dir: string, metadata: Record<string, unknown> = {}): void {
  const extra: Extra = {
    sourceVocabulary: model.sourceVocabulary.toJSON(),
    targetVocabulary: model.targetVocabulary.toJSON(),
    metadata,
  };
  writeModelDirectory(dir, {
    kind: SEQ2SEQ_MODEL_KIND,
    config: model.config,
    extra,
    weights: model.namedWeights.map((w) => ({ name: w.name, tensor: w.variable })),
  });
}

/**
 * Reads a model saved by {@link saveSeq2SeqModel}. Anything wrong — missing or corrupt files, another kind of
 * model, a bad config or vocabulary, missing, unknown or misshapen weights — is a `ModelFileError` naming the file.
 */
export function loadSeq2SeqModel(dir: string): LoadedSeq2SeqModel {
  const contents = readModelDirectory(dir, SEQ2SEQ_MODEL_KIND);
  const file = path.join(dir, 'model.json');
  const loaded = new Map(contents.weights.map((w) => [w.name, w.tensor]));
  let model: Seq2SeqModel | null = null;
  try {
    const extra = (contents.extra ?? {}) as Partial<Extra>;
    const { sourceVocabSize, targetVocabSize, ...architecture } = resolveConfig(contents.config);
    const sourceVocabulary = Vocabulary.fromJSON(extra.sourceVocabulary);
    const targetVocabulary = Vocabulary.fromJSON(extra.targetVocabulary);
    if (sourceVocabulary.size !== sourceVocabSize || targetVocabulary.size !== targetVocabSize) {
      throw new Error(`vocabulary sizes ${sourceVocabulary.size}/${targetVocabulary.size} differ from the config's ${sourceVocabSize}/${targetVocabSize}`);
    }
    model = new Seq2SeqModel({ ...architecture, sourceVocabulary, targetVocabulary });
    for (const { name, variable } of model.namedWeights) {
      const tensor = loaded.get(name);
      if (!tensor) throw new Error(`weight ${name} is missing`);
      if (tensor.shape.join() !== variable.shape.join()) {
        throw new Error(`weight ${name} has shape [${tensor.shape}], the config needs [${variable.shape}]`);
      }
      variable.assign(tensor);
      loaded.delete(name);
    }
    if (loaded.size > 0) throw new Error(`unknown weight(s) ${[...loaded.keys()].join(', ')}`);
    const metadata = extra.metadata && typeof extra.metadata === 'object' ? extra.metadata : {};
    return { model, metadata };
  } catch (err) {
    model?.dispose();
    throw err instanceof ModelFileError ? err : new ModelFileError(file, (err as Error).message);
  } finally {
    tf.dispose(contents.weights.map((w) => w.tensor));
  }
}
