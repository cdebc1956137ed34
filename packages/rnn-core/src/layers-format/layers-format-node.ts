import * as path from 'node:path';
import { tf } from '../tfjs';
import { SequenceModel } from '../sequence-model';
import * as portable from './export-layers-model';
import { ImportedModel, fromLayersArtifacts } from './from-layers-artifacts';
import { layersDirectory } from './layers-directory';
import { LayersExportOptions } from './to-layers-model';

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A local path for `file://` URLs and plain paths; null for URLs tfjs routes itself. */
function localPath(target: string): string | null {
  if (target.startsWith('file://')) return target.slice('file://'.length);
  return URL_SCHEME.test(target) ? null : target;
}

/**
 * Saves `model` in the TensorFlow.js Layers format. `destination` is a directory (plain path or `file://`),
 * written atomically by {@link layersDirectory}, or anything the browser-safe version takes (a URL tfjs routes,
 * an IOHandler). Cells or options tf.layers cannot express are refused by name.
 */
export function exportLayersModel(
  model: SequenceModel,
  destination: string | tf.io.IOHandler,
  options: LayersExportOptions = {},
): Promise<tf.io.SaveResult> {
  const dir = typeof destination === 'string' ? localPath(destination) : null;
  return portable.exportLayersModel(model, dir === null ? destination : layersDirectory(dir), options);
}

/**
 * Loads a Layers-format model as an rnnkit model. `source` is a directory or its model.json (plain path or
 * `file://`), a URL tfjs routes, or an IOHandler. Unsupported layers or options are refused by name.
 */
export async function importLayersModel(source: string | tf.io.IOHandler): Promise<ImportedModel> {
  const local = typeof source === 'string' ? localPath(source) : null;
  if (local === null) return portable.importLayersModel(source);
  const dir = path.basename(local) === 'model.json' ? path.dirname(local) : local;
  return fromLayersArtifacts(path.join(dir, 'model.json'), await (layersDirectory(dir).load as () => Promise<tf.io.ModelArtifacts>)());
}
