import { tf } from '../tfjs';
import { ModelFileError } from './model-file-error';
import { sha256Hex } from './sha256';

/**
 * The rnnkit model format, on bytes: `model.json` (format version, kind and its version, config, extra, weight
 * manifest, checksum) and one binary weights file named after its checksum. Nothing here touches a file system,
 * so the same code reads a model from disk, from a URL or from bytes a page was given.
 */

/** The format tag written into every model.json. */
export const MODEL_FORMAT = 'rnnkit-model';
/** Bumped on any incompatible change of the layout; each kind versions its own config and extra. */
export const MODEL_FORMAT_VERSION = 1;
/** The name of the manifest inside a model directory. */
export const MODEL_JSON = 'model.json';
/** model.json files larger than this are refused before they are read (vocabularies and histories stay far below). */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;
/** Weights files claiming more than this are refused before anything is allocated. */
export const MAX_WEIGHTS_BYTES = 2 ** 31 - 1;

/** A tensor with the name it is stored under. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Optimizer state kept in a checkpoint: the tfjs class name, its config and its slots in order. */
export interface OptimizerContents {
  className: string;
  config: unknown;
  weights: NamedTensor[];
}

/** What a model file holds, with its tensors. */
export interface ModelContents {
  /** What kind of model this is (e.g. `SequenceModel`); checked on load. */
  kind: string;
  /** The version of the kind's config and extra; files written before kinds had versions read as 0. */
  kindVersion?: number;
  /** The model's configuration, as plain JSON. */
  config: unknown;
  /** Anything else to keep with the model (vocabulary, training progress, …), as plain JSON. */
  extra?: unknown;
  weights: NamedTensor[];
  /** Optimizer state for resuming training. */
  optimizer?: OptimizerContents;
}

/** A model as the two files that store it. */
export interface EncodedModel {
  /** The text of model.json. */
  modelJson: string;
  /** The plain file name model.json gives the weights (`weights-<sha256 prefix>.bin`). */
  weightsFile: string;
  weights: Uint8Array;
}

interface ManifestEntry {
  name: string;
  shape: number[];
  offset: number;
}

/** model.json, checked: every field has its type, sizes are within limits and the weights file name is plain. */
export interface ModelManifest {
  format: string;
  formatVersion: number;
  kind: string;
  kindVersion?: number;
  config: unknown;
  extra?: unknown;
  weightsFile: string;
  weightsBytes: number;
  sha256: string;
  weights: ManifestEntry[];
  optimizer?: { className: string; config: unknown; weights: ManifestEntry[] };
}

/**
 * Whether `name` is a plain file name: it cannot leave the model's directory or URL (no separators, no `..`, no
 * leading dot, no scheme), whatever the file system or server.
 */
export function isPlainFileName(name: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/.test(name);
}

function manifest(list: NamedTensor[], start: number, chunks: Float32Array[]): { entries: ManifestEntry[]; end: number } {
  let offset = start;
  const entries = list.map(({ name, tensor }) => {
    if (tensor.dtype !== 'float32') throw new Error(`weight ${name} is ${tensor.dtype}; only float32 weights are stored`);
    // A float32 tensor cast from int32 may still hold an Int32Array (tfjs casts without copying when lossless).
    const data = tensor.dataSync();
    chunks.push(data instanceof Float32Array ? data : Float32Array.from(data));
    const entry = { name, shape: [...tensor.shape], offset };
    offset += tensor.size * 4;
    return entry;
  });
  return { entries, end: offset };
}

/** Encodes a model as the text of model.json and the bytes of its weights file. */
export function encodeModel(contents: ModelContents): EncodedModel {
  const chunks: Float32Array[] = [];
  const weights = manifest(contents.weights, 0, chunks);
  const optimizer = contents.optimizer ? manifest(contents.optimizer.weights, weights.end, chunks) : null;
  const bytes = new Uint8Array(optimizer ? optimizer.end : weights.end);
  let at = 0;
  for (const c of chunks) {
    bytes.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), at);
    at += c.byteLength;
  }
  const sha256 = sha256Hex(bytes);
  const weightsFile = `weights-${sha256.slice(0, 16)}.bin`;
  const json: ModelManifest = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: contents.kind,
    ...(contents.kindVersion === undefined ? {} : { kindVersion: contents.kindVersion }),
    config: contents.config,
    ...(contents.extra === undefined ? {} : { extra: contents.extra }),
    weightsFile,
    weightsBytes: bytes.byteLength,
    sha256,
    weights: weights.entries,
    ...(contents.optimizer && optimizer
      ? { optimizer: { className: contents.optimizer.className, config: contents.optimizer.config, weights: optimizer.entries } }
      : {}),
  };
  return { modelJson: `${JSON.stringify(json, null, 1)}\n`, weightsFile, weights: bytes };
}

