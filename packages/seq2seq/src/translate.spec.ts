import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { beamSearch } from './decoding/beam-search';
import { greedyDecode } from './decoding/greedy';
import { ModelStepModel } from './decoding/model-step-model';
import type { Seq2SeqModel } from './model/seq2seq-model';
import { tinyModel } from './test-utils/tiny';
import { translate } from './translate';
import { Vocabulary } from './vocabulary';

describe('translate', () => {
  useBackend('cpu');
  let model: Seq2SeqModel;
  beforeAll(() => (model = tinyModel({ maxSourceLength: 5, maxTargetLength: 6, seed: 4 })));
  afterAll(() => model.dispose());

  it('gives an empty output for an empty input without running the model', () => {
    const [t] = translate(model, ['']);
    expect(t).toMatchObject({ text: '', tokens: [], finished: true, truncated: false, unknown: [], sourceSymbols: [] });
  });

  it('reads unknown characters as UNK and lists them, and cuts over-long inputs to the limit', () => {
    const [oov, long, cut] = translate(model, ['ab✓zb', 'abcdeabc', 'abcde']);
    expect(oov.unknown).toEqual(['✓', 'z']);
    expect(oov.sourceSymbols).toEqual(['a', 'b', '✓', 'z', 'b']);
    expect(long.truncated).toBe(true);
    expect(long.sourceSymbols).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(long.tokens).toEqual(cut.tokens);
    expect(cut.truncated).toBe(false);
  });

  it('gives the same outputs whatever the batch size and input order', () => {
    const texts = ['a', 'edcba', 'cab', 'bb', 'dea', 'c'];
    const together = translate(model, texts, { beamWidth: 3 });
    const single = texts.map((text) => translate(model, [text], { beamWidth: 3, batchSize: 1 })[0]);
    expect(together.map((t) => t.tokens)).toEqual(single.map((t) => t.tokens));
    together.forEach((t, i) => expect(t.logProb).toBeCloseTo(single[i].logProb, 4));
  });

  it('beam search with K = 1 on the network equals greedy decoding', () => {
    const sources = ['abc', 'e', 'dcbae', 'ba'].map((s) => model.sourceVocabulary.encode(s));
    const greedyModel = new ModelStepModel(model, sources);
    const beamModel = new ModelStepModel(model, sources);
    const greedy = greedyDecode(greedyModel, { maxLength: 6 });
    const beam = beamSearch(beamModel, { beamWidth: 1, maxLength: 6, lengthPenalty: 0 });
    expect(beam.map((h) => [h.tokens, h.finished])).toEqual(greedy.map((h) => [h.tokens, h.finished]));
    beam.forEach((h, i) => expect(h.logProb).toBeCloseTo(greedy[i].logProb, 5));
    greedyModel.dispose();
    beamModel.dispose();
  });

  it('returns attention rows over the real source symbols, each summing to 1', () => {
    const [t] = translate(model, ['abcd'], { attention: true, beamWidth: 2 });
    const rows = t.attention ?? [];
    expect(rows.length).toBe(t.tokens.length + (t.finished ? 1 : 0));
    for (const row of rows) {
      expect(row.length).toBe(4);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it.each([1, 3])('leaves no tensor behind (beam %s)', async (beamWidth) => {
    await expectNoLeak(() => {
      translate(model, ['abc', '', 'edcbae'], { beamWidth, attention: true });
    });
  });

  it('splits token-level sources on whitespace; a blank line is an empty input', () => {
    const words = Vocabulary.fromTexts(['the dog', 'a cat'], 'token');
    const wordModel = tinyModel({ sourceVocabulary: words, targetVocabulary: words, maxSourceLength: 3 });
    const [blank, sentence] = translate(wordModel, ['   ', ' the  big dog a cat ']);
    expect(blank).toMatchObject({ text: '', sourceSymbols: [] });
    expect(sentence).toMatchObject({ sourceSymbols: ['the', 'big', 'dog'], unknown: ['big'], truncated: true });
    wordModel.dispose();
  });

  it('refuses bad options', () => {
    expect(() => translate(model, ['a'], { beamWidth: 0 })).toThrow(/beamWidth must be a positive integer/);
    expect(() => translate(model, ['a'], { maxLength: -1 })).toThrow(/maxLength must be a positive integer/);
  });
});
