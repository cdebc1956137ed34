import { type BpeModel, BpeSegmenter, joinPieces, learnBpe } from './subword/bpe';
import { VocabularyError } from './vocabulary-error';

/** What one vocabulary entry is: a Unicode code point, a whitespace-separated token, or a learned BPE piece. */
export type VocabularyLevel = 'char' | 'token' | 'subword';

const LEVELS: readonly VocabularyLevel[] = ['char', 'token', 'subword'];

/** Id of the padding symbol (always 0, so zero-filled batches are padding). */
export const PAD_ID = 0;
/** Id of the start-of-sequence symbol fed to a decoder first. */
export const START_ID = 1;
/** Id of the end-of-sequence symbol. */
export const END_ID = 2;
/** Id every symbol outside the vocabulary is encoded as. */
export const UNK_ID = 3;
/** Names of the four special symbols, by id; they are never produced by splitting text. */
export const SPECIAL_SYMBOLS: readonly string[] = ['<pad>', '<s>', '</s>', '<unk>'];

/** The JSON form of a `Vocabulary` (`toJSON()` / `Vocabulary.fromJSON`). */
export interface VocabularyJSON {
  readonly format: 'rnnkit-seq2seq-vocabulary';
  readonly version: 1;
  readonly level: VocabularyLevel;
  /** Ordinary symbols; symbol `i` has id `i + 4`. */
  readonly symbols: readonly string[];
  /** At `subword` level: the BPE merges, by rank. */
  readonly merges?: readonly (readonly [string, string])[];
}

/** Options of `Vocabulary.fromTexts`. */
export interface FromTextsOptions {
  /** At `subword` level: how many pieces (characters plus merges) to learn. Default 4000. */
  readonly subwordSize?: number;
}

/** Options of `Vocabulary.encode`. */
export interface EncodeOptions {
  /** Prepend `START_ID`; default false. */
  readonly start?: boolean;
  /** Append `END_ID`; default false. */
  readonly end?: boolean;
}

/** Options of `Vocabulary.decode`. */
export interface DecodeOptions {
  /** Stop at the first `END_ID` (default true); when false, END is skipped like PAD and START. */
  readonly stopAtEnd?: boolean;
}

const FIRST_ORDINARY_ID = SPECIAL_SYMBOLS.length;

function splitText(text: string, level: 'char' | 'token'): string[] {
  return level === 'char' ? Array.from(text) : text.split(/\s+/u).filter((t) => t.length > 0);
}

function checkMerges(merges: unknown, symbols: readonly string[]): [string, string][] {
  if (!Array.isArray(merges)) throw new VocabularyError('vocabulary JSON: a subword vocabulary needs a merges array');
  const known = new Set(symbols);
  return merges.map((m, i) => {
    if (!Array.isArray(m) || m.length !== 2 || !m.every((s) => typeof s === 'string' && known.has(s)) || !known.has(m[0] + m[1])) {
      throw new VocabularyError(`vocabulary JSON: merges[${i}] is not a pair of known pieces whose join is known`);
    }
    return [m[0], m[1]];
  });
}

function checkSymbol(symbol: unknown, level: VocabularyLevel, index: number): string {
  const where = `vocabulary JSON: symbols[${index}]`;
  if (typeof symbol !== 'string') throw new VocabularyError(`${where} is not a string`);
  if (level === 'char' && Array.from(symbol).length !== 1) {
    throw new VocabularyError(`${where} = ${JSON.stringify(symbol)} is not a single character`);
  }
  if (level !== 'char' && (symbol.length === 0 || /\s/u.test(symbol))) {
    throw new VocabularyError(`${where} = ${JSON.stringify(symbol)} is empty or contains whitespace`);
  }
  return symbol;
}

/**
 * A symbol ↔ id table at character, token or subword (BPE piece) level. Ids 0–3 are PAD, START, END, UNK; ordinary symbols follow in
 * code-point order, so the same texts always give the same ids. Symbols not in the table encode as UNK and can be
 * listed with `findUnknown`; encoding never throws.
 */
export class Vocabulary {
  /** Character or token level. */
  readonly level: VocabularyLevel;
  private readonly symbols: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;
  private readonly segmenter: BpeSegmenter | null;

  private constructor(level: VocabularyLevel, symbols: readonly string[], bpe: BpeModel | null = null) {
    this.level = level;
    this.symbols = symbols;
    this.ids = new Map(symbols.map((s, i) => [s, i + FIRST_ORDINARY_ID]));
    this.segmenter = bpe ? new BpeSegmenter(bpe) : null;
  }

