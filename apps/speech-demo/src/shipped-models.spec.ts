import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from '@rnnkit/rnn-core';
import { loadSpeechModel } from '@rnnkit/speech';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { defaultModelDir } from './recognizer';

/**
 * Every 7th output of the shipped sequence model on a fixed input (sin(0.37·i) over 20 steps), recorded on the cpu
 * backend with loadSpeechModel as it was at commit 57aefb4, before the speech model kind existed (check out that
 * commit and run the same lines to reproduce them). Printed with 8 significant digits; the engine's cell kernels
 * have since changed their tanh, which moves outputs by a few 1e-7 — hence 1e-5. (The word model was retrained
 * with a noise floor as a version 2 file, so the sequence model is the shipped version 1 file that remains.)
 */
const RECORDED_SEQUENCE = [3.6827419, 2.4645176, -1.7247437, -2.1928985, -3.2449930, -1.6089122, -0.48254180, -5.4085598, -7.6592793, -5.9095416, -2.0358593, 14.300900, -1.1750576, -1.3734747, -3.9631307, -3.5796099, -2.7917337, 2.8380666, -1.3630209, -5.5213470, -1.7181067, -0.93753535, 13.880649, -2.5414140, -0.61860162, -5.5764265, -4.1569467, -2.2813866, -3.5300636, -2.1878376, -0.79112285, -1.8580241];

describe('the shipped speech models', () => {
  useBackend('cpu');

  it('sequence: a version 1 file that still loads and gives the outputs it gave before', async () => {
    const json = JSON.parse(readFileSync(join(defaultModelDir('sequence'), 'model.json'), 'utf8'));
    expect([json.kind, json.kindVersion, json.extra.app]).toEqual(['SequenceModel', undefined, 'speech-demo']);
    const { model, extra } = await loadSpeechModel(defaultModelDir('sequence'), 'sequence');
    expect(extra.mode).toBe('sequence');
    const size = model.config.input.type === 'features' ? model.config.input.size : 0;
    const outputs = await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.tensor3d(Float32Array.from({ length: 20 * size }, (_, i) => Math.sin(i * 0.37)), [1, 20, size]);
        return Array.from(model.predict(x).dataSync());
      }),
    );
    expectClose(outputs.filter((_, i) => i % 7 === 0), RECORDED_SEQUENCE, { atol: 1e-5 });
    model.dispose();
  });

  it('word: the current speech model kind, with the noise floor it was trained with', async () => {
    const json = JSON.parse(readFileSync(join(defaultModelDir('word'), 'model.json'), 'utf8'));
    expect([json.kind, json.kindVersion]).toEqual(['SpeechModel', 2]);
    const { model, extra } = await loadSpeechModel(defaultModelDir('word'), 'word');
    expect(extra.mode).toBe('word');
    expect(extra.frontEnd.dither).toEqual({ colour: 'pink', belowPeakDb: 35 });
    model.dispose();
  });
});
