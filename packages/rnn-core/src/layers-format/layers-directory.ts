import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../tfjs';
import { RnnkitError, writeFileAtomic } from '@rnnkit/common';
import { MAX_MODEL_JSON_BYTES, MAX_WEIGHTS_BYTES } from '../model-files/model-format';
import { LayersFormatError } from './layers-format-error';

/**
 * A tfjs IOHandler over a directory, for Node without tfjs-node (whose `file://` handler this stands in for).
 * Saving writes one weights shard named after its checksum, then model.json, each atomically, then removes the
 * shards model.json no longer lists: a process killed at any moment leaves the old model or the new one.
 * Loading checks that model.json is a Layers model, that every shard is a plain file name inside the directory
 * and that the shards hold exactly the bytes their manifest describes, before reading them.
 */

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, string: NaN };

function weightBytes(spec: tf.io.WeightsManifestEntry): number {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  return size * BYTES[spec.quantization?.dtype ?? spec.dtype];
}

async function save(dir: string, artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new LayersFormatError(dir, 'only JSON (Layers) model topologies are written here');
  }
  const data = new Uint8Array(artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0));
  const shard = `weights-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.bin`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    writeFileAtomic(path.join(dir, shard), data);
  } catch (err) {
    if (err instanceof RnnkitError) throw err;
    throw new RnnkitError('UNWRITABLE', `cannot write the model here (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { file: dir, cause: err });
  }
  const json: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology as object,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [shard], weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  };
  const text = JSON.stringify(json);
  writeFileAtomic(path.join(dir, 'model.json'), Buffer.from(text));
  for (const name of fs.readdirSync(dir)) {
    if (/^weights-[0-9a-f]{16}\.bin$/.test(name) && name !== shard) fs.rmSync(path.join(dir, name), { force: true });
  }
  return {
    modelArtifactsInfo: {
      dateSaved: new Date(),
      modelTopologyType: 'JSON',
      modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
      weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
      weightDataBytes: data.byteLength,
    },
  };
}

function readModelJson(file: string): tf.io.ModelJSON {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_MODEL_JSON_BYTES) throw new LayersFormatError(file, `is larger than ${MAX_MODEL_JSON_BYTES} bytes; not a model.json`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof LayersFormatError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new LayersFormatError(file, code === 'ENOENT' ? 'not found — give the directory that holds an exported model.json' : `cannot be read (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LayersFormatError(file, 'is not valid JSON (truncated or corrupt)');
  }
  const j = json as Record<string, unknown> | null;
  if (j?.format === 'rnnkit-model') {
    throw new LayersFormatError(file, 'is an rnnkit model, not a Layers model; export it first (exportLayersModel or the CLI export command)');
  }
  if (j === null || typeof j !== 'object' || typeof j.modelTopology !== 'object' || j.modelTopology === null) {
    throw new LayersFormatError(file, 'is not a TensorFlow.js Layers model (no modelTopology)');
  }
  if (j.format === 'graph-model') throw new LayersFormatError(file, 'is a TensorFlow.js graph model; only Layers models can be imported');
  if (!Array.isArray(j.weightsManifest)) throw new LayersFormatError(file, 'has no weightsManifest');
  return json as tf.io.ModelJSON;
}

async function load(dir: string): Promise<tf.io.ModelArtifacts> {
  const file = path.join(dir, 'model.json');
  const json = readModelJson(file);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  json.weightsManifest.forEach((group, g) => {
    if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) throw new LayersFormatError(file, `weightsManifest group ${g} is malformed`);
    const needed = group.weights.reduce((n, spec) => n + weightBytes(spec), 0);
    if (!Number.isFinite(needed)) throw new LayersFormatError(file, `weightsManifest group ${g} has a weight of unsupported dtype`);
    const shards = group.paths.map((name) => {
      if (typeof name !== 'string' || path.basename(name) !== name || name === '..' || name === '.') {
        throw new LayersFormatError(file, `lists the shard "${name}"; shards must be plain file names in the model's directory`);
      }
      const shard = path.join(dir, name);
      let size: number;
      try {
        size = fs.statSync(shard).size;
      } catch {
        throw new LayersFormatError(shard, 'is missing (model.json lists it as a weights shard)');
      }
      return { shard, size };
    });
    if (needed > MAX_WEIGHTS_BYTES) throw new LayersFormatError(file, `weights of group ${g} claim ${needed} bytes, more than the ${MAX_WEIGHTS_BYTES} allowed`);
    const held = shards.reduce((n, s) => n + s.size, 0);
    if (held !== needed) {
      throw new LayersFormatError(file, `weights of group ${g} need ${needed} bytes but its shards hold ${held} (truncated or mismatched shards)`);
    }
    for (const { shard } of shards) {
      const bytes = fs.readFileSync(shard);
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
    specs.push(...group.weights);
  });
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    trainingConfig: json.trainingConfig,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: specs,
    weightData: tf.io.concatenateArrayBuffers(buffers),
  };
}

/** An IOHandler that saves to and loads from `dir` (see the module notes); the directory is created on save. */
export function layersDirectory(dir: string): tf.io.IOHandler {
  return { save: (artifacts) => save(dir, artifacts), load: () => load(dir) };
}
