import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { readWav } from '@rnnkit/audio-features';
import { layersDirectory, registerResetAfterGru, tf } from '@rnnkit/rnn-core';
import { extractFeatures, loadSpeechModel } from '@rnnkit/speech';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { exportSpeechModel } from './layers-export';

const MODELS = path.join(__dirname, '..', 'models');
const SAMPLES = path.join(__dirname, '..', 'samples');

describe('speech-demo and the Layers format', () => {
  useBackend('wasm');
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-layers-'));
    registerResetAfterGru();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each([
    ['word', '3_esp-en-gb-x-rp-linda_3.wav'],
    ['sequence', '123_esp-en-us-nyc-f5_5.wav'],
  ])('the shipped %s model exports and tf.loadLayersModel gives its frame scores on a bundled sample', async (mode, sample) => {
    const out = path.join(root, mode);
    const extra = await expectNoLeak(() => exportSpeechModel(path.join(MODELS, mode), out));
    const loaded = await tfl.loadLayersModel(layersDirectory(out));
    expect(loaded.getUserDefinedMetadata()).toEqual({ rnnkit: 'speech', mode, labels: extra.labels, frontEnd: extra.frontEnd });

    const { model } = await loadSpeechModel(path.join(MODELS, mode));
    const wav = readWav(path.join(SAMPLES, sample), { sampleRate: extra.frontEnd.sampleRate });
    const features = extractFeatures(wav.samples, extra.frontEnd);
    if (!features) throw new Error(`${sample} holds no speech`);
    const x = tf.tensor3d(features.data, [1, features.steps, features.dim]);
    const ours = model.predict(x);
    const theirs = loaded.predict(x) as tf.Tensor;
    // Two bidirectional GRU layers of 64 over ~30–60 frames, float32 in another association order.
    expectClose(theirs, ours, { atol: 1e-5 });
    expect(Array.from(tf.argMax(theirs, -1).dataSync())).toEqual(Array.from(tf.argMax(ours, -1).dataSync()));
    tf.dispose([x, ours, theirs]);
    loaded.dispose();
    model.dispose();
  });
});
