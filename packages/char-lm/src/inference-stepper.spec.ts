import { SequenceModel, tf, type SequenceModelConfig } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { CharLmError } from './errors';
import { InferenceStepper, type StepperEngine } from './inference-stepper';
import { createCharModel } from './model';
import { perturbWeights } from './test-utils/perturb';

const V = 11;
const IDS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];

/** The model's logits over the whole id sequence in one apply call: the reference for the stepper. */
function batchLogits(model: SequenceModel, ids: number[]): Float32Array {
  return tf.tidy(() => model.predict(tf.tensor2d([ids], [1, ids.length], 'int32'))).dataSync() as Float32Array;
}

function stepperLogits(stepper: InferenceStepper, ids: number[]): Float32Array {
  const out = new Float32Array(ids.length * stepper.vocabSize);
  ids.forEach((id, t) => out.set(stepper.step(id), t * stepper.vocabSize));
  return out;
}

const configs: Array<[string, SequenceModelConfig]> = [
  ['2-layer LSTM with embedding', { input: { type: 'tokens', vocabSize: V, embeddingSize: 5 }, layers: [{ cell: 'lstm', units: 9 }, { cell: 'lstm', units: 7 }], output: { units: V }, outputMode: 'sequence', seed: 1 }],
  ['GRU, reset after (Keras default), one-hot', { input: { type: 'tokens', vocabSize: V }, layers: [{ cell: 'gru', units: 8 }, { cell: 'gru', units: 6 }], output: { units: V }, outputMode: 'sequence', seed: 2 }],
  ['GRU, reset before', { input: { type: 'tokens', vocabSize: V, embeddingSize: 4 }, layers: [{ cell: 'gru', units: 8, resetAfter: false }], output: { units: V }, outputMode: 'sequence', seed: 3 }],
  ['SimpleRNN', { input: { type: 'tokens', vocabSize: V, embeddingSize: 4 }, layers: [{ cell: 'simpleRNN', units: 10 }], output: { units: V }, outputMode: 'sequence', seed: 4 }],
  ['peephole LSTM over GRU', { input: { type: 'tokens', vocabSize: V }, layers: [{ cell: 'peepholeLstm', units: 7 }, { cell: 'gru', units: 5 }], output: { units: V }, outputMode: 'sequence', seed: 5 }],
];

function checkAgreement(engine: StepperEngine) {
  it.each(configs)('%s: step-by-step logits equal model.apply over the sequence (1e-5)', (_, config) => {
    const model = new SequenceModel(config);
    perturbWeights(model);
    const expected = batchLogits(model, IDS);
    const stepper = InferenceStepper.fromModel(model, { engine });
    expect(stepper.engine).toBe(engine);
    // float32 products summed in a different order: agreement to 1e-5 absolute on logits of size ~1.
    expectClose(stepperLogits(stepper, IDS), expected, { atol: 1e-5 });
    stepper.reset();
    expectClose(stepperLogits(stepper, IDS.slice(0, 5)), expected.subarray(0, 5 * V), { atol: 1e-5 });
    stepper.dispose();
    model.dispose();
  });
}

describe('InferenceStepper on cpu', () => {
  useBackend('cpu');
  describe('js engine', () => checkAgreement('js'));
  describe('tfjs engine', () => checkAgreement('tfjs'));

  it('picks the js engine on the cpu backend', () => {
    const model = createCharModel(V, { hidden: 4, layers: 1 });
    const stepper = InferenceStepper.fromModel(model);
    expect(stepper.engine).toBe('js');
    stepper.dispose();
    model.dispose();
  });

  it('is a copy: training the model afterwards does not change it', () => {
    const model = createCharModel(V, { hidden: 6, layers: 1, embedding: 3 });
    const stepper = InferenceStepper.fromModel(model, { engine: 'js' });
    const before = batchLogits(model, [2]);
    for (const { variable } of model.namedWeights) variable.assign(tf.tidy(() => tf.mul(variable, 2)));
    expectClose(stepper.step(2), before, { atol: 1e-6 });
    stepper.dispose();
    model.dispose();
  });

  it('refuses bad ids, bidirectional layers, non-token models and an unknown engine', () => {
    const model = createCharModel(V, { hidden: 4, layers: 1 });
    const stepper = InferenceStepper.fromModel(model);
    for (const id of [-1, V, 1.5]) expect(() => stepper.step(id)).toThrow(expect.objectContaining({ code: 'UNKNOWN_ID' }));
    stepper.dispose();
    expect(() => InferenceStepper.fromModel(model, { engine: 'gpu' as StepperEngine })).toThrow(CharLmError);
    model.dispose();
    const bi = new SequenceModel({ input: { type: 'tokens', vocabSize: V }, layers: [{ cell: 'lstm', units: 3, bidirectional: 'concat' }], output: { units: V }, outputMode: 'sequence' });
    expect(() => InferenceStepper.fromModel(bi)).toThrow(/bidirectional/);
    bi.dispose();
    const features = new SequenceModel({ input: { type: 'features', size: 3 }, layers: [{ cell: 'lstm', units: 3 }], output: { units: V }, outputMode: 'sequence' });
    expect(() => InferenceStepper.fromModel(features)).toThrow(expect.objectContaining({ code: 'BAD_MODEL' }));
    features.dispose();
  });

  it('leaves no tensor behind once disposed', async () => {
    const model = createCharModel(V, { hidden: 5 });
    await expectNoLeak(() => {
      const stepper = InferenceStepper.fromModel(model, { engine: 'tfjs' });
      stepperLogits(stepper, IDS);
      stepper.dispose();
    });
    model.dispose();
  });
});

describe('InferenceStepper on wasm', () => {
  useBackend('wasm');
  describe('tfjs engine', () => checkAgreement('tfjs'));
  describe('js engine', () => checkAgreement('js'));
});
