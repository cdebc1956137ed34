import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, ModelFileError, saveModel, tf, type SequenceModel } from '@rnnkit/rnn-core';
import { CharLmError } from './errors';
import { resolveModelOptions, type ResolvedCharModelOptions } from './model';
import { parseTrainingState, type TrainingState } from './training-state';
import { Vocabulary, type VocabularyJSON } from './vocabulary';

const FORMAT = 'rnnkit-char-lm';

/** What {@link saveCharModel} writes beside the weights, in model.json's `extra` field. */
interface CharModelExtra {
  format: typeof FORMAT;
  version: 1;
  vocabulary: VocabularyJSON;
  architecture: ResolvedCharModelOptions;
  training?: TrainingState;
}

/** What to save: a model and its vocabulary, optionally the optimizer and the training state (a checkpoint). */
export interface CharModelParts {
  model: SequenceModel;
  vocabulary: Vocabulary;
  architecture: ResolvedCharModelOptions;
  /** Saved for resuming: Adam's moment estimates and step count. */
  optimizer?: tf.Optimizer;
  training?: TrainingState;
}

/** A character model read back by {@link loadCharModel}. */
export interface LoadedCharModel {
  model: SequenceModel;
  vocabulary: Vocabulary;
  architecture: ResolvedCharModelOptions;
  /** The optimizer with its state, when the directory is a checkpoint that has one. */
  optimizer: tf.Optimizer | null;
  /** The training state, when the directory was written by training. */
  training: TrainingState | null;
  /** The directory the model was read from (see {@link findModelDirectory}). */
  dir: string;
}

/**
 * Saves a character model to `dir` (created if needed): rnn-core's model.json and weights file, with the
 * vocabulary, the architecture and, for checkpoints, the optimizer state and training state. The weights file is
 * written first and model.json last, each through a temporary file and a rename, so a process killed at any
 * moment leaves the previous model or the new one, never a mixture.
 */
export async function saveCharModel(dir: string, parts: CharModelParts): Promise<void> {
  const extra: CharModelExtra = {
    format: FORMAT,
    version: 1,
    vocabulary: parts.vocabulary.toJSON(),
    architecture: parts.architecture,
    ...(parts.training ? { training: parts.training } : {}),
  };
  await saveModel(parts.model, dir, { extra, optimizer: parts.optimizer });
}

/**
 * Where the model of `dir` is: `dir` itself when it holds model.json, else its `best` subdirectory, else its
 * `last` one (the layout training writes). Throws `CharLmError` `bad-model` naming `dir` when there is none.
 */
export function findModelDirectory(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CharLmError('bad-model', 'no such model directory', dir);
  }
  const found = [dir, join(dir, 'best'), join(dir, 'last')].find((d) => existsSync(join(d, 'model.json')));
  if (found === undefined) {
    throw new CharLmError('bad-model', 'not a model directory: it has no model.json, and no best/ or last/ with one', dir);
  }
  return found;
}

function parseExtra(extra: unknown, file: string): Omit<CharModelExtra, 'training'> & { training: TrainingState | null } {
  const bad = (why: string) => new CharLmError('bad-model', why, file);
  if (typeof extra !== 'object' || extra === null || (extra as Partial<CharModelExtra>).format !== FORMAT) {
    throw bad('this is an rnnkit model but not a character language model (no char-lm vocabulary with it)');
  }
  const { version, vocabulary, architecture, training } = extra as Partial<CharModelExtra>;
  if (version !== 1) throw bad(`unsupported char-lm format version ${JSON.stringify(version)} (this library reads 1)`);
  let arch: ResolvedCharModelOptions;
  try {
    Vocabulary.fromJSON(vocabulary);
    arch = resolveModelOptions(architecture);
  } catch (error) {
    throw bad((error as Error).message);
  }
  return {
    format: FORMAT,
    version: 1,
    vocabulary: vocabulary as VocabularyJSON,
    architecture: arch,
    training: training === undefined ? null : parseTrainingState(training, file),
  };
}

/**
 * Loads a character model saved by {@link saveCharModel} from `dir`, or from its `best`/`last` subdirectory
 * ({@link findModelDirectory}). Every problem — a missing or corrupt file, a checksum mismatch, a model that is
 * not a character model, a vocabulary that does not fit the model — throws `CharLmError` `bad-model` naming the
 * file. Dispose `model` (and `optimizer`) when done.
 */
export async function loadCharModel(dir: string): Promise<LoadedCharModel> {
  const found = findModelDirectory(dir);
  const file = join(found, 'model.json');
  let loaded;
  try {
    loaded = await loadModel(found);
  } catch (error) {
    if (error instanceof ModelFileError) throw new CharLmError('bad-model', error.message.replace(`${error.file}: `, ''), error.file);
    throw error;
  }
  const { model, optimizer } = loaded;
  try {
    const extra = parseExtra(loaded.extra, file);
    const vocabulary = Vocabulary.fromJSON(extra.vocabulary);
    const { input, output } = model.config;
    if (input.type !== 'tokens' || input.vocabSize !== vocabulary.size || output.units !== vocabulary.size) {
      throw new CharLmError('bad-model', `the model does not match its vocabulary of ${vocabulary.size} characters`, file);
    }
    return { model, vocabulary, architecture: extra.architecture, optimizer, training: extra.training, dir: found };
  } catch (error) {
    model.dispose();
    optimizer?.dispose();
    throw error;
  }
}
