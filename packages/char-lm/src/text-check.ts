import { CharLmError } from './errors';

/** Above this share of suspicious characters a text is taken for binary data decoded as text. */
const MAX_SUSPICIOUS_FRACTION = 0.01;

/**
 * True for characters that real text practically never contains: C0 controls other than tab, line feed,
 * vertical tab, form feed and carriage return; DEL and the C1 controls; and U+FFFD, which a UTF-8 decoder
 * produces for every invalid byte sequence.
 */
function isSuspicious(code: number): boolean {
  if (code < 0x20) return code < 0x09 || code > 0x0d;
  return (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
}

/**
 * Throws a `CharLmError` when `text` is empty (`empty-corpus`) or looks like binary data (`binary-input`): it
 * contains a NUL character, or more than 1% of its characters are control characters or U+FFFD replacement
 * characters. `source` names the file in the message.
 */
export function assertText(text: string, source?: string): void {
  if (text.length === 0) {
    throw new CharLmError('EMPTY_CORPUS', 'the corpus is empty: there is no text to learn from', source);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    throw new CharLmError(
      'BINARY_INPUT',
      `this looks like a binary file, not text (NUL character at offset ${nul})`,
      source,
    );
  }
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) if (isSuspicious(text.charCodeAt(i))) suspicious++;
  if (suspicious > text.length * MAX_SUSPICIOUS_FRACTION) {
    const percent = ((100 * suspicious) / text.length).toFixed(1);
    throw new CharLmError(
      'BINARY_INPUT',
      `this looks like a binary file or the wrong encoding, not UTF-8 text ` +
        `(${percent}% control or replacement characters; at most 1% is accepted)`,
      source,
    );
  }
}
