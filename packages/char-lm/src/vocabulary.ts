import { CharLmError } from './errors';
import { assertText } from './text-check';

/** The symbol that stands for every character outside the vocabulary; it always has id 0. */
export const UNK = '\uFFFD';

const FORMAT = 'rnnkit-char-vocabulary';

/** The saved form of a {@link Vocabulary}: `symbols[i]` is the character with id `i`; `symbols[0]` is {@link UNK}. */
export interface VocabularyJSON {
  format: typeof FORMAT;
  version: 1;
  symbols: string[];
}

/** Options for {@link Vocabulary.fromCorpus}. */
export interface VocabularyOptions {
  /** Characters seen fewer times than this are left out and so encode as UNK. Default 1 (keep every character). */
  minCount?: number;
}

/** The result of {@link Vocabulary.encode}. */
export interface Encoding {
  /** One id per character (Unicode code point) of the text. */
  ids: Int32Array;
  /** How often each character that is not in the vocabulary occurred; each one was encoded as UNK. */
  unknown: ReadonlyMap<string, number>;
  /** The sum of the counts in `unknown`. */
  unknownCount: number;
}

function byCodePoint(a: string, b: string): number {
  return (a.codePointAt(0) as number) - (b.codePointAt(0) as number);
}

function isOneCodePoint(s: unknown): s is string {
  if (typeof s !== 'string' || s.length === 0 || s.length > 2) return false;
  return String.fromCodePoint(s.codePointAt(0) as number) === s;
}

/**
 * A character vocabulary: id 0 is {@link UNK}, then one id per character (Unicode code point, so an emoji is one
 * character) in ascending code-point order. Sorting by code point rather than by frequency makes the ids depend
 * only on which characters occur, so two corpora with the same character set share ids.
 *
 * Characters outside the vocabulary are never dropped: they encode as UNK and {@link Vocabulary.encode} reports
 * how many of each it met. Save a vocabulary with the model through {@link Vocabulary.toJSON}.
 */
export class Vocabulary {
  /** The id of {@link UNK}. */
  readonly unkId = 0;
  private readonly ids: Map<string, number>;

  private constructor(
    /** `symbols[i]` is the character with id `i`; `symbols[0]` is {@link UNK}. */
    readonly symbols: readonly string[],
  ) {
    this.ids = new Map(symbols.map((s, i) => [s, i]));
  }

  /**
   * Builds the vocabulary of `text`. Throws `CharLmError` `empty-corpus` for an empty text, `binary-input` for
   * text that looks binary (see {@link assertText}) and `bad-option` when `minCount` is not an integer ≥ 1 or
   * leaves no character. U+FFFD in the text is not given an id of its own: it is UNK.
   */
  static fromCorpus(text: string, options: VocabularyOptions = {}): Vocabulary {
    const minCount = options.minCount ?? 1;
    if (!Number.isInteger(minCount) || minCount < 1) {
      throw new CharLmError('BAD_OPTION', `minCount must be an integer >= 1, got ${minCount}`);
    }
    assertText(text);
    const counts = new Map<string, number>();
    for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    counts.delete(UNK);
    const kept = [...counts].filter(([, n]) => n >= minCount).map(([ch]) => ch);
    if (kept.length === 0) {
      throw new CharLmError('BAD_OPTION', `minCount ${minCount} leaves no character in the vocabulary`);
    }
    return new Vocabulary([UNK, ...kept.sort(byCodePoint)]);
  }

  /**
   * Restores a vocabulary saved with {@link Vocabulary.toJSON}. Throws `CharLmError` `bad-vocabulary` when `json`
   * is not such an object: wrong format or version, a symbol that is not exactly one character, a duplicate, or
   * a first symbol other than {@link UNK}.
   */
  static fromJSON(json: unknown): Vocabulary {
    const bad = (why: string) => new CharLmError('BAD_VOCABULARY', `not a saved char-lm vocabulary: ${why}`);
    if (typeof json !== 'object' || json === null) throw bad('expected an object');
    const { format, version, symbols } = json as Partial<Record<keyof VocabularyJSON, unknown>>;
    if (format !== FORMAT) throw bad(`format must be "${FORMAT}", got ${JSON.stringify(format)}`);
    if (version !== 1) throw bad(`unsupported version ${JSON.stringify(version)} (this library reads version 1)`);
    if (!Array.isArray(symbols) || symbols.length < 2) throw bad('symbols must be an array of at least 2 characters');
    if (symbols[0] !== UNK) throw bad('symbols[0] must be the UNK symbol U+FFFD');
    const seen = new Set<string>();
    symbols.forEach((s: unknown, i) => {
      if (!isOneCodePoint(s)) throw bad(`symbols[${i}] is not a single character: ${JSON.stringify(s)}`);
      if (seen.has(s)) throw bad(`symbols[${i}] repeats ${JSON.stringify(s)}`);
      seen.add(s);
    });
    return new Vocabulary([...(symbols as string[])]);
  }

  /** The number of ids, UNK included. */
  get size(): number {
    return this.symbols.length;
  }

  /** The id of one character, or {@link Vocabulary.unkId} when it is not in the vocabulary. */
  idOf(char: string): number {
    return this.ids.get(char) ?? this.unkId;
  }

  /** Encodes `text` character by character, counting every character that had to become UNK. */
  encode(text: string): Encoding {
    const out = new Int32Array(text.length);
    const unknown = new Map<string, number>();
    let n = 0;
    let unknownCount = 0;
    for (const ch of text) {
      const id = this.ids.get(ch);
      if (id === undefined || id === this.unkId) {
        unknown.set(ch, (unknown.get(ch) ?? 0) + 1);
        unknownCount++;
        out[n++] = this.unkId;
      } else {
        out[n++] = id;
      }
    }
    return { ids: out.slice(0, n), unknown, unknownCount };
  }

  /** The text for `ids`; UNK becomes U+FFFD. Throws `CharLmError` `unknown-id` for an id that is not in `[0, size)`. */
  decode(ids: ArrayLike<number>): string {
    let text = '';
    for (let i = 0; i < ids.length; i++) {
      const symbol = Number.isInteger(ids[i]) ? this.symbols[ids[i]] : undefined;
      if (symbol === undefined) {
        throw new CharLmError('UNKNOWN_ID', `id ${ids[i]} at position ${i} is not in [0, ${this.size})`);
      }
      text += symbol;
    }
    return text;
  }

  /** The saved form; `Vocabulary.fromJSON(v.toJSON())` gives back the same ids. */
  toJSON(): VocabularyJSON {
    return { format: FORMAT, version: 1, symbols: [...this.symbols] };
  }
}
