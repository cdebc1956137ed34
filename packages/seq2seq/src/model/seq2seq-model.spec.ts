import { tf } from '@rnnkit/rnn-core';
import { centralDifferences, expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { makeTrainingBatch, type TrainingBatch } from '../data/batch';
import { ModelStepModel } from '../decoding/model-step-model';
import { tinyBatch, tinyModel } from '../test-utils/tiny';
import type { Seq2SeqModel } from './seq2seq-model';

function lossValue(model: Seq2SeqModel, batch: TrainingBatch): number {
  return tf.tidy(() => model.loss(batch).dataSync()[0]);
}

function setValues(variable: tf.Variable, values: Float32Array): void {
  tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
}

/**
 * Compares the autodiff gradient of the loss with central finite differences at a few entries of each named
 * weight: the entry with the largest gradient and three spread over the tensor. float32 losses of order 1 with
 * eps 1e-2 carry ~1e-5 rounding and ~1e-4 truncation error, hence atol 5e-4 plus 2% of the value.
 */
function checkGradients(model: Seq2SeqModel, batch: TrainingBatch, names: (name: string) => boolean): Map<string, number> {
  const named = model.namedWeights.filter((w) => names(w.name));
  const { value, grads } = tf.variableGrads(() => model.loss(batch), named.map((w) => w.variable));
  value.dispose();
  const norms = new Map<string, number>();
  for (const { name, variable } of named) {
    const analytic = grads[variable.name].dataSync() as Float32Array;
    norms.set(name, Math.hypot(...analytic));
    let largest = 0;
    analytic.forEach((g, i) => (Math.abs(g) > Math.abs(analytic[largest]) ? (largest = i) : undefined));
    const picks = [...new Set([largest, 0, Math.floor(analytic.length / 2), analytic.length - 1])];
    const original = variable.dataSync().slice() as Float32Array;
    const chosen = Float32Array.from(picks, (i) => original[i]);
    const numeric = centralDifferences(() => {
      const values = original.slice();
      picks.forEach((i, k) => (values[i] = chosen[k]));
      setValues(variable, values);
      return lossValue(model, batch);
    }, chosen, 1e-2);
    setValues(variable, original);
    try {
      expectClose(picks.map((i) => analytic[i]), numeric, { atol: 5e-4, rtol: 2e-2 });
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message}`);
    }
  }
  tf.dispose(Object.values(grads));
  return norms;
}

const isEncoder = (name: string) => name.startsWith('encoder/layer');

describe('Seq2SeqModel', () => {
  useBackend('cpu');

  it.each([
    ['gru', 'gru', 'multiplicative', true],
    ['lstm', 'lstm', 'additive', true],
    ['lstm', 'gru', 'additive', false],
  ] as const)(
    'encoder %s → decoder %s, %s attention, bidirectional %s: every weight\'s gradient equals finite differences',
    (encoderCell, decoderCell, attention, bidirectional) => {
      const model = tinyModel({ encoderCell, decoderCell, attention, bidirectional, encoderLayers: 2 });
      const batch = tinyBatch(model);
      const norms = checkGradients(model, batch, () => true);
      expect(norms.size).toBe(model.namedWeights.length);
      for (const [name, norm] of norms) if (isEncoder(name)) expect(norm).toBeGreaterThan(1e-4);
      model.dispose();
    },
  );

  it('gradients reach the encoder through attention alone (bridge zeroed) and through the states alone (context cut)', () => {
    const model = tinyModel({ encoderCell: 'lstm', decoderCell: 'lstm' });
    const batch = tinyBatch(model);
    const K = model.encoder.outputSize;
    // Path 1: a zero bridge gives the decoder zero initial states whatever the encoder did.
    for (const bridge of model.bridges) for (const w of bridge.weights) setValues(w, new Float32Array(w.size));
    const viaAttention = checkGradients(model, batch, isEncoder);
    for (const norm of viaAttention.values()) expect(norm).toBeGreaterThan(1e-4);
    model.dispose();

    const other = tinyModel({ encoderCell: 'lstm', decoderCell: 'lstm' });
    // Path 2: zero rows for the context in W_c, so attention cannot influence the output.
    const kernel = other.combine.kernel.dataSync().slice() as Float32Array;
    kernel.fill(0, 0, K * other.config.attentionUnits);
    setValues(other.combine.kernel, kernel);
    const viaStates = checkGradients(other, tinyBatch(other), isEncoder);
    for (const norm of viaStates.values()) expect(norm).toBeGreaterThan(1e-4);
    other.dispose();
  });

  it('stepping the decoder one symbol at a time gives the teacher-forced log-probabilities and attention', async () => {
    const model = tinyModel({ encoderCell: 'gru', decoderCell: 'lstm', attention: 'additive' });
    const batch = tinyBatch(model);
    const { size: B, targetLength: Td, sourceLength: Te } = batch;
    const V = model.config.targetVocabSize;
    const forced = tf.tidy(() => {
      const { logits, attention } = model.forward(batch);
      return { logProbs: tf.logSoftmax(logits).dataSync().slice(), attention: attention.dataSync().slice() };
    });
    const sources = [0, 1, 2].map((b) => Array.from(batch.sourceIds.subarray(b * Te, b * Te + batch.sourceMask.subarray(b * Te, (b + 1) * Te).reduce((n, m) => n + m, 0))));
    await expectNoLeak(() => {
      const stepper = new ModelStepModel(model, sources, { attention: true });
      const parents = Int32Array.from([0, 1, 2]);
      for (let t = 0; t < Td; t++) {
        const out = stepper.step(parents, Int32Array.from([0, 1, 2], (b) => batch.decoderInput[b * Td + t]));
        for (let b = 0; b < B; b++) {
          if (batch.targetMask[b * Td + t] === 0) continue;
          const at = (b * Td + t) * V;
          expectClose(out.logProbs.subarray(b * V, (b + 1) * V), forced.logProbs.subarray(at, at + V), { atol: 1e-5 });
          const row = forced.attention.subarray((b * Td + t) * Te, (b * Td + t) * Te + sources[b].length);
          expectClose((out.attention as Float32Array[])[b], row, { atol: 1e-6 });
        }
      }
      stepper.dispose();
    });
    model.dispose();
  });

  it('gives a pair the same loss alone as padded inside a batch with longer pairs', () => {
    const model = tinyModel();
    const enc = (text: string) => model.sourceVocabulary.encode(text);
    const alone = lossValue(model, makeTrainingBatch([{ source: enc('ab'), target: enc('ba') }]));
    const long = { source: enc('abcdeab'), target: enc('baedcba') };
    const lossLong = lossValue(model, makeTrainingBatch([long]));
    // The batch loss is the mean over real target symbols: (3·alone + 8·long) / 11.
    const together = lossValue(model, makeTrainingBatch([{ source: enc('ab'), target: enc('ba') }, long]));
    expect(together).toBeCloseTo((3 * alone + 8 * lossLong) / 11, 5);
    model.dispose();
  });

  it('counts its parameters and names every weight once', () => {
    const model = tinyModel({ encoderCell: 'lstm', decoderCell: 'lstm', attention: 'additive', encoderLayers: 2 });
    const names = model.namedWeights.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['encoder/embedding/table', 'decoder/embedding/table', 'encoder/layer1/backward/kernel', 'bridge/c/kernel', 'attention/score_vector', 'output/bias']));
    expect(model.parameterCount).toBe(model.namedWeights.reduce((n, w) => n + w.variable.size, 0));
    model.dispose();
  });

  it('refuses a bad configuration with a Seq2SeqError naming the field', () => {
    expect(() => tinyModel({ encoderUnits: 0 })).toThrow(/encoderUnits must be a positive integer/);
    expect(() => tinyModel({ attention: 'dot' as 'additive' })).toThrow(/attention must be "additive" or "multiplicative"/);
    expect(() => tinyModel({ dropout: 1 })).toThrow(/dropout must be in \[0, 1\)/);
  });
});
