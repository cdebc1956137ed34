import { Seq2SeqError } from '../seq2seq-error';
import { END_ID, START_ID } from '../vocabulary';
import { checkMaxLength } from './greedy';
import { type Hypothesis, type StepModel, isEmittable } from './step-model';

/** Options of {@link beamSearch}. */
export interface BeamSearchOptions {
  /** Hypotheses kept per source, K ≥ 1. K = 1 is greedy decoding. */
  readonly beamWidth: number;
  /** Most symbols per output, END not counted; a hypothesis of this length that would go on is cut there. */
  readonly maxLength: number;
  /**
   * α of the length normalisation score = log p / length^α, where length counts END. 0 ranks by raw probability
   * (which favours short outputs), 1 by mean log-probability per symbol. Default 0.6.
   */
  readonly lengthPenalty?: number;
}

/** The default α of {@link BeamSearchOptions.lengthPenalty}. */
export const DEFAULT_LENGTH_PENALTY = 0.6;

interface Prefix {
  readonly tokens: readonly number[];
  readonly logProb: number;
  readonly attention: readonly Float32Array[];
}

interface Candidate {
  readonly row: number;
  readonly token: number;
  readonly logProb: number;
}

/** Keeps the K best candidates in descending log-probability; an equal one never displaces an earlier one. */
function insertTopK(best: Candidate[], candidate: Candidate, k: number): void {
  if (best.length === k && !(candidate.logProb > best[k - 1].logProb)) return;
  let i = best.length;
  while (i > 0 && best[i - 1].logProb < candidate.logProb) i--;
  best.splice(i, 0, candidate);
  if (best.length > k) best.pop();
}

function hypothesis(prefix: Prefix, logProb: number, length: number, alpha: number, finished: boolean, attention: boolean): Hypothesis {
  const score = alpha === 0 ? logProb : logProb / Math.max(1, length) ** alpha;
  return { tokens: prefix.tokens, logProb, score, finished, ...(attention ? { attention: prefix.attention } : {}) };
}

/**
 * Beam search. Each source keeps up to K prefixes; at every step the K most probable one-symbol extensions of all
 * of them (by total log-probability; ties go to the earlier prefix, then the lower id) are kept. An extension by
 * END becomes a finished hypothesis and leaves the beam, which goes on narrower; a prefix of `maxLength` symbols
 * that is extended by anything else is cut instead. A source stops when its beam is empty or when no prefix in it
 * can still beat its best finished hypothesis: log p only falls as symbols are added, so a prefix's final score
 * is at most log p / (maxLength + 1)^α. The result is the finished hypothesis with the best score
 * log p / length^α, or the best cut one if none finished. All sources advance together, one model step per
 * output position.
 */
export function beamSearch(model: StepModel, options: BeamSearchOptions): Hypothesis[] {
  const { beamWidth: K, maxLength } = options;
  const alpha = options.lengthPenalty ?? DEFAULT_LENGTH_PENALTY;
  if (!Number.isInteger(K) || K < 1) throw new Seq2SeqError('BAD_INPUT', `beamWidth must be a positive integer, got ${K}`);
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new Seq2SeqError('BAD_INPUT', `lengthPenalty must be a finite number ≥ 0, got ${alpha}`);
  checkMaxLength(maxLength);
  const V = model.vocabSize;
  if (V <= END_ID) throw new Seq2SeqError('BAD_INPUT', `vocabSize ${V} leaves nothing to emit`);
  const bound = (logProb: number) => (alpha === 0 ? logProb : logProb / (maxLength + 1) ** alpha);
  const best: (Hypothesis | null)[] = new Array(model.sources).fill(null);
  const bestCut: (Hypothesis | null)[] = new Array(model.sources).fill(null);
  const keep = (pool: (Hypothesis | null)[], s: number, h: Hypothesis) => {
    const current = pool[s];
    if (!current || h.score > current.score) pool[s] = h;
  };
  let beams: Prefix[][] = Array.from({ length: model.sources }, () => [{ tokens: [], logProb: 0, attention: [] }]);
  let parents = Int32Array.from({ length: model.sources }, (_, s) => s);
  let inputs = new Int32Array(model.sources).fill(START_ID);

  while (inputs.length > 0) {
    const out = model.step(parents, inputs);
    const withAttention = out.attention !== undefined;
    const nextBeams: Prefix[][] = beams.map(() => []);
    const nextParents: number[] = [];
    const nextInputs: number[] = [];
    let first = 0; // row of this source's first prefix
    beams.forEach((beam, s) => {
      const top: Candidate[] = [];
      beam.forEach((prefix, i) => {
        const row = first + i;
        for (let v = 0; v < V; v++) {
          if (isEmittable(v)) insertTopK(top, { row, token: v, logProb: prefix.logProb + out.logProbs[row * V + v] }, K);
        }
      });
      const survivors: Array<{ prefix: Prefix; row: number; token: number }> = [];
      for (const c of top) {
        const parent = beam[c.row - first];
        const attention = withAttention ? [...parent.attention, (out.attention as readonly Float32Array[])[c.row]] : parent.attention;
        if (c.token === END_ID) {
          keep(best, s, hypothesis({ ...parent, attention }, c.logProb, parent.tokens.length + 1, alpha, true, withAttention));
        } else if (parent.tokens.length === maxLength) {
          keep(bestCut, s, hypothesis(parent, parent.logProb, parent.tokens.length, alpha, false, withAttention));
        } else {
          survivors.push({ prefix: { tokens: [...parent.tokens, c.token], logProb: c.logProb, attention }, row: c.row, token: c.token });
        }
      }
      const finished = best[s];
      const hopeless = finished !== null && survivors.every((x) => bound(x.prefix.logProb) <= finished.score);
      if (!hopeless) {
        for (const x of survivors) {
          nextBeams[s].push(x.prefix);
          nextParents.push(x.row);
          nextInputs.push(x.token);
        }
      }
      first += beam.length;
    });
    beams = nextBeams;
    parents = Int32Array.from(nextParents);
    inputs = Int32Array.from(nextInputs);
  }
  return best.map((h, s) => (h ?? bestCut[s]) as Hypothesis);
}
