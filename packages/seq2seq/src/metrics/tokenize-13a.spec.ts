import { tokenize13a } from './tokenize-13a';

// Expected tokens from tools/seq2seq/bleu_reference.py (python3, the mteval-v13a regular expressions).
describe('tokenize13a', () => {
  it('splits final punctuation but keeps apostrophes inside words', () => {
    expect(tokenize13a("Je n'ai jamais mangé de viande de cheval.")).toEqual([
      'Je', "n'ai", 'jamais', 'mangé', 'de', 'viande', 'de', 'cheval', '.',
    ]);
  });

  it('treats no-break and narrow no-break spaces as spaces', () => {
    expect(tokenize13a('Va\u00a0! Cours\u202f!')).toEqual(['Va', '!', 'Cours', '!']);
    expect(tokenize13a('Va! Cours!')).toEqual(['Va', '!', 'Cours', '!']);
  });

  it('keeps numbers whole (3.5, 1,000) and splits a hyphen only after a digit', () => {
    expect(tokenize13a('Il a dit : "non" (deux fois), 3.5 km, 1,000 et 12-14 ans.')).toEqual([
      'Il', 'a', 'dit', ':', '"', 'non', '"', '(', 'deux', 'fois', ')', ',', '3.5', 'km', ',', '1,000', 'et', '12', '-', '14',
      'ans', '.',
    ]);
  });

  it('unescapes the four entities and splits every other ASCII symbol', () => {
    expect(tokenize13a('A&amp;B &lt;x&gt; &quot;y&quot; a-b 7-b x/y {z} [w] ~ ^ _ ` | @ # $ % * + = ; ?')).toEqual([
      'A', '&', 'B', '<', 'x', '>', '"', 'y', '"', 'a-b', '7', '-', 'b', 'x', '/', 'y', '{', 'z', '}', '[', 'w', ']', '~',
      '^', '_', '`', '|', '@', '#', '$', '%', '*', '+', '=', ';', '?',
    ]);
  });

  it('gives no tokens for blank text', () => {
    expect(tokenize13a('')).toEqual([]);
    expect(tokenize13a(' \n ')).toEqual([]);
  });
});
