import { exportLayersModel } from '@rnnkit/rnn-core';
import { loadSpeechModel, type Mode, type SpeechModelExtra } from '@rnnkit/speech';

/**
 * Exports a speech model directory to the TensorFlow.js Layers format: the network from feature frames to
 * per-frame scores over `labels`. What the network does not hold travels in model.json's `userDefinedMetadata`:
 * the mode, the labels (in sequence mode label 0 is the CTC blank) and the front-end that makes its features.
 * Pooling (word mode) and CTC decoding (sequence mode) are code, not layers: a page runs them on the scores.
 * With `mode`, the model must be of it. Returns the model's stored settings.
 */
export async function exportSpeechModel(modelDir: string, outDir: string, mode?: Mode): Promise<SpeechModelExtra> {
  const { model, extra } = await loadSpeechModel(modelDir, mode);
  try {
    await exportLayersModel(model, outDir, {
      metadata: { rnnkit: 'speech', mode: extra.mode, labels: extra.labels, frontEnd: extra.frontEnd },
    });
    return extra;
  } finally {
    model.dispose();
  }
}
