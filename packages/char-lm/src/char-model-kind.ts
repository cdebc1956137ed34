import {
  decodeModelFile,
  fetchModelFile,
  SequenceModel,
  type FetchModelOptions,
  type ModelFileBytes,
  type ModelKind,
  type SequenceModelConfig,
  type tf,
} from '@rnnkit/rnn-core';
import { resolveModelOptions, type ResolvedCharModelOptions } from './model';
import { parseTrainingState, type TrainingState } from './training-state';
import { Vocabulary, type VocabularyJSON } from './vocabulary';

/** What a character model keeps beside its weights (model.json's `extra`). */
export interface CharModelExtra {
  vocabulary: VocabularyJSON;
  architecture: ResolvedCharModelOptions;
  /** Present in checkpoints written by training. */
  training?: TrainingState;
}

/** A character model read back from a directory, a URL or bytes. */
export interface CharModelFile {
  model: SequenceModel;
  vocabulary: Vocabulary;
  architecture: ResolvedCharModelOptions;
  /** The optimizer with its state, when the file is a checkpoint that has one. */
  optimizer: tf.Optimizer | null;
  /** The training state, when the file was written by training. */
  training: TrainingState | null;
}

/** How version 1 marked a character model inside a plain `SequenceModel` file. */
const V1_FORMAT = 'rnnkit-char-lm';

/**
 * The character-model kind. Version 2 is kind `CharModel`; version 1 files (kind `SequenceModel` with
 * `extra.format: "rnnkit-char-lm"` and `extra.version: 1`, as text-gen's shipped model) are read by dropping those
 * two markers.
 */
export const CHAR_MODEL_KIND: ModelKind<SequenceModel, CharModelExtra> = {
  name: 'CharModel',
  version: 2,
  legacyVersion: ({ kind, extra }) => {
    const e = extra as { format?: unknown; version?: unknown } | null;
    if (kind !== 'SequenceModel' || e?.format !== V1_FORMAT) return null;
    return typeof e.version === 'number' ? e.version : 0;
  },
  upgrade: (parts, from) => {
    if (from !== 1) throw new Error(`unsupported char-lm format version ${JSON.stringify(from)} (this library reads 1 and 2)`);
    const extra = { ...(parts.extra as Record<string, unknown>) };
    delete extra.format;
    delete extra.version;
    return { ...parts, extra };
  },
  parseExtra: (extra) => {
    const { vocabulary, architecture, training } = (extra ?? {}) as Partial<CharModelExtra>;
    Vocabulary.fromJSON(vocabulary);
    return {
      vocabulary: vocabulary as VocabularyJSON,
      architecture: resolveModelOptions(architecture),
      ...(training === undefined ? {} : { training: parseTrainingState(training) }),
    };
  },
  create: (config, extra) => {
    const size = Vocabulary.fromJSON(extra.vocabulary).size;
    const { input, output } = (config ?? {}) as Partial<SequenceModelConfig>;
    if (input?.type !== 'tokens' || input.vocabSize !== size || output?.units !== size) {
      throw new Error(`the model does not match its vocabulary of ${size} characters`);
    }
    return new SequenceModel(config as SequenceModelConfig);
  },
  configOf: (model) => model.config,
  namedWeights: (model) => model.namedWeights,
  dispose: (model) => model.dispose(),
};

/** The parts of a character model file, from what its kind read. */
export function charModelFile(loaded: { model: SequenceModel; extra: CharModelExtra; optimizer: tf.Optimizer | null }): CharModelFile {
  const { model, extra, optimizer } = loaded;
  return {
    model,
    vocabulary: Vocabulary.fromJSON(extra.vocabulary),
    architecture: extra.architecture,
    optimizer,
    training: extra.training ?? null,
  };
}

/**
 * Loads a character model over HTTP (model.json at `url` or `url/model.json`, then its weights file), with the same
 * checks and `ModelFileError`s as from disk. For web pages: imports no Node built-in. Dispose `model` when done.
 */
export async function fetchCharModel(url: string | URL, options?: FetchModelOptions): Promise<CharModelFile> {
  return charModelFile(await fetchModelFile(CHAR_MODEL_KIND, url, options));
}

/** Loads a character model from the bytes of its model.json and weights file (e.g. files dropped on a page). */
export async function decodeCharModel(bytes: ModelFileBytes): Promise<CharModelFile> {
  return charModelFile(await decodeModelFile(CHAR_MODEL_KIND, bytes));
}
