// Imported relatively: jest.preset.js maps `@rnnkit/([a-z-]+)`, which does not match "seq2seq" (it has a digit).
import { SPLITS, TASKS, Vocabulary, characterErrorRate, corpusBleu, exactMatch } from './index';

describe('public API', () => {
  // en-fr is real text: a rare character may occur only in held-out sentences, so the property holds for the
  // generated tasks only.
  const generated = Object.keys(TASKS).filter((name) => name !== 'en-fr');
  it.each(generated)('%s: a char vocabulary of 3000 train pairs covers validation and test pairs', (name) => {
    const task = TASKS[name as keyof typeof TASKS];
    const train = task.generate('train', 3000, 0);
    const vocab = Vocabulary.fromTexts(train.flatMap((p) => [p.source, p.target]), 'char');
    for (const split of SPLITS.slice(1)) {
      const unknown = task.generate(split, 500, 0).flatMap((p) => vocab.findUnknown(p.source + p.target));
      expect(unknown).toEqual([]);
    }
  });

  it('scores a task against itself as perfect', () => {
    const pairs = TASKS['en-pt'].generate('test', 100, 0);
    const targets = pairs.map((p) => p.target);
    expect(exactMatch(targets, targets)).toBe(1);
    expect(characterErrorRate(targets, targets)).toBe(0);
    expect(corpusBleu(targets, targets).bleu).toBeCloseTo(1, 12);
  });
});
