import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { gruLayer, registerResetAfterGru } from './reset-after-gru';

const ZEROS = { kernelInitializer: 'zeros', recurrentInitializer: 'zeros', recurrentActivation: 'sigmoid' } as const;

function model(layer: tfl.layers.Layer): tfl.Sequential {
  const m = tfl.sequential({ layers: [layer, tfl.layers.dense({ units: 2 })] });
  const values = m.getWeights().map((w, i) => tf.tensor(randomArray(w.size, 80 + i, 0.5), w.shape));
  m.setWeights(values);
  tf.dispose(values);
  return m;
}

describe('the reset-after GRU registered for tfjs', () => {
  useBackend('cpu');

  it('is registered once, under tfjs’s own class name', () => {
    registerResetAfterGru();
    const first = tf.serialization.SerializationMap.getMap().classNameMap.GRU[0];
    registerResetAfterGru();
    expect(tf.serialization.SerializationMap.getMap().classNameMap.GRU[0]).toBe(first);
  });

  it('is tfjs’s GRU unchanged when reset_after is false', () => {
    const ours = model(gruLayer({ units: 3, returnSequences: true, inputShape: [4, 2], resetAfter: false, ...ZEROS }) as unknown as tfl.layers.Layer);
    const theirs = tfl.sequential({ layers: [tfl.layers.gru({ units: 3, returnSequences: true, inputShape: [4, 2], ...ZEROS }), tfl.layers.dense({ units: 2 })] });
    theirs.setWeights(ours.getWeights());
    const x = tf.tensor3d(randomArray(2 * 4 * 2, 5), [2, 4, 2]);
    const a = ours.predict(x) as tf.Tensor;
    const b = theirs.predict(x) as tf.Tensor;
    expectClose(a, b, { atol: 0 });
    tf.dispose([x, a, b]);
    ours.dispose();
    theirs.dispose();
  });

  it('trains in tf.layers with dropout, and dropout is off at inference', async () => {
    const m = model(gruLayer({ units: 3, returnSequences: true, inputShape: [4, 2], resetAfter: true, dropout: 0.3, recurrentDropout: 0.3, ...ZEROS }) as unknown as tfl.layers.Layer);
    const x = tf.tensor3d(randomArray(2 * 4 * 2, 6), [2, 4, 2]);
    const y = tf.tensor3d(randomArray(2 * 4 * 2, 7), [2, 4, 2]);
    m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const before = m.getWeights()[0].dataSync().slice();
    const loss = (await m.trainOnBatch(x, y)) as number;
    expect(Number.isFinite(loss)).toBe(true);
    expect(Array.from(m.getWeights()[0].dataSync())).not.toEqual(Array.from(before));
    const a = m.predict(x) as tf.Tensor;
    const b = m.predict(x) as tf.Tensor;
    expectClose(a, b, { atol: 0 });
    tf.dispose([x, y, a, b]);
    (m.optimizer as tf.Optimizer).dispose();
    m.dispose();
  });
});
