import { END_ID, PAD_ID, SPECIAL_SYMBOLS, START_ID, UNK_ID, Vocabulary } from './vocabulary';
import { VocabularyError } from './vocabulary-error';

describe('Vocabulary (char level)', () => {
  const vocab = Vocabulary.fromTexts(['maçã', 'mil e um'], 'char');

  it('puts the four specials first and ordinary characters in code-point order, whatever the input order', () => {
    // Code points: ' ' U+20 < a e i l m u (U+61..U+75) < 'ã' U+E3 < 'ç' U+E7.
    expect([PAD_ID, START_ID, END_ID, UNK_ID]).toEqual([0, 1, 2, 3]);
    expect(Array.from({ length: vocab.size }, (_, id) => vocab.symbolOf(id))).toEqual([...SPECIAL_SYMBOLS, ' ', 'a', 'e', 'i', 'l', 'm', 'u', 'ã', 'ç']);
    expect(Vocabulary.fromTexts(['mil e um', 'maçã'], 'char').toJSON()).toEqual(vocab.toJSON());
  });

  it('encodes and decodes back, with optional START and END', () => {
    const ids = vocab.encode('um mil', { start: true, end: true });
    expect(ids[0]).toBe(START_ID);
    expect(ids[ids.length - 1]).toBe(END_ID);
    expect(ids.length).toBe(8);
    expect(vocab.decode(ids)).toBe('um mil');
    expect(vocab.decode([...vocab.encode('maçã'), PAD_ID, PAD_ID])).toBe('maçã');
  });

  it('stops at END unless told otherwise', () => {
    const ids = [...vocab.encode('ma', { end: true }), ...vocab.encode('il')];
    expect(vocab.decode(ids)).toBe('ma');
    expect(vocab.decode(ids, { stopAtEnd: false })).toBe('mail');
  });

  it('reports unknown characters instead of failing: encode gives UNK, findUnknown lists them once in order', () => {
    const text = 'mamãe ñ 😀 ñ!';
    expect(vocab.findUnknown(text)).toEqual(['ñ', '😀', '!']);
    const ids = vocab.encode(text);
    expect(ids.length).toBe(Array.from(text).length); // the emoji is one code point, so one id
    expect(ids.filter((id) => id === UNK_ID).length).toBe(4);
    expect(vocab.decode(ids)).toBe('mamãe \uFFFD \uFFFD \uFFFD\uFFFD');
    expect(vocab.findUnknown('mil')).toEqual([]);
  });

  it('round-trips through JSON text', () => {
    const copy = Vocabulary.fromJSON(JSON.parse(JSON.stringify(vocab)));
    expect(copy.toJSON()).toEqual(vocab.toJSON());
    expect(copy.encode('maçã mil')).toEqual(vocab.encode('maçã mil'));
    expect(Vocabulary.fromJSON(JSON.stringify(vocab)).size).toBe(vocab.size);
  });

  it('refuses ids outside the table with a VocabularyError', () => {
    expect(() => vocab.decode([vocab.size])).toThrow(VocabularyError);
    expect(() => vocab.symbolOf(-1)).toThrow(/id -1 is outside this vocabulary \(0-12\)/);
    expect(() => vocab.decode([1.5])).toThrow(VocabularyError);
  });
});

describe('Vocabulary (token level)', () => {
  const vocab = Vocabulary.fromTexts(['o gato come o bolo', 'a menina come  a maçã'], 'token');

  it('splits on whitespace and rejoins with single spaces', () => {
    expect(vocab.size).toBe(4 + 7);
    expect(vocab.idOf('come')).toBeDefined();
    expect(vocab.idOf('<unk>')).toBeUndefined();
    expect(vocab.decode(vocab.encode('a  menina\tcome o bolo', { end: true }))).toBe('a menina come o bolo');
  });

  it('reports unknown tokens and writes UNK as <unk>', () => {
    expect(vocab.findUnknown('o cachorro come o osso')).toEqual(['cachorro', 'osso']);
    expect(vocab.decode(vocab.encode('o cachorro come'))).toBe('o <unk> come');
  });

  it('round-trips through JSON and keeps its level', () => {
    const copy = Vocabulary.fromJSON(JSON.parse(JSON.stringify(vocab)));
    expect(copy.level).toBe('token');
    expect(copy.toJSON()).toEqual(vocab.toJSON());
  });
});

