import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus, splitCorpus } from './corpus';
import { CharLmError } from './errors';

function errorOf(fn: () => unknown): CharLmError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CharLmError) return error;
    throw error;
  }
  throw new Error('expected a CharLmError');
}

describe('loadCorpus', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'char-lm-corpus-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file as UTF-8, dropping a byte-order mark and turning CRLF into LF', () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, '\uFEFFline one\r\nlíne two\r\n', 'utf8');
    expect(loadCorpus(file)).toBe('line one\nlíne two\n');
  });

  it('joins the files of a directory tree in sorted relative-path order, skipping hidden ones', () => {
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'x.txt'), 'BX');
    writeFileSync(join(dir, 'a.txt'), 'A');
    writeFileSync(join(dir, 'C.txt'), 'C'); // upper case sorts before lower case in code-unit order
    writeFileSync(join(dir, '.hidden'), 'H');
    expect(loadCorpus(dir)).toBe('C\nA\nBX');
    expect(loadCorpus(dir, { separator: '|' })).toBe('C|A|BX');
  });

  it('filters a directory by extension', () => {
    writeFileSync(join(dir, 'a.txt'), 'A');
    writeFileSync(join(dir, 'notes.md'), 'M');
    expect(loadCorpus(dir, { extensions: ['.txt'] })).toBe('A');
  });

  it('names the binary file in a directory', () => {
    writeFileSync(join(dir, 'a.txt'), 'text');
    writeFileSync(join(dir, 'b.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const error = errorOf(() => loadCorpus(dir));
    expect(error.code).toBe('BINARY_INPUT');
    expect(error.file).toBe(join(dir, 'b.png'));
    expect(error.message).toContain('NUL byte at offset 4');
  });

  it('rejects a file in another encoding (Latin-1 bytes are invalid UTF-8)', () => {
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.from('àéîõü'.repeat(50), 'latin1'));
    expect(errorOf(() => loadCorpus(file)).code).toBe('BINARY_INPUT');
  });

  it('rejects empty files, empty directories and missing paths with typed errors', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(errorOf(() => loadCorpus(empty))).toMatchObject({ code: 'EMPTY_CORPUS', file: empty });
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(errorOf(() => loadCorpus(sub)).code).toBe('EMPTY_CORPUS');
    writeFileSync(join(sub, 'a.md'), 'M');
    expect(errorOf(() => loadCorpus(sub, { extensions: ['.txt'] })).message).toContain('files ending with .txt');
    expect(errorOf(() => loadCorpus(join(dir, 'missing.txt')))).toMatchObject({ code: 'UNREADABLE' });
    // Separators alone are no corpus: a directory of empty files is empty too.
    writeFileSync(join(sub, 'b.md'), '');
    writeFileSync(join(sub, 'a.md'), '');
    expect(errorOf(() => loadCorpus(sub)).code).toBe('EMPTY_CORPUS');
  });
});

describe('splitCorpus', () => {
  it('holds out the last fraction of the text', () => {
    const text = 'abcdefghij'.repeat(10);
    const { train, validation } = splitCorpus(text, 0.1);
    expect(validation).toBe(text.slice(90));
    expect(train).toBe(text.slice(0, 90));
  });

  it('rounds the held-out length and keeps everything for fraction 0', () => {
    expect(splitCorpus('abcdefg', 0.25)).toEqual({ train: 'abcde', validation: 'fg' }); // 7 × 0.25 = 1.75 → 2
    expect(splitCorpus('abc', 0)).toEqual({ train: 'abc', validation: '' });
  });

  it('never cuts a surrogate pair in half', () => {
    const { train, validation } = splitCorpus('ab🙂', 0.25); // 4 units, the cut would fall inside 🙂
    expect(train).toBe('ab');
    expect(validation).toBe('🙂');
  });

  it('rejects fractions outside [0, 1)', () => {
    for (const f of [-0.1, 1, 2, NaN]) expect(errorOf(() => splitCorpus('abc', f)).code).toBe('BAD_OPTION');
  });
});
