import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '@rnnkit/common';
import type { tf } from '../tfjs';
import { ModelFileError } from './model-file-error';
import {
  decodeModel,
  encodeModel,
  MAX_MODEL_JSON_BYTES,
  MODEL_JSON,
  parseModelManifest,
  type EncodedModel,
  type ModelContents,
} from './model-format';
import { encodeModelFile, encodeModelFileSync } from './model-bytes';
import { modelFromContents, modelFromContentsSync, type ModelFile, type ModelKind, type SaveModelFileOptions } from './model-kind';
import { settingsDiff } from './settings-diff';

/**
 * Model directories on disk: the one module of the model-file API that uses the file system. The weights file is
 * written first and model.json second, each atomically, so a process killed at any moment leaves either the old
 * model or the new one, never a mixture.
 */

/** Writes encoded model files into `dir` (created if needed), then removes the weights file they replace. */
export function writeEncodedModel(dir: string, encoded: EncodedModel): void {
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, encoded.weightsFile), encoded.weights);
  writeFileAtomic(path.join(dir, MODEL_JSON), encoded.modelJson);
  // Only now is the previous weights file unreferenced; stale temporaries of killed writers go too.
  for (const name of fs.readdirSync(dir)) {
    if ((/^weights-[0-9a-f]+\.bin$/.test(name) && name !== encoded.weightsFile) || /\.tmp-\d+-[0-9a-f]+$/.test(name)) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

/** Writes any named float32 tensors (with kind, config and extra) as a model directory; see the module notes. */
export function writeModelDirectory(dir: string, contents: ModelContents): void {
  writeEncodedModel(dir, encodeModel(contents));
}

function readLimited(file: string, limit: number, what: string, expected?: number): Uint8Array {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new ModelFileError(file, `is not a file${what}`);
    size = stat.size;
  } catch (err) {
    if (err instanceof ModelFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(file, code === 'ENOENT' ? `is missing${what}` : `cannot be read (${code})`);
  }
  // Sizes are checked before the file is read, so a huge or truncated file costs nothing.
  if (expected !== undefined && size !== expected) throw new ModelFileError(file, `has ${size} bytes, model.json expects ${expected} (truncated?)`);
  if (size > limit) throw new ModelFileError(file, `is larger than ${limit} bytes; not a model.json`);
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new ModelFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code})`);
  }
}

/** Reads a model directory's files, checking format, version, sizes and checksum; the tensors are the caller's. */
export function readModelDirectory(dir: string): ModelContents {
  const jsonFile = path.join(dir, MODEL_JSON);
  const manifest = parseModelManifest(readLimited(jsonFile, MAX_MODEL_JSON_BYTES, ' — is this a model directory?'), jsonFile);
  const binFile = path.join(dir, manifest.weightsFile);
  const bytes = readLimited(binFile, manifest.weightsBytes, ' (model.json refers to it)', manifest.weightsBytes);
  return decodeModel(manifest, bytes, { json: jsonFile, weights: binFile });
}

/** Saves a model of `kind` into `dir`; with `optimizer`, a checkpoint that {@link resumeCheckpoint} continues. */
export async function saveModelFile<M, E>(kind: ModelKind<M, E>, model: M, dir: string, options: SaveModelFileOptions<E>): Promise<void> {
  writeEncodedModel(dir, await encodeModelFile(kind, model, options));
}

/** {@link saveModelFile} without optimizer state, for callers that cannot wait. */
export function saveModelFileSync<M, E>(kind: ModelKind<M, E>, model: M, dir: string, options: { extra: E }): void {
  writeEncodedModel(dir, encodeModelFileSync(kind, model, options));
}

/**
 * Loads a model of `kind` from `dir`, upgrading files of older kind versions; restores the optimizer when the
 * directory is a checkpoint. Every problem is a {@link ModelFileError} naming the file.
 */
export async function loadModelFile<M, E>(kind: ModelKind<M, E>, dir: string): Promise<ModelFile<M, E>> {
  return modelFromContents(kind, readModelDirectory(dir), path.join(dir, MODEL_JSON));
}

/** {@link loadModelFile} without the optimizer (a checkpoint's state is dropped), for callers that cannot wait. */
export function loadModelFileSync<M, E>(kind: ModelKind<M, E>, dir: string): ModelFile<M, E> {
  return modelFromContentsSync(kind, readModelDirectory(dir), path.join(dir, MODEL_JSON));
}

/** Options of {@link resumeCheckpoint}. */
export interface ResumeOptions<M, E> {
  /** The settings asked for now (flags, options); `undefined` ones were not asked for and are not compared. */
  requested: Record<string, unknown>;
  /** The settings the checkpoint was trained with, under the same keys. */
  saved: (checkpoint: { model: M; extra: E }) => Record<string, unknown>;
}

/** A checkpoint read back by {@link resumeCheckpoint}: always with its optimizer. */
export interface Checkpoint<M, E> extends ModelFile<M, E> {
  optimizer: tf.Optimizer;
}

/**
 * Reads the checkpoint in `dir` to continue training. It is an error (`BAD_USAGE`) when `dir` holds no
 * checkpoint, and when the requested settings differ from the checkpoint's — the message lists every difference;
 * a model saved without optimizer state is `BAD_MODEL`.
 */
export async function resumeCheckpoint<M, E>(kind: ModelKind<M, E>, dir: string, options: ResumeOptions<M, E>): Promise<Checkpoint<M, E>> {
  if (!fs.existsSync(path.join(dir, MODEL_JSON))) {
    throw new ModelFileError(dir, 'holds no checkpoint to resume from (no model.json); start without resuming, or name the directory of the run', 'BAD_USAGE');
  }
  const loaded = await loadModelFile(kind, dir);
  const release = () => {
    kind.dispose(loaded.model);
    loaded.optimizer?.dispose();
  };
  const file = path.join(dir, MODEL_JSON);
  if (!loaded.optimizer) {
    release();
    throw new ModelFileError(file, 'is a finished model, not a checkpoint: it has no optimizer state to resume from');
  }
  const differences = settingsDiff(options.saved(loaded), options.requested);
  if (differences.length > 0) {
    release();
    throw new ModelFileError(
      file,
      `was trained with other settings (${differences.join('; ')}); resume with the checkpoint's settings or start a new run`,
      'BAD_USAGE',
    );
  }
  return loaded as Checkpoint<M, E>;
}
