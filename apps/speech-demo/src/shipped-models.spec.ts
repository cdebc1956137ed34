import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from '@rnnkit/rnn-core';
import { loadSpeechModel } from '@rnnkit/speech';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { defaultModelDir } from './recognizer';

/**
 * Every 7th output of each shipped model on a fixed input (sin(0.37·i) over 20 steps), recorded on the cpu backend
 * with loadSpeechModel as it was at commit 57aefb4, before the speech model kind existed (check out that commit and
 * run the same lines to reproduce them). Printed with 8 significant digits; the engine's cell kernels have since
 * changed their tanh, which moves outputs by a few 1e-7 — hence 1e-5.
 */
const RECORDED = {
  word: [-3.5737915, -3.0120485, 2.9148483, -0.30716759, 4.6955042, -0.89173055, -0.90451348, -2.2018826, 3.6580744, 2.6795938, -5.5136552, -3.9468961, 3.6246290, -0.52350068, 4.6208491, -1.1175416, -0.022939226, -3.9561667, 3.4810555, 4.0279732, -5.0069270, -3.5638344, 2.8035626, -0.28176469, 2.9439569, -0.96738321, 0.40228876, -3.7185845, 1.9820402],
  sequence: [3.6827419, 2.4645176, -1.7247437, -2.1928985, -3.2449930, -1.6089122, -0.48254180, -5.4085598, -7.6592793, -5.9095416, -2.0358593, 14.300900, -1.1750576, -1.3734747, -3.9631307, -3.5796099, -2.7917337, 2.8380666, -1.3630209, -5.5213470, -1.7181067, -0.93753535, 13.880649, -2.5414140, -0.61860162, -5.5764265, -4.1569467, -2.2813866, -3.5300636, -2.1878376, -0.79112285, -1.8580241],
};

describe('the shipped speech models', () => {
  useBackend('cpu');

  it.each(['word', 'sequence'] as const)('%s: a version 1 file that still loads and gives the outputs it gave before', async (mode) => {
    const json = JSON.parse(readFileSync(join(defaultModelDir(mode), 'model.json'), 'utf8'));
    expect([json.kind, json.kindVersion, json.extra.app]).toEqual(['SequenceModel', undefined, 'speech-demo']);
    const { model, extra } = await loadSpeechModel(defaultModelDir(mode), mode);
    expect(extra.mode).toBe(mode);
    const size = model.config.input.type === 'features' ? model.config.input.size : 0;
    const outputs = await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.tensor3d(Float32Array.from({ length: 20 * size }, (_, i) => Math.sin(i * 0.37)), [1, 20, size]);
        return Array.from(model.predict(x).dataSync());
      }),
    );
    expectClose(outputs.filter((_, i) => i % 7 === 0), RECORDED[mode], { atol: 1e-5 });
    model.dispose();
  });
});
