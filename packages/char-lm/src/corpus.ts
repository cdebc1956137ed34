import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CharLmError } from './errors';
import { assertText } from './text-check';

/** Options for {@link loadCorpus}. */
export interface LoadCorpusOptions {
  /** Put between two files of a directory. Default `"\n"`. */
  separator?: string;
  /**
   * Only read files of a directory whose names end with one of these (e.g. `['.txt']`). Default: every file.
   * Ignored when the path is a file.
   */
  extensions?: readonly string[];
}

function fail(error: unknown, file: string): never {
  const reason = error instanceof Error ? error.message : String(error);
  throw new CharLmError('UNREADABLE', `cannot read: ${reason}`, file);
}

/** Reads one UTF-8 text file: drops a byte-order mark, turns CRLF into LF and checks it is text. */
function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    fail(error, file);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new CharLmError('BINARY_INPUT', `this looks like a binary file, not text (NUL byte at offset ${nul})`, file);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (text.length > 0) assertText(text, file);
  return text;
}

/** Every non-hidden file under `dir`, recursively, as paths relative to `dir` with `/` separators, sorted. */
function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch (error) {
      fail(error, current);
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = join(current, name);
      const stats = statSync(full);
      if (stats.isDirectory()) walk(full);
      else if (stats.isFile()) found.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  // Plain code-unit order, not localeCompare, so the order is the same on every machine.
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Loads a text corpus from a file or a directory, synchronously.
 *
 * - A file is read as UTF-8.
 * - A directory contributes every regular file below it (recursively; names starting with `.` are skipped,
 *   `extensions` filters), in ascending order of their relative paths compared code unit by code unit, joined
 *   with `separator` (default `"\n"`).
 *
 * Each file loses a leading byte-order mark and has CRLF turned into LF. Throws `CharLmError`: `unreadable` when
 * the path cannot be read, `binary-input` naming the first file that looks binary (a NUL byte, or more than 1%
 * control or replacement characters), `empty-corpus` when there is no text at all.
 */
export function loadCorpus(path: string, options: LoadCorpusOptions = {}): string {
  const separator = options.separator ?? '\n';
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    fail(error, path);
  }
  let texts: string[];
  if (stats.isDirectory()) {
    const extensions = options.extensions;
    const files = listFiles(path).filter((f) => extensions === undefined || extensions.some((e) => f.endsWith(e)));
    if (files.length === 0) {
      const which = extensions === undefined ? 'files' : `files ending with ${extensions.join(', ')}`;
      throw new CharLmError('EMPTY_CORPUS', `the directory holds no ${which}`, path);
    }
    texts = files.map((f) => readTextFile(join(path, f)));
  } else {
    texts = [readTextFile(path)];
  }
  if (texts.every((t) => t.length === 0)) {
    throw new CharLmError('EMPTY_CORPUS', 'the corpus is empty: there is no text to learn from', path);
  }
  return texts.join(separator);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The two parts made by {@link splitCorpus}. */
export interface CorpusSplit {
  train: string;
  validation: string;
}

/**
 * Splits a corpus deterministically: the last `validationFraction` of its characters (rounded to the nearest
 * UTF-16 code unit, and moved one unit earlier if it would cut a surrogate pair) is the validation part, the rest
 * is for training. Holding out the end rather than random pieces keeps validation text unseen in training.
 * Throws `CharLmError` `bad-option` unless `0 <= validationFraction < 1`.
 */
export function splitCorpus(text: string, validationFraction: number): CorpusSplit {
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw new CharLmError('BAD_OPTION', `validationFraction must be in [0, 1), got ${validationFraction}`);
  }
  let cut = text.length - Math.round(text.length * validationFraction);
  if (isLowSurrogate(text.charCodeAt(cut)) && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  return { train: text.slice(0, cut), validation: text.slice(cut) };
}
