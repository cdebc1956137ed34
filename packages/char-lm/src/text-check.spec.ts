import { CharLmError } from './errors';
import { assertText } from './text-check';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CharLmError) return error.code;
    throw error;
  }
  return undefined;
}

describe('assertText', () => {
  it('accepts ordinary text with tabs, newlines, CR and non-ASCII letters', () => {
    expect(codeOf(() => assertText('Grüße,\tworld!\r\nΚαλημέρα 🙂\n'))).toBeUndefined();
  });

  it('rejects an empty text as empty-corpus', () => {
    expect(codeOf(() => assertText(''))).toBe('EMPTY_CORPUS');
  });

  it('rejects any NUL character and says where it is', () => {
    const text = 'a'.repeat(10_000) + '\0';
    expect(codeOf(() => assertText(text))).toBe('BINARY_INPUT');
    expect(() => assertText(text, 'data.bin')).toThrow(
      'data.bin: this looks like a binary file, not text (NUL character at offset 10000)',
    );
  });

  it('allows up to 1% control or replacement characters and rejects more', () => {
    const withBad = (n: number, bad: string) => 'x'.repeat(1000 - n) + bad.repeat(n);
    expect(codeOf(() => assertText(withBad(10, '\u0001')))).toBeUndefined();
    expect(codeOf(() => assertText(withBad(11, '\u0001')))).toBe('BINARY_INPUT');
    expect(codeOf(() => assertText(withBad(11, '\ufffd')))).toBe('BINARY_INPUT');
    expect(codeOf(() => assertText(withBad(11, '\u007f')))).toBe('BINARY_INPUT');
    expect(codeOf(() => assertText(withBad(11, '\u0085')))).toBe('BINARY_INPUT');
  });

  it('rejects random bytes decoded as UTF-8', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 151 + 7) % 255 + 1; // no NUL, mostly invalid UTF-8
    expect(codeOf(() => assertText(bytes.toString('utf8')))).toBe('BINARY_INPUT');
  });
});
