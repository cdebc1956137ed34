import { checkCorpus } from './corpus-check';
import { MetricError } from './metric-error';
import { tokenize13a } from './tokenize-13a';

/** Corpus BLEU with its parts, so a score can be explained. */
export interface BleuResult {
  /** exp(Σ log pₙ / N) × brevity penalty, in [0, 1]; 0 when any pₙ is 0 (no smoothing). */
  readonly bleu: number;
  /** Modified (clipped) n-gram precisions p₁ … p_N over the whole corpus. */
  readonly precisions: readonly number[];
  /** 1 if the hypotheses are longer than the references, else exp(1 − r/c); 0 when c = 0. */
  readonly brevityPenalty: number;
  /** Total hypothesis tokens c. */
  readonly hypothesisLength: number;
  /** Total reference tokens r (for each hypothesis, the reference closest in length). */
  readonly referenceLength: number;
}

/** Options of `corpusBleu`. */
export interface BleuOptions {
  /** Largest n-gram order N; default 4. */
  readonly maxOrder?: number;
  /** How texts become tokens: `'whitespace'` (the default, `whitespaceTokens`) or `'13a'` (`tokenize13a`). */
  readonly tokenize?: BleuTokenize;
}

/** The tokenisations `corpusBleu` offers. */
export type BleuTokenize = 'whitespace' | '13a';

/** One reference, or every acceptable reference of a hypothesis. */
export type References = string | readonly string[];

/** Whitespace tokenisation: split on runs of Unicode whitespace, drop empty strings; no case folding. */
export function whitespaceTokens(text: string): string[] {
  return text.split(/\s+/u).filter((t) => t.length > 0);
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  // U+0001 cannot occur inside a whitespace token of normal text, so joined keys cannot collide.
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The reference length BLEU uses for one hypothesis: the closest to its length, the shorter one on a tie. */
function closestLength(hypothesisLength: number, referenceLengths: readonly number[]): number {
  let best = referenceLengths[0];
  for (const r of referenceLengths) {
    const d = Math.abs(r - hypothesisLength);
    const bestD = Math.abs(best - hypothesisLength);
    if (d < bestD || (d === bestD && r < best)) best = r;
  }
  return best;
}

/**
 * Corpus BLEU (Papineni et al., 2002) with one or several references per hypothesis: n-gram counts of each
 * hypothesis are clipped by the largest count any of its references has, summed over the corpus for each order
 * 1…N, and combined as a geometric mean of the precisions times the brevity penalty, whose reference length takes
 * for each hypothesis the reference closest in length (the shorter on a tie) — the conventions of sacreBLEU.
 * Tokens are `whitespaceTokens` unless `tokenize: '13a'`. No smoothing: if some order has no match the score is 0,
 * as in the original definition. An order with no hypothesis n-grams at all also counts as precision 0.
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly References[],
  options: BleuOptions = {},
): BleuResult {
  checkCorpus('corpusBleu', hypotheses, references);
  const maxOrder = options.maxOrder ?? 4;
  if (!Number.isInteger(maxOrder) || maxOrder < 1) {
    throw new MetricError(`corpusBleu: maxOrder must be a positive integer, got ${maxOrder}`);
  }
  const tokenize = options.tokenize ?? 'whitespace';
  if (tokenize !== 'whitespace' && tokenize !== '13a') {
    throw new MetricError(`corpusBleu: tokenize must be 'whitespace' or '13a', got ${JSON.stringify(tokenize)}`);
  }
  const tokens = tokenize === '13a' ? tokenize13a : whitespaceTokens;
  const matches = new Array<number>(maxOrder).fill(0);
  const totals = new Array<number>(maxOrder).fill(0);
  let hypothesisLength = 0;
  let referenceLength = 0;
  for (let i = 0; i < hypotheses.length; i++) {
    const hyp = tokens(hypotheses[i]);
    const given = references[i];
    const refs = (typeof given === 'string' ? [given] : given).map(tokens);
    if (refs.length === 0) throw new MetricError(`corpusBleu: hypothesis ${i} has no reference`);
    hypothesisLength += hyp.length;
    referenceLength += closestLength(hyp.length, refs.map((r) => r.length));
    for (let n = 1; n <= maxOrder; n++) {
      const refCounts = new Map<string, number>();
      for (const ref of refs) for (const [gram, count] of ngramCounts(ref, n)) refCounts.set(gram, Math.max(count, refCounts.get(gram) ?? 0));
      for (const [gram, count] of ngramCounts(hyp, n)) {
        matches[n - 1] += Math.min(count, refCounts.get(gram) ?? 0);
        totals[n - 1] += count;
      }
    }
  }
  const precisions = matches.map((m, k) => (totals[k] === 0 ? 0 : m / totals[k]));
  let brevityPenalty = 1;
  if (hypothesisLength === 0) brevityPenalty = 0;
  else if (hypothesisLength <= referenceLength) brevityPenalty = Math.exp(1 - referenceLength / hypothesisLength);
  const bleu = precisions.some((p) => p === 0)
    ? 0
    : brevityPenalty * Math.exp(precisions.reduce((sum, p) => sum + Math.log(p), 0) / maxOrder);
  return { bleu, precisions, brevityPenalty, hypothesisLength, referenceLength };
}
