import { tf } from '@rnnkit/rnn-core';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { loadShippedModel } from './shipped-models';
import { getTask } from './tasks/registry';
import { tinyModel } from './test-utils/tiny';
import { translate } from './translate';
import { Seq2SeqModel } from './model/seq2seq-model';
import { START_ID, UNK_ID, Vocabulary } from './vocabulary';
import { ModelStepModel } from './decoding/model-step-model';

/** Translates with the shipped model of `task`, refusing what is outside the task's domain. */
function run(task: string, texts: string[], minConfidence?: number) {
  const { model } = loadShippedModel(task);
  try {
    return translate(model, texts, { task: getTask(task), minConfidence });
  } finally {
    model.dispose();
  }
}

describe('refusals: the rows of issue 18, translated by the shipped models', () => {
  useBackend('cpu');

  it('en-pt refuses words outside its lexicon and still translates its own sentences', () => {
    const [hello, fish, ok] = run('en-pt', ['hello world', 'the cat eats the fish', 'the girls bought an old car']);
    expect(hello).toMatchObject({ text: '', refusal: expect.stringMatching(/^"hello", "world": words the en-pt model does not know/) });
    expect(fish).toMatchObject({ text: '', refusal: expect.stringMatching(/^"fish": words the en-pt model does not know/) });
    expect(ok).toMatchObject({ text: 'as meninas compraram um carro velho', refusal: null });
  });

  it('numbers-en refuses numbers out of range and anything but plain digits', () => {
    const [big, negative, letters, zeros, ok] = run('numbers-en', ['1234567', '-5', 'abc', '007', '2500']);
    expect(big.refusal).toBe('1234567 is out of range: numbers are spelled from 0 to 999999');
    expect(negative.refusal).toBe('"-5" is not a plain number: write digits only (0-9), like 2500');
    expect(letters.refusal).toMatch(/^"abc" is not a plain number/);
    expect(zeros.refusal).toBe('"007" has leading zeros: write 7');
    [big, negative, letters, zeros].forEach((t) => expect(t.text).toBe(''));
    expect(ok).toMatchObject({ text: 'two thousand five hundred', refusal: null });
  });

  it('dates refuses characters it does not know and outputs that are not real dates', () => {
    const [tomorrow, fifth, ok] = run('dates', ['tomorrow', 'the fifth of may 1990', '27 NOV 2026']);
    expect(tomorrow).toMatchObject({ text: '', refusal: expect.stringMatching(/^"w": characters the dates model does not know/) });
    // Every character of "the fifth of may 1990" is known, so the model runs; its reading is no calendar date.
    expect(fifth.refusal).toMatch(/^the model read it as "\d{4}-\d{2}-\d{2}", which is not a date in 1900-2099/);
    expect(fifth.text).toBe('');
    expect(ok).toMatchObject({ text: '2026-11-27', refusal: null });
  });

  it('numbers-pt, dates and en-pt accept their whole domain: every held-out source in a sample passes the checks', () => {
    for (const name of ['numbers-pt', 'dates', 'en-pt']) {
      const task = getTask(name);
      for (const p of task.generate('test', 300, 1)) {
        expect(task.checkSource?.(p.source) ?? null).toBeNull();
        expect(task.checkTarget?.(p.target) ?? null).toBeNull();
      }
    }
  });
});

describe('confidence', () => {
  useBackend('cpu');
  let model: Seq2SeqModel;
  beforeAll(() => (model = tinyModel({ maxSourceLength: 5, maxTargetLength: 6, seed: 4 })));
  afterAll(() => model.dispose());

  it('is the mean log-probability per output symbol, END included, and 0 for an empty input', () => {
    const [t, empty] = translate(model, ['abc', ''], { beamWidth: 2 });
    expect(t.confidence).toBeCloseTo(t.logProb / (t.tokens.length + (t.finished ? 1 : 0)), 12);
    expect(t.confidence).toBeLessThan(0);
    expect(empty.confidence).toBe(0);
  });

  it('with --min-confidence, a less confident output becomes a refusal; without a task nothing is refused', () => {
    const [t] = translate(model, ['abc']);
    const task = { name: 'letters', description: '', generate: () => [] };
    const [refused] = translate(model, ['abc'], { task, minConfidence: t.confidence + 0.01 });
    expect(refused).toMatchObject({ text: '', refusal: expect.stringMatching(/^confidence -\d\.\d{3} is below the minimum/) });
    const [kept] = translate(model, ['abc'], { task, minConfidence: t.confidence - 0.01 });
    expect(kept.refusal).toBeNull();
    expect(kept.text).toBe(t.text);
    expect(translate(model, ['a✓'])[0].refusal).toBeNull();
  });

  it('leaves the tensor count unchanged', () => {
    expectNoLeak(() => translate(model, ['abc', 'e'], { task: getTask('dates'), minConfidence: -1 }));
  });
});

describe('subword targets', () => {
  useBackend('cpu');

  it('never emit UNK, even from a model that prefers it', () => {
    const source = Vocabulary.fromTexts(['abcde'], 'char');
    const target = Vocabulary.fromTexts(['ab ba abba'], 'subword', { subwordSize: 8 });
    const model = new Seq2SeqModel({
      sourceVocabulary: source, targetVocabulary: target, embeddingSize: 3, encoderUnits: 3, decoderUnits: 4, attentionUnits: 3,
      maxSourceLength: 8, maxTargetLength: 5, seed: 1,
    });
    try {
      // Make UNK the most likely symbol at every step: a large bias on its logit.
      const bias = model.namedWeights.find((w) => w.name.startsWith('output') && w.variable.shape.join() === String(target.size));
      expect(bias).toBeDefined();
      const values = new Float32Array(target.size);
      values[UNK_ID] = 50;
      tf.tidy(() => bias?.variable.assign(tf.tensor1d(values)));
      // The raw model says UNK first (checked here), so the outputs below show the mask at work.
      const stepper = new ModelStepModel(model, [source.encode('abc')]);
      const { logProbs } = stepper.step(Int32Array.from([0]), Int32Array.from([START_ID]));
      stepper.dispose();
      expect(logProbs.indexOf(Math.max(...logProbs))).toBe(UNK_ID);
      for (const t of translate(model, ['abc', 'e'], { beamWidth: 2 })) {
        expect(t.tokens).not.toContain(UNK_ID);
        expect(t.text).not.toContain('\uFFFD');
      }
    } finally {
      model.dispose();
    }
  });
});
