import { corpusBleu, whitespaceTokens } from './corpus-bleu';
import { MetricError } from './metric-error';

describe('corpusBleu', () => {
  it('scores 0 without smoothing when no 4-gram matches', () => {
    // hyp "the cat sat on the mat", ref "the cat is on the mat":
    // 1-grams: the×2 (ref has 2), cat, on, mat match; sat does not -> 5/6.
    // 2-grams: "the cat", "on the", "the mat" of 5 -> 3/5. 3-grams: "on the mat" of 4 -> 1/4. 4-grams: 0 of 3.
    const r = corpusBleu(['the cat sat on the mat'], ['the cat is on the mat']);
    expect(r.precisions).toEqual([5 / 6, 3 / 5, 1 / 4, 0]);
    expect(r.bleu).toBe(0);
    expect(r.brevityPenalty).toBe(Math.exp(1 - 6 / 6));
  });

  it('pools counts over the corpus before taking the geometric mean, with the brevity penalty', () => {
    // Sentence 1 as above. Sentence 2: hyp "the dog ran home" (4 tokens) is a prefix of ref "the dog ran home fast":
    // every n-gram matches: 4/4, 3/3, 2/2, 1/1.
    // Pooled: p1 = (5+4)/(6+4) = 9/10, p2 = (3+3)/(5+3) = 3/4, p3 = (1+2)/(4+2) = 1/2, p4 = (0+1)/(3+1) = 1/4.
    // c = 6 + 4 = 10 < r = 6 + 5 = 11, so BP = exp(1 − 11/10) = exp(−0.1).
    // BLEU = exp(−0.1) · (0.9 · 0.75 · 0.5 · 0.25)^(1/4) = 0.904837 · 0.084375^0.25 = 0.904837 · 0.538957 ≈ 0.487668.
    const r = corpusBleu(['the cat sat on the mat', 'the dog ran home'], ['the cat is on the mat', 'the dog ran home fast']);
    expect(r.precisions).toEqual([9 / 10, 3 / 4, 1 / 2, 1 / 4]);
    expect(r.hypothesisLength).toBe(10);
    expect(r.referenceLength).toBe(11);
    expect(r.brevityPenalty).toBeCloseTo(Math.exp(-0.1), 15);
    expect(r.bleu).toBeCloseTo(0.487668, 6);
  });

  it('clips repeated n-grams by their count in the reference', () => {
    // hyp "the the the the" vs ref "the cat": "the" counts at most once -> p1 = 1/4; c = 4 > r = 2 so BP = 1.
    const r = corpusBleu(['the the the the'], ['the cat'], { maxOrder: 1 });
    expect(r.precisions).toEqual([1 / 4]);
    expect(r.brevityPenalty).toBe(1);
    expect(r.bleu).toBeCloseTo(0.25, 15);
  });

  it('penalises short hypotheses: "a b c" vs "a b c d e f" at order 1 is exp(1 − 6/3)', () => {
    expect(corpusBleu(['a b c'], ['a b c d e f'], { maxOrder: 1 }).bleu).toBeCloseTo(Math.exp(-1), 15);
  });

  it('is 1 for identical corpora and ignores extra whitespace', () => {
    expect(corpusBleu(['o gato  come o bolo '], ['o gato come o bolo']).bleu).toBeCloseTo(1, 15);
    expect(whitespaceTokens('  a\tb \n c ')).toEqual(['a', 'b', 'c']);
  });

  it('is 0 with an empty hypothesis, and rejects bad input', () => {
    expect(corpusBleu([''], ['a b c d']).bleu).toBe(0);
    expect(() => corpusBleu(['a'], [])).toThrow(MetricError);
    expect(() => corpusBleu(['a'], ['a'], { maxOrder: 0 })).toThrow(/maxOrder must be a positive integer/);
  });

  describe('several references and 13a tokens', () => {
    // Golden values from tools/seq2seq/bleu_reference.py (an independent python implementation of sacreBLEU's
    // defaults); counts are integers, so precisions agree to the last bit and BLEU to ~1e-15.
    it('scores one reference per sentence with 13a tokens', () => {
      const r = corpusBleu(
        ["Je n'ai jamais mangé de viande de cheval.", 'Tom est très occupé.'],
        [["Je n'ai jamais mangé de cheval."], ['Tom est fort occupé.']],
        { tokenize: '13a' },
      );
      expect(r.precisions).toEqual([11 / 14, 8 / 12, 4 / 10, 2 / 8]);
      expect([r.hypothesisLength, r.referenceLength, r.brevityPenalty]).toEqual([14, 12, 1]);
      expect(r.bleu).toBeCloseTo(0.4784023976826744, 12);
    });

    it('clips by the largest count over the references and takes the closest reference length', () => {
      // Sentence 1 (9 tokens) has references of 7 and 10 tokens: r uses 10. Sentence 3 matches its first reference.
      const r = corpusBleu(
        ["Je n'ai jamais mangé de viande de cheval.", 'Tom est très occupé.', 'Il fait froid ici.'],
        [
          ["Je n'ai jamais mangé de cheval.", "Je n'ai jamais mangé de la viande de cheval."],
          ['Tom est fort occupé.', 'Tom est très occupé !'],
          ['Il fait froid ici.', 'On gèle ici.', 'Ici, il fait froid.'],
        ],
        { tokenize: '13a' },
      );
      expect(r.precisions).toEqual([1, 15 / 16, 10 / 13, 6 / 10]);
      expect([r.hypothesisLength, r.referenceLength]).toEqual([19, 20]);
      expect(r.brevityPenalty).toBeCloseTo(0.9487294800164372, 15);
      expect(r.bleu).toBeCloseTo(0.7694620218130841, 12);
    });

    it('prefers the shorter of two equally close references, and a string reference is one reference', () => {
      // "a b c" (3 tokens) vs references of 2 and 4 tokens: both 1 away, so r = 2 and c > r gives BP = 1.
      expect(corpusBleu(['a b c'], [['a b', 'a b c d']], { maxOrder: 1 }).brevityPenalty).toBe(1);
      expect(corpusBleu(['a b c'], [['a b c d', 'a b']], { maxOrder: 1 }).referenceLength).toBe(2);
      expect(corpusBleu(['a b'], ['a b'])).toEqual(corpusBleu(['a b'], [['a b']]));
    });

    it('is 0 without 4-gram matches (golden BP 0.449 for short hypotheses) and refuses an empty reference list', () => {
      const r = corpusBleu(['Je suis', 'Il fait froid'], [['Je suis là.', 'Je suis ici maintenant.'], ['Il fait froid ici.', 'Il fait très froid ici.']], { tokenize: '13a' });
      expect(r.precisions).toEqual([1, 1, 1, 0]);
      expect(r.brevityPenalty).toBeCloseTo(0.44932896411722156, 15);
      expect(r.bleu).toBe(0);
      expect(() => corpusBleu(['a'], [[]])).toThrow(/has no reference/);
      expect(() => corpusBleu(['a'], ['a'], { tokenize: 'moses' as never })).toThrow(/tokenize must be/);
    });
  });
});
