import { tf } from '../tfjs';
import { SequenceModel } from '../sequence-model';
import { LayersFormatError } from './layers-format-error';
import { LayersExportOptions, toLayersModel } from './to-layers-model';
import { ImportedModel, fromLayersArtifacts } from './from-layers-artifacts';

/** The tfjs handler for a URL (`indexeddb://`, `downloads://`, `http(s)://` …), or a clear error. */
function handlerFor(url: string, kind: 'save' | 'load'): tf.io.IOHandler {
  const handlers = kind === 'save' ? tf.io.getSaveHandlers(url) : tf.io.getLoadHandlers(url);
  if (handlers.length === 0) {
    throw new LayersFormatError(url, `no TensorFlow.js IO handler can ${kind} here; give an IOHandler (or, in Node, a directory)`);
  }
  return handlers[0];
}

/**
 * Saves `model` in the TensorFlow.js Layers format (model.json + weights) through tfjs's own IO, so the files
 * are what `model.save` writes and `tf.loadLayersModel` reads. `destination` is an IOHandler or a URL that tfjs
 * routes (the Node entry also takes a directory). Cells or options tf.layers cannot express are refused.
 */
export async function exportLayersModel(
  model: SequenceModel,
  destination: string | tf.io.IOHandler,
  options: LayersExportOptions = {},
): Promise<tf.io.SaveResult> {
  const handler = typeof destination === 'string' ? handlerFor(destination, 'save') : destination;
  const layersModel = toLayersModel(model, options);
  try {
    return await layersModel.save(handler);
  } finally {
    layersModel.dispose();
  }
}

/**
 * Loads a Layers-format model (written by tf.layers, by {@link exportLayersModel}, or converted from Keras by
 * `tensorflowjs_converter`) as an rnnkit model that trains with the engine. `source` is an IOHandler or a URL
 * that tfjs routes (the Node entry also takes a directory). Unsupported layers or options are refused by name.
 */
export async function importLayersModel(source: string | tf.io.IOHandler): Promise<ImportedModel> {
  const handler = typeof source === 'string' ? handlerFor(source, 'load') : source;
  if (!handler.load) throw new LayersFormatError(String(source), 'this IOHandler cannot load');
  const artifacts = await handler.load();
  return fromLayersArtifacts(typeof source === 'string' ? source : 'model.json', artifacts);
}
