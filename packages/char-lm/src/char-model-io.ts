import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelFile, ModelFileError, saveModelFile, type SequenceModel, type tf } from '@rnnkit/rnn-core';
import { CHAR_MODEL_KIND, charModelFile, type CharModelFile } from './char-model-kind';
import type { ResolvedCharModelOptions } from './model';
import type { TrainingState } from './training-state';
import type { Vocabulary } from './vocabulary';

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
export interface LoadedCharModel extends CharModelFile {
  /** The directory the model was read from (see {@link findModelDirectory}). */
  dir: string;
}

/**
 * Saves a character model to `dir` (created if needed) as a `CharModel` file: rnn-core's model.json and weights
 * file, with the vocabulary, the architecture and, for checkpoints, the optimizer state and training state. The
 * weights file is written first and model.json last, each through a temporary file and a rename, so a process
 * killed at any moment leaves the previous model or the new one, never a mixture.
 */
export async function saveCharModel(dir: string, parts: CharModelParts): Promise<void> {
  const extra = {
    vocabulary: parts.vocabulary.toJSON(),
    architecture: parts.architecture,
    ...(parts.training ? { training: parts.training } : {}),
  };
  await saveModelFile(CHAR_MODEL_KIND, parts.model, dir, { extra, optimizer: parts.optimizer });
}

/**
 * Where the model of `dir` is: `dir` itself when it holds model.json, else its `best` subdirectory, else its
 * `last` one (the layout training writes). Throws `ModelFileError` (`BAD_MODEL`) naming `dir` when there is none.
 */
export function findModelDirectory(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ModelFileError(dir, 'no such model directory');
  const found = [dir, join(dir, 'best'), join(dir, 'last')].find((d) => existsSync(join(d, 'model.json')));
  if (found === undefined) {
    throw new ModelFileError(dir, 'not a model directory: it has no model.json, and no best/ or last/ with one');
  }
  return found;
}

/**
 * Loads a character model saved by {@link saveCharModel} (or by an earlier version) from `dir`, or from its
 * `best`/`last` subdirectory ({@link findModelDirectory}). Every problem — a missing or corrupt file, a checksum
 * mismatch, a model that is not a character model, a vocabulary that does not fit the model — throws
 * `ModelFileError` (`BAD_MODEL`) naming the file. Dispose `model` (and `optimizer`) when done.
 */
export async function loadCharModel(dir: string): Promise<LoadedCharModel> {
  const found = findModelDirectory(dir);
  return { ...charModelFile(await loadModelFile(CHAR_MODEL_KIND, found)), dir: found };
}
