import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from './tfjs';

/**
 * A model directory: `model.json` (format version, kind, config, weight manifest, checksum) and one binary
 * weights file named after its checksum. The weights file is written first and model.json second, each through
 * a temporary file and a rename, so a process killed at any moment leaves either the old model or the new one
 * on disk, never a mixture.
 */

/** The format tag and version written into every model.json. */
export const MODEL_FORMAT = 'rnnkit-model';
/** Bumped on any incompatible change of the directory layout. */
export const MODEL_FORMAT_VERSION = 1;

/** A tensor with the name it is stored under. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** What a model directory holds. */
export interface ModelDirectoryContents {
  /** What kind of model this is (e.g. `SequenceModel`); checked on load. */
  kind: string;
  /** The model's configuration, as plain JSON. */
  config: unknown;
  /** Anything else to keep with the model (vocabulary, training progress, …), as plain JSON. */
  extra?: unknown;
  weights: NamedTensor[];
  /** Optimizer state for resuming training. */
  optimizer?: { className: string; config: unknown; weights: NamedTensor[] };
}

/** A failure to read a model directory: names the file and the problem. */
export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ModelFileError';
  }
}

interface ManifestEntry {
  name: string;
  shape: number[];
  offset: number;
}

interface ModelJson {
  format: string;
  formatVersion: number;
  kind: string;
  config: unknown;
  extra?: unknown;
  weightsFile: string;
  weightsBytes: number;
  sha256: string;
  weights: ManifestEntry[];
  optimizer?: { className: string; config: unknown; weights: ManifestEntry[] };
}

/** Writes a file through a temporary sibling and a rename, so readers see the old content or the new, never a part. */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
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

/** Writes a model directory atomically (see the module notes); creates the directory if needed. */
export function writeModelDirectory(dir: string, contents: ModelDirectoryContents): void {
  fs.mkdirSync(dir, { recursive: true });
  const chunks: Float32Array[] = [];
  const weights = manifest(contents.weights, 0, chunks);
  const optimizer = contents.optimizer ? manifest(contents.optimizer.weights, weights.end, chunks) : null;
  const bytes = new Uint8Array(optimizer ? optimizer.end : weights.end);
  let at = 0;
  for (const c of chunks) {
    bytes.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), at);
    at += c.byteLength;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const weightsFile = `weights-${sha256.slice(0, 16)}.bin`;
  writeFileAtomic(path.join(dir, weightsFile), bytes);

  const json: ModelJson = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: contents.kind,
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
  writeFileAtomic(path.join(dir, 'model.json'), Buffer.from(`${JSON.stringify(json, null, 1)}\n`));

  // Only now is the previous weights file unreferenced; stale temporaries of killed writers go too.
  for (const name of fs.readdirSync(dir)) {
    if ((/^weights-[0-9a-f]+\.bin$/.test(name) && name !== weightsFile) || /\.tmp-\d+-[0-9a-f]+$/.test(name)) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

function readJson(file: string): ModelJson {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelFileError(file, code === 'ENOENT' ? 'not found — is this a model directory?' : `cannot be read (${code})`);
  }
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
  } catch {
    throw new ModelFileError(file, 'is not valid JSON (truncated or corrupt)');
  }
  if (json === null || typeof json !== 'object' || json.format !== MODEL_FORMAT) {
    throw new ModelFileError(file, `is not an rnnkit model (format "${String((json as ModelJson | null)?.format)}")`);
  }
  if (json.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(file, `has format version ${json.formatVersion}; this rnnkit reads version ${MODEL_FORMAT_VERSION}`);
  }
  const fields: Array<[keyof ModelJson, string]> = [['kind', 'string'], ['weightsFile', 'string'], ['weightsBytes', 'number'], ['sha256', 'string']];
  for (const [key, type] of fields) {
    if (typeof json[key] !== type) throw new ModelFileError(file, `field "${key}" is missing or not a ${type}`);
  }
  if (!Array.isArray(json.weights)) throw new ModelFileError(file, 'field "weights" is missing');
  if (path.basename(json.weightsFile) !== json.weightsFile) throw new ModelFileError(file, 'weightsFile must be a plain file name');
  return json;
}

function readTensors(file: string, entries: ManifestEntry[], bytes: Uint8Array): NamedTensor[] {
  return entries.map((e) => {
    if (typeof e?.name !== 'string' || !Array.isArray(e.shape) || !Number.isInteger(e.offset) || e.offset % 4 !== 0) {
      throw new ModelFileError(file, 'has a malformed weight entry');
    }
    if (e.shape.some((d) => !Number.isInteger(d) || d < 0)) throw new ModelFileError(file, `weight ${e.name} has an invalid shape`);
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset < 0 || e.offset + size * 4 > bytes.byteLength) {
      throw new ModelFileError(file, `weight ${e.name} lies outside the weights file`);
    }
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset + e.offset, bytes.byteOffset + e.offset + size * 4));
    return { name: e.name, tensor: tf.tensor(values, e.shape) };
  });
}

/** Reads a model directory, checking format, version, kind (when given), size and checksum. */
export function readModelDirectory(dir: string, expectedKind?: string): ModelDirectoryContents {
  const jsonFile = path.join(dir, 'model.json');
  const json = readJson(jsonFile);
  if (expectedKind !== undefined && json.kind !== expectedKind) {
    throw new ModelFileError(jsonFile, `holds a ${json.kind}, not a ${expectedKind}`);
  }
  const binFile = path.join(dir, json.weightsFile);
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(binFile);
  } catch {
    throw new ModelFileError(binFile, 'is missing (model.json refers to it)');
  }
  if (bytes.byteLength !== json.weightsBytes) {
    throw new ModelFileError(binFile, `has ${bytes.byteLength} bytes, model.json expects ${json.weightsBytes} (truncated?)`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== json.sha256) {
    throw new ModelFileError(binFile, 'does not match its checksum (corrupt)');
  }
  const weights = readTensors(jsonFile, json.weights, bytes);
  const optimizer = json.optimizer
    ? { className: json.optimizer.className, config: json.optimizer.config, weights: readTensors(jsonFile, json.optimizer.weights ?? [], bytes) }
    : undefined;
  return { kind: json.kind, config: json.config, extra: json.extra, weights, optimizer };
}
