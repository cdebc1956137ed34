import { CharLmError } from './errors';
import { UNK, Vocabulary } from './vocabulary';

function errorOf(fn: () => unknown): CharLmError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CharLmError) return error;
    throw error;
  }
  throw new Error('expected a CharLmError');
}

describe('Vocabulary', () => {
  it('puts UNK at id 0 and the characters in ascending code-point order', () => {
    const v = Vocabulary.fromCorpus('banana 🍌 Ä\n');
    expect(v.unkId).toBe(0);
    expect(v.symbols).toEqual([UNK, '\n', ' ', 'a', 'b', 'n', 'Ä', '🍌']);
    expect(v.size).toBe(8);
  });

  it('treats an astral character as one symbol, and orders it by code point, not by UTF-16 unit', () => {
    // U+FF01 is a larger UTF-16 unit than the surrogate 0xD83C of U+1F34C but a smaller code point.
    const v = Vocabulary.fromCorpus('🍌！');
    expect(v.symbols).toEqual([UNK, '！', '🍌']);
    expect(v.encode('🍌').ids).toEqual(Int32Array.from([2]));
  });

  it('round-trips text made of known characters', () => {
    const corpus = 'The quick brown fox.\nJumps over 2 lazy dogs!';
    const v = Vocabulary.fromCorpus(corpus);
    const { ids, unknown, unknownCount } = v.encode(corpus);
    expect(ids.length).toBe(corpus.length);
    expect(unknownCount).toBe(0);
    expect(unknown.size).toBe(0);
    expect(v.decode(ids)).toBe(corpus);
  });

  it('maps unknown characters to UNK and reports how often each occurred', () => {
    const v = Vocabulary.fromCorpus('abc');
    const { ids, unknown, unknownCount } = v.encode('axbyyc🙂');
    expect(Array.from(ids)).toEqual([1, 0, 2, 0, 0, 3, 0]);
    expect(Object.fromEntries(unknown)).toEqual({ x: 1, y: 2, '🙂': 1 });
    expect(unknownCount).toBe(4);
    expect(v.decode(ids)).toBe(`a${UNK}b${UNK}${UNK}c${UNK}`);
  });

  it('gives U+FFFD in the corpus no id of its own and reports it as unknown when encoding', () => {
    const v = Vocabulary.fromCorpus('ab\ufffd' + 'c'.repeat(200));
    expect(v.symbols).toEqual([UNK, 'a', 'b', 'c']);
    expect(Object.fromEntries(v.encode('\ufffd').unknown)).toEqual({ '\ufffd': 1 });
  });

  it('leaves out characters rarer than minCount, which then encode as reported UNK', () => {
    const v = Vocabulary.fromCorpus('aaabbc', { minCount: 2 });
    expect(v.symbols).toEqual([UNK, 'a', 'b']);
    expect(Object.fromEntries(v.encode('aaabbc').unknown)).toEqual({ c: 1 });
  });

  it('saves to JSON and restores the same ids', () => {
    const v = Vocabulary.fromCorpus('hello, wörld 🙂');
    const restored = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
    expect(restored.symbols).toEqual(v.symbols);
    expect(restored.encode('hello 🙂').ids).toEqual(v.encode('hello 🙂').ids);
  });

  it('rejects an empty corpus, binary text and bad options with typed errors', () => {
    expect(errorOf(() => Vocabulary.fromCorpus('')).code).toBe('EMPTY_CORPUS');
    expect(errorOf(() => Vocabulary.fromCorpus('ab\0cd')).code).toBe('BINARY_INPUT');
    expect(errorOf(() => Vocabulary.fromCorpus('abc', { minCount: 0 })).code).toBe('BAD_OPTION');
    expect(errorOf(() => Vocabulary.fromCorpus('abc', { minCount: 1.5 })).code).toBe('BAD_OPTION');
    expect(errorOf(() => Vocabulary.fromCorpus('abc', { minCount: 2 })).message).toMatch(/leaves no character/);
  });

  it('rejects ids outside the vocabulary when decoding', () => {
    const v = Vocabulary.fromCorpus('ab');
    for (const bad of [3, -1, 1.5, NaN]) {
      const error = errorOf(() => v.decode([1, bad]));
      expect(error.code).toBe('UNKNOWN_ID');
      expect(error.message).toContain('position 1');
    }
  });

  it('rejects saved forms that are not a vocabulary, saying why', () => {
    const good = Vocabulary.fromCorpus('ab').toJSON();
    const cases: [unknown, RegExp][] = [
      [null, /expected an object/],
      [{ ...good, format: 'other' }, /format/],
      [{ ...good, version: 2 }, /version 2/],
      [{ ...good, symbols: 'ab' }, /array/],
      [{ ...good, symbols: ['a', 'b'] }, /symbols\[0\]/],
      [{ ...good, symbols: [UNK, 'ab'] }, /symbols\[1\] is not a single character/],
      [{ ...good, symbols: [UNK, 'a', 'a'] }, /symbols\[2\] repeats/],
      [{ ...good, symbols: [UNK, 'a', 7] }, /symbols\[2\]/],
    ];
    for (const [json, why] of cases) {
      const error = errorOf(() => Vocabulary.fromJSON(json));
      expect(error.code).toBe('BAD_VOCABULARY');
      expect(error.message).toMatch(why);
    }
  });
});
