/**
 * Marks the start of a word inside a subword piece (U+2581, as SentencePiece writes it), so that pieces can be
 * joined back into text without a separate list of word boundaries.
 */
export const WORD_START = '\u2581';

/** A learned byte-pair-encoding model: the merges in the order they were learned (earlier merges apply first). */
export interface BpeModel {
  /** Every single character seen in the training text, plus `WORD_START`. */
  readonly alphabet: readonly string[];
  /** Pairs of adjacent pieces to join, by rank. */
  readonly merges: readonly (readonly [string, string])[];
}

/** Options of {@link learnBpe}. */
export interface LearnBpeOptions {
  /** Wanted number of pieces: the alphabet plus merges. Fewer when no pair occurs twice any more. */
  readonly size: number;
}

/**
 * The chunks a text is cut into before BPE, which never merges across them: each whitespace-separated word is cut
 * into runs of letters and digits (an apostrophe stays on the run before it: `n'` `ai`, `l'` `homme`) and single
 * other characters (`cheval` `.`), and its first chunk starts with `WORD_START`. So `"cheval."` and `"cheval"`
 * share the piece `▁cheval` instead of spending two vocabulary entries, and the text is rebuilt exactly.
 */
export function bpeWords(text: string): string[] {
  return text
    .split(/\s+/u)
    .filter((w) => w.length > 0)
    .flatMap((w) => (w.match(/[\p{L}\p{M}\p{N}]+['\u2019]?|[^]/gu) as string[]).map((c, i) => (i === 0 ? WORD_START + c : c)));
}

function pairKey(a: string, b: string): string {
  // U+0000 never occurs in text pieces, so keys cannot collide.
  return `${a}\u0000${b}`;
}

/** Replaces every left-to-right, non-overlapping occurrence of (a, b) in `symbols` by a + b. */
function mergeSymbols(symbols: readonly string[], a: string, b: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
      out.push(a + b);
      i++;
    } else {
      out.push(symbols[i]);
    }
  }
  return out;
}

/**
 * Learns byte-pair-encoding merges (Sennrich et al., 2016) over the chunks of `texts` (`bpeWords`): each chunk
 * starts as its characters (`WORD_START` one of them), and the most frequent adjacent pair (ties broken by the pair's code
 * points, so the result is the same on every machine) is merged until the alphabet plus the merges reach
 * `options.size` or no pair occurs twice. Pair counts are updated only for the words a merge touches.
 */
export function learnBpe(texts: Iterable<string>, options: LearnBpeOptions): BpeModel {
  const frequency = new Map<string, number>();
  for (const text of texts) for (const word of bpeWords(text)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const words = [...frequency.keys()].sort();
  const counts = words.map((w) => frequency.get(w) as number);
  const symbols = words.map((w) => Array.from(w));
  const alphabetSet = new Set<string>([WORD_START]);
  for (const s of symbols) for (const c of s) alphabetSet.add(c);
  const alphabet = [...alphabetSet].sort();

  const pairCounts = new Map<string, number>();
  const pairWords = new Map<string, Set<number>>();
  const addWord = (w: number, sign: 1 | -1) => {
    const s = symbols[w];
    for (let i = 0; i + 1 < s.length; i++) {
      const key = pairKey(s[i], s[i + 1]);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + sign * counts[w]);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };
  for (let w = 0; w < words.length; w++) addWord(w, 1);

  const merges: [string, string][] = [];
  while (alphabet.length + merges.length < options.size) {
    let bestKey = '';
    let bestCount = 1;
    for (const [key, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && count > 1 && key < bestKey)) {
        bestKey = key;
        bestCount = count;
      }
    }
    if (bestCount < 2) break;
    const [a, b] = bestKey.split('\u0000');
    merges.push([a, b]);
    for (const w of pairWords.get(bestKey) ?? []) {
      addWord(w, -1);
      symbols[w] = mergeSymbols(symbols[w], a, b);
      addWord(w, 1);
    }
    pairCounts.delete(bestKey);
    pairWords.delete(bestKey);
  }
  return { alphabet, merges };
}

/**
 * Splits text into the pieces of a learned BPE model: each chunk (`bpeWords`) starts as its characters, then
 * the applicable merge of lowest rank is applied repeatedly. Characters outside the alphabet stay single pieces
 * (a vocabulary reads them as unknown). Words are cached, so segmenting a corpus costs little more than its
 * distinct words.
 */
export class BpeSegmenter {
  private readonly ranks: ReadonlyMap<string, number>;
  private readonly cache = new Map<string, readonly string[]>();

  constructor(readonly model: BpeModel) {
    this.ranks = new Map(model.merges.map(([a, b], i) => [pairKey(a, b), i]));
  }

  /** The pieces of one chunk of `bpeWords`. */
  private chunk(word: string): readonly string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    let symbols = Array.from(word);
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = this.ranks.get(pairKey(symbols[i], symbols[i + 1]));
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) break;
      symbols = mergeSymbols(symbols, symbols[best], symbols[best + 1]);
    }
    if (this.cache.size < 100_000) this.cache.set(word, symbols);
    return symbols;
  }

  /** The pieces of a text, chunk after chunk. */
  segment(text: string): string[] {
    return bpeWords(text).flatMap((w) => this.chunk(w));
  }
}

/** Joins pieces back into text: `WORD_START` becomes a space between words. */
export function joinPieces(pieces: readonly string[]): string {
  return pieces.join('').split(WORD_START).filter((w) => w.length > 0).join(' ');
}