  /**
   * Builds the vocabulary of every symbol occurring in `texts`; at `subword` level, learns BPE pieces from them
   * (`learnBpe`), so any word made of known characters is spelled with known pieces.
   */
  static fromTexts(texts: Iterable<string>, level: VocabularyLevel, options: FromTextsOptions = {}): Vocabulary {
    if (!LEVELS.includes(level)) {
      throw new VocabularyError(`vocabulary level must be 'char', 'token' or 'subword', got ${JSON.stringify(level)}`);
    }
    if (level === 'subword') {
      const bpe = learnBpe(texts, { size: options.subwordSize ?? 4000 });
      const pieces = [...bpe.alphabet, ...bpe.merges.map(([a, b]) => a + b)];
      return new Vocabulary(level, [...new Set(pieces)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), bpe);
    }
    const seen = new Set<string>();
    for (const text of texts) for (const symbol of splitText(text, level)) seen.add(symbol);
    // Sorting by code point (not locale) keeps ids identical across machines and input orders.
    const symbols = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return new Vocabulary(level, symbols);
  }

  /** Reads the output of `toJSON()` (parsed, or as a JSON string); malformed input is a `VocabularyError`. */
  static fromJSON(json: unknown): Vocabulary {
    let value = json;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (e) {
        throw new VocabularyError(`vocabulary JSON does not parse: ${(e as Error).message}`);
      }
    }
    if (typeof value !== 'object' || value === null) throw new VocabularyError('vocabulary JSON is not an object');
    const record = value as Record<string, unknown>;
    if (record.format !== 'rnnkit-seq2seq-vocabulary') {
      const got = JSON.stringify(record.format);
      throw new VocabularyError(`vocabulary JSON: format must be "rnnkit-seq2seq-vocabulary", got ${got}`);
    }
    if (record.version !== 1) throw new VocabularyError(`vocabulary JSON: unsupported version ${JSON.stringify(record.version)}`);
    const level = record.level as VocabularyLevel;
    if (!LEVELS.includes(level)) {
      throw new VocabularyError(`vocabulary JSON: level must be "char", "token" or "subword", got ${JSON.stringify(level)}`);
    }
    if (!Array.isArray(record.symbols)) throw new VocabularyError('vocabulary JSON: symbols is not an array');
    const symbols = record.symbols.map((s, i) => checkSymbol(s, level, i));
    if (new Set(symbols).size !== symbols.length) throw new VocabularyError('vocabulary JSON: symbols has duplicates');
    if (level !== 'subword') return new Vocabulary(level, symbols);
    const merges = checkMerges(record.merges, symbols);
    const alphabet = symbols.filter((s) => Array.from(s).length === 1);
    return new Vocabulary(level, symbols, { alphabet, merges });
  }

  /** Number of ids, specials included. */
  get size(): number {
    return FIRST_ORDINARY_ID + this.symbols.length;
  }

  /** Splits text into symbols: code points for `char`, whitespace-separated tokens for `token`, BPE pieces for `subword`. */
  split(text: string): string[] {
    return this.segmenter ? this.segmenter.segment(text) : splitText(text, this.level as 'char' | 'token');
  }

  /** Id of an ordinary symbol, or undefined if it is not in the vocabulary. */
  idOf(symbol: string): number | undefined {
    return this.ids.get(symbol);
  }

  /** Symbol of an id (specials by their names in `SPECIAL_SYMBOLS`); an id out of range is a `VocabularyError`. */
  symbolOf(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) {
      throw new VocabularyError(`id ${id} is outside this vocabulary (0-${this.size - 1})`);
    }
    return id < FIRST_ORDINARY_ID ? SPECIAL_SYMBOLS[id] : this.symbols[id - FIRST_ORDINARY_ID];
  }

  /** Ids of `text`; symbols outside the vocabulary become `UNK_ID` (see `findUnknown`). */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const ids = this.split(text).map((s) => this.ids.get(s) ?? UNK_ID);
    if (options.start) ids.unshift(START_ID);
    if (options.end) ids.push(END_ID);
    return ids;
  }

  /** The distinct symbols of `text` that are not in the vocabulary, in order of first occurrence. */
  findUnknown(text: string): string[] {
    return [...new Set(this.split(text).filter((s) => !this.ids.has(s)))];
  }

  /**
   * Text of `ids`: PAD and START are skipped, END ends the text (see `DecodeOptions`), UNK is written as U+FFFD
   * at char and subword level (one character, so error rates count it once) and as `<unk>` at token level. Tokens
   * are joined by single spaces; subword pieces are joined with `joinPieces` (word starts become spaces).
   */
  decode(ids: Iterable<number>, options: DecodeOptions = {}): string {
    const stopAtEnd = options.stopAtEnd ?? true;
    const out: string[] = [];
    for (const id of ids) {
      const symbol = this.symbolOf(id);
      if (id === END_ID && stopAtEnd) break;
      if (id === UNK_ID) out.push(this.level === 'token' ? symbol : '\uFFFD');
      else if (id >= FIRST_ORDINARY_ID) out.push(symbol);
    }
    if (this.level === 'subword') return joinPieces(out);
    return out.join(this.level === 'char' ? '' : ' ');
  }

  /** The JSON form; `Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)))` equals `v`. */
  toJSON(): VocabularyJSON {
    const json = { format: 'rnnkit-seq2seq-vocabulary', version: 1, level: this.level, symbols: [...this.symbols] } as const;
    return this.segmenter ? { ...json, merges: this.segmenter.model.merges.map(([a, b]) => [a, b] as const) } : json;
  }
}
