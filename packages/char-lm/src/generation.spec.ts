import type { SequenceModel } from '@rnnkit/rnn-core';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { generate, generateText, MAX_GENERATE_LENGTH } from './generation';
import { InferenceStepper } from './inference-stepper';
import { createCharModel } from './model';
import { perturbWeights } from './test-utils/perturb';
import { Vocabulary } from './vocabulary';

describe('generate', () => {
  useBackend('cpu');
  const vocabulary = Vocabulary.fromCorpus('abcdefgh \n');
  let model: SequenceModel;
  beforeAll(() => {
    model = createCharModel(vocabulary.size, { hidden: 16, layers: 2, embedding: 4, seed: 5 });
    perturbWeights(model, 0.8);
  });
  afterAll(() => model.dispose());

  it('gives the same text for the same seed and different text for another seed', async () => {
    const a = await generateText(model, vocabulary, { length: 200, seed: 42 });
    const b = await generateText(model, vocabulary, { length: 200, seed: 42 });
    const c = await generateText(model, vocabulary, { length: 200, seed: 43 });
    expect([...a]).toHaveLength(200);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('never writes UNK and only writes vocabulary characters', async () => {
    const text = await generateText(model, vocabulary, { length: 500, seed: 1, temperature: 3 });
    expect(text).not.toContain('\uFFFD');
    for (const ch of text) expect(vocabulary.idOf(ch)).not.toBe(0);
  });

  it('at a tiny temperature follows the most likely character, as the stepper computes it after the prime', async () => {
    const prime = 'bad cafe';
    const text = await generateText(model, vocabulary, { length: 12, prime, seed: 9, temperature: 1e-6 });
    // Reference: greedy decoding by hand with a fresh stepper (UNK excluded).
    const stepper = InferenceStepper.fromModel(model);
    let logits: Float32Array = new Float32Array(0);
    for (const id of vocabulary.encode(prime).ids) logits = stepper.step(id);
    let expected = '';
    for (let i = 0; i < 12; i++) {
      let best = 1;
      for (let v = 2; v < vocabulary.size; v++) if (logits[v] > logits[best]) best = v;
      expected += vocabulary.symbols[best];
      logits = stepper.step(best);
    }
    stepper.dispose();
    expect(text).toBe(expected);
  });

  it('depends on the prime and starts without one', async () => {
    const plain = await generateText(model, vocabulary, { length: 50, seed: 3 });
    const primed = await generateText(model, vocabulary, { length: 50, seed: 3, prime: 'hhhhhhhh' });
    expect(plain).toHaveLength(50);
    expect(primed).not.toBe(plain);
  });

  it('streams chunks and stops before a stop string', async () => {
    const full = await generateText(model, vocabulary, { length: 300, seed: 11 });
    const stop = full.slice(40, 42);
    const cut = full.indexOf(stop);
    const chunks: string[] = [];
    for await (const chunk of generate(model, vocabulary, { length: 300, seed: 11, stop: [stop] })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(full.slice(0, cut));
  });

  it('top-k 1 and a tiny top-p both keep only the most likely character: greedy', async () => {
    const greedy = await generateText(model, vocabulary, { length: 30, seed: 1, temperature: 1e-6 });
    expect(await generateText(model, vocabulary, { length: 30, seed: 2, topK: 1 })).toBe(greedy);
    expect(await generateText(model, vocabulary, { length: 30, seed: 3, topP: 1e-9 })).toBe(greedy);
  });

  it('checks its options before generating anything', () => {
    const bad = (options: object, pattern: RegExp, code: string) =>
      expect(() => generate(model, vocabulary, { length: 10, ...options })).toThrow(expect.objectContaining({ code, message: expect.stringMatching(pattern) }));
    bad({ length: 0 }, /length/, 'BAD_OPTION');
    bad({ length: -5 }, /length/, 'BAD_OPTION');
    bad({ length: 2.5 }, /length/, 'BAD_OPTION');
    bad({ length: MAX_GENERATE_LENGTH + 1 }, /length/, 'BAD_OPTION');
    bad({ temperature: 0 }, /temperature/, 'BAD_OPTION');
    bad({ temperature: -1 }, /temperature/, 'BAD_OPTION');
    bad({ topK: 0 }, /topK/, 'BAD_OPTION');
    bad({ topP: 1.5 }, /topP/, 'BAD_OPTION');
    bad({ seed: 1.5 }, /seed/, 'BAD_OPTION');
    bad({ stop: [''] }, /stop/, 'BAD_OPTION');
    bad({ prime: 'a café, xyz' }, /"é" \(U\+00E9\).*"x"/, 'UNKNOWN_CHARACTER');
    const other = Vocabulary.fromCorpus('xyz');
    expect(() => generate(model, other, { length: 5 })).toThrow(expect.objectContaining({ code: 'BAD_MODEL' }));
  });

  it('leaves no tensor behind, also when the consumer stops early (tfjs engine)', async () => {
    await expectNoLeak(() => generateText(model, vocabulary, { length: 50, seed: 1, engine: 'tfjs' }));
    await expectNoLeak(async () => {
      for await (const chunk of generate(model, vocabulary, { length: 50, seed: 1, engine: 'tfjs' })) if (chunk) break;
    });
  });
});
