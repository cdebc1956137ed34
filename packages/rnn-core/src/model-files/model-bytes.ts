import { ModelFileError } from './model-file-error';
import { decodeModel, encodeModel, MODEL_JSON, parseModelManifest, type EncodedModel } from './model-format';
import {
  captureOptimizer,
  modelContentsOf,
  modelFromContents,
  type ModelFile,
  type ModelKind,
  type SaveModelFileOptions,
} from './model-kind';

/** A model as bytes held in memory: model.json (text or bytes) and its weights file. */
export interface ModelFileBytes {
  modelJson: string | Uint8Array;
  weights: Uint8Array;
}

/** Encodes a model (and, for a checkpoint, its optimizer state) through its kind, as the two files that store it. */
export async function encodeModelFile<M, E>(kind: ModelKind<M, E>, model: M, options: SaveModelFileOptions<E>): Promise<EncodedModel> {
  const optimizer = options.optimizer ? await captureOptimizer(options.optimizer) : null;
  try {
    return encodeModel(modelContentsOf(kind, model, options.extra, optimizer?.contents));
  } finally {
    optimizer?.release();
  }
}

/** {@link encodeModelFile} without optimizer state, for callers that cannot wait. */
export function encodeModelFileSync<M, E>(kind: ModelKind<M, E>, model: M, options: { extra: E }): EncodedModel {
  return encodeModel(modelContentsOf(kind, model, options.extra));
}

/**
 * Loads a model of `kind` from bytes (a dropped file, a fetched buffer), with the same checks and errors as from
 * disk: format, kind and version, sizes, checksum, names and shapes of the weights. `names` label the two files
 * in errors (default `model.json` and the weights file named in it).
 */
export async function decodeModelFile<M, E>(
  kind: ModelKind<M, E>,
  bytes: ModelFileBytes,
  names: { modelJson?: string; weights?: string } = {},
): Promise<ModelFile<M, E>> {
  const jsonName = names.modelJson ?? MODEL_JSON;
  const manifest = parseModelManifest(bytes.modelJson, jsonName);
  if (!(bytes.weights instanceof Uint8Array)) throw new ModelFileError(names.weights ?? manifest.weightsFile, 'is missing');
  const contents = decodeModel(manifest, bytes.weights, { json: jsonName, weights: names.weights ?? manifest.weightsFile });
  return modelFromContents(kind, contents, jsonName);
}
