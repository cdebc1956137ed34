import * as path from 'node:path';
import { layersDirectory } from '@rnnkit/rnn-core';
import type { Seq2SeqModel } from '../model/seq2seq-model';
import { exportSeq2SeqLayers } from './seq2seq-layers';

/**
 * Exports the encoder and decoder networks (see `Seq2SeqLayersModels`) to `dir/encoder` and `dir/decoder`, each a
 * TensorFlow.js Layers model directory written atomically.
 */
export function exportSeq2SeqLayersDirectory(model: Seq2SeqModel, dir: string): Promise<void> {
  return exportSeq2SeqLayers(model, {
    encoder: layersDirectory(path.join(dir, 'encoder')),
    decoder: layersDirectory(path.join(dir, 'decoder')),
  });
}