describe('Vocabulary.fromJSON', () => {
  const good = { format: 'rnnkit-seq2seq-vocabulary', version: 1, level: 'char', symbols: ['a', 'b'] };

  it.each([
    ['not JSON', '{', /does not parse/],
    ['not an object', 5, /is not an object/],
    ['wrong format', { ...good, format: 'other' }, /format must be "rnnkit-seq2seq-vocabulary"/],
    ['wrong version', { ...good, version: 2 }, /unsupported version 2/],
    ['wrong level', { ...good, level: 'word' }, /level must be "char", "token" or "subword"/],
    ['symbols not an array', { ...good, symbols: 'ab' }, /symbols is not an array/],
    ['symbol not a string', { ...good, symbols: ['a', 3] }, /symbols\[1\] is not a string/],
    ['multi-character char symbol', { ...good, symbols: ['ab'] }, /symbols\[0\] = "ab" is not a single character/],
    ['token with whitespace', { ...good, level: 'token', symbols: ['a b'] }, /symbols\[0\] = "a b" is empty or contains whitespace/],
    ['duplicates', { ...good, symbols: ['a', 'a'] }, /duplicates/],
  ])('rejects %s with a VocabularyError', (_what, json, message) => {
    expect(() => Vocabulary.fromJSON(json)).toThrow(VocabularyError);
    expect(() => Vocabulary.fromJSON(json)).toThrow(message);
  });

  it('rejects an unknown level when building from texts', () => {
    expect(() => Vocabulary.fromTexts(['a'], 'word' as 'char')).toThrow(VocabularyError);
  });
});

describe('Vocabulary at subword level', () => {
  const texts = ["Je n'ai jamais mangé de cheval.", 'Je mange du pain.', "Je n'ai pas faim.", 'Tu manges.'];
  const vocab = Vocabulary.fromTexts(texts, 'subword', { subwordSize: 40 });

  it('learns BPE pieces and spells words back exactly, unseen ones included', () => {
    expect(vocab.level).toBe('subword');
    // At most the 40 pieces asked for: this small text runs out of pairs that occur twice before that.
    expect(vocab.size).toBeLessThanOrEqual(4 + 40);
    expect(vocab.size).toBeGreaterThan(4 + new Set(Array.from(texts.join('').replace(/ /g, ''))).size + 1);
    for (const text of [...texts, 'Je mangeais du cheval.']) {
      const ids = vocab.encode(text);
      expect(ids).not.toContain(UNK_ID);
      expect(vocab.decode(ids)).toBe(text);
    }
    expect(vocab.split("n'ai.")).toEqual(["▁n'", 'ai', '.']);
  });

  it('reads unknown characters as UNK and decodes them as U+FFFD', () => {
    expect(vocab.findUnknown('Je ✓ mange')).toEqual(['✓']);
    expect(vocab.decode(vocab.encode('Je ✓'))).toBe('Je \uFFFD');
  });

  it('round-trips through JSON with its merges, and refuses malformed merges', () => {
    const json = JSON.parse(JSON.stringify(vocab));
    expect(json.merges.length).toBeGreaterThan(0);
    const back = Vocabulary.fromJSON(json);
    expect(back.toJSON()).toEqual(vocab.toJSON());
    expect(back.encode('Tu manges du pain.')).toEqual(vocab.encode('Tu manges du pain.'));
    expect(() => Vocabulary.fromJSON({ ...json, merges: undefined })).toThrow(/needs a merges array/);
    expect(() => Vocabulary.fromJSON({ ...json, merges: [['x', 'q']] })).toThrow(/merges\[0\] is not a pair of known pieces/);
    expect(() => Vocabulary.fromJSON({ ...json, level: 'bpe' })).toThrow(/level must be "char", "token" or "subword"/);
  });
});