function checkEntries(file: string, entries: unknown, weightsBytes: number): ManifestEntry[] {
  if (!Array.isArray(entries)) throw new ModelFileError(file, 'has no weight list');
  for (const e of entries as ManifestEntry[]) {
    if (typeof e?.name !== 'string' || !Array.isArray(e.shape) || !Number.isInteger(e.offset) || e.offset % 4 !== 0) {
      throw new ModelFileError(file, 'has a malformed weight entry');
    }
    if (e.shape.some((d) => !Number.isInteger(d) || d < 0)) throw new ModelFileError(file, `weight ${e.name} has an invalid shape`);
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset < 0 || e.offset + size * 4 > weightsBytes) throw new ModelFileError(file, `weight ${e.name} lies outside the weights file`);
  }
  return entries as ManifestEntry[];
}

/**
 * Parses and checks the text (or bytes) of model.json; `file` names it in errors. Checks the format and its
 * version, the field types, the weights file name (plain) and size (within {@link MAX_WEIGHTS_BYTES}), and that
 * every weight lies inside the weights file — all before a weights byte is read.
 */
export function parseModelManifest(text: string | Uint8Array, file: string): ModelManifest {
  if (text.length > MAX_MODEL_JSON_BYTES) throw new ModelFileError(file, `is larger than ${MAX_MODEL_JSON_BYTES} bytes; not a model.json`);
  let json: ModelManifest;
  try {
    json = JSON.parse(typeof text === 'string' ? text : new TextDecoder('utf-8', { fatal: true }).decode(text)) as ModelManifest;
  } catch {
    throw new ModelFileError(file, 'is not valid JSON (truncated or corrupt)');
  }
  if (json === null || typeof json !== 'object' || json.format !== MODEL_FORMAT) {
    throw new ModelFileError(file, `is not an rnnkit model (format "${String((json as ModelManifest | null)?.format)}")`);
  }
  if (json.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(file, `has format version ${json.formatVersion}; this rnnkit reads version ${MODEL_FORMAT_VERSION}`);
  }
  const fields: Array<[keyof ModelManifest, string]> = [['kind', 'string'], ['weightsFile', 'string'], ['weightsBytes', 'number'], ['sha256', 'string']];
  for (const [key, type] of fields) {
    if (typeof json[key] !== type) throw new ModelFileError(file, `field "${key}" is missing or not a ${type}`);
  }
  if (json.kindVersion !== undefined && !(Number.isInteger(json.kindVersion) && json.kindVersion >= 0)) {
    throw new ModelFileError(file, 'field "kindVersion" is not a whole number');
  }
  if (!isPlainFileName(json.weightsFile)) throw new ModelFileError(file, `weightsFile "${json.weightsFile}" must be a plain file name`);
  if (!Number.isInteger(json.weightsBytes) || json.weightsBytes < 0 || json.weightsBytes > MAX_WEIGHTS_BYTES) {
    throw new ModelFileError(file, `claims a weights file of ${json.weightsBytes} bytes; at most ${MAX_WEIGHTS_BYTES} are read`);
  }
  checkEntries(file, json.weights, json.weightsBytes);
  if (json.optimizer !== undefined) {
    if (typeof json.optimizer?.className !== 'string') throw new ModelFileError(file, 'has optimizer state without a class name');
    checkEntries(file, json.optimizer.weights, json.weightsBytes);
  }
  return json;
}

/**
 * Checks the weights bytes against the manifest (size, then checksum) and builds the tensors. `files` name
 * model.json and the weights file in errors.
 */
export function decodeModel(json: ModelManifest, bytes: Uint8Array, files: { json: string; weights: string }): ModelContents {
  if (bytes.byteLength !== json.weightsBytes) {
    throw new ModelFileError(files.weights, `has ${bytes.byteLength} bytes, model.json expects ${json.weightsBytes} (truncated?)`);
  }
  if (sha256Hex(bytes) !== json.sha256) throw new ModelFileError(files.weights, 'does not match its checksum (corrupt)');
  const tensors = (entries: ManifestEntry[]): NamedTensor[] =>
    entries.map((e) => {
      const size = e.shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset + e.offset, bytes.byteOffset + e.offset + size * 4));
      return { name: e.name, tensor: tf.tensor(values, e.shape) };
    });
  return {
    kind: json.kind,
    kindVersion: json.kindVersion,
    config: json.config,
    extra: json.extra,
    weights: tensors(json.weights),
    optimizer: json.optimizer
      ? { className: json.optimizer.className, config: json.optimizer.config, weights: tensors(json.optimizer.weights) }
      : undefined,
  };
}
