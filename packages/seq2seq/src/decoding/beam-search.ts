import { Seq2SeqError } from '../seq2seq-error';
import { END_ID, START_ID } from '../vocabulary';
import { checkMaxLength } from './greedy';
import { type Hypothesis, type StepModel, isEmittable } from './step-model';

/** Options of {@link beamSearch}. */
export interface BeamSearchOptions {
  /** Hypotheses kept per source, K ≥ 1. K = 1 is greedy decoding. */
  readonly beamWidth: number;
  /** Most symbols per output, END not counted; hypotheses that reach it are cut (`finished: false`). */
  readonly maxLength: number;
  /**
   * α of the length normalisation score = log p / length^α, length counting END. 0 ranks by raw probability (which
   * favours short outputs), 1 by mean log-probability per symbol. Default 0.6.
   */
  readonly lengthPenalty?: number;
}

/** The default α of {@link BeamSearchOptions.lengthPenalty}. */
export const DEFAULT_LENGTH_PENALTY = 0.6;

interface Prefix {
  readonly tokens: number[];
  readonly logProb: number;
  readonly attention: Float32Array[];
}

interface Candidate {
  readonly row: number;
  readonly token: number;
  readonly logProb: number;
}

/** Keeps the K best candidates in descending log-probability; an equal one never displaces an earlier one. */
function insertTopK(best: Candidate[], candidate: Candidate, k: number): void {
  if (best.length === k && candidate.logProb <= best[k - 1].logProb) return;
  let i = best.length;
  while (i > 0 && best[i - 1].logProb < candidate.logProb) i--;
  best.splice(i, 0, candidate);
  if (best.length > k) best.pop();
}

function normalised(logProb: number, length: number, alpha: number): number {
  return alpha === 0 ? logProb : logProb / Math.max(1, length) ** alpha;
}

/**
 * Beam search. Every source keeps up to K partial outputs; at each step the K most probable one-symbol
 * extensions of all of them (by total log-probability) survive. An extension with END is set aside as a finished
 * hypothesis and leaves the beam, which then continues narrower. A source is done when K hypotheses have
 * finished, or when its beam is empty or at `maxLength` symbols (those hypotheses are kept as cut ones). The result
 * is the finished hypothesis with the best length-normalised score log p / length^α, or the best cut one if none
 * finished. All sources' beams advance together, one model step per output position.
 */
export function beamSearch(model: StepModel, options: BeamSearchOptions): Hypothesis[] {
  const { beamWidth: K, maxLength } = options;
  const alpha = options.lengthPenalty ?? DEFAULT_LENGTH_PENALTY;
  if (!Number.isInteger(K) || K < 1) throw new Seq2SeqError('bad-input', `beamWidth must be a positive integer, got ${K}`);
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new Seq2SeqError('bad-input', `lengthPenalty must be a finite number ≥ 0, got ${alpha}`);
  checkMaxLength(maxLength);
  const V = model.vocabSize;
  if (V <= END_ID) throw new Seq2SeqError('bad-input', `vocabSize ${V} leaves nothing to emit`);
  const finished: Hypothesis[][] = Array.from({ length: model.sources }, () => []);
  const cut: Hypothesis[][] = Array.from({ length: model.sources }, () => []);
  // Rows of the last step, grouped by source; at the start one empty partial per source.
  let beams: Prefix[][] = Array.from({ length: model.sources }, () => [{ tokens: [], logProb: 0, attention: [] }]);
  let parents = Int32Array.from({ length: model.sources }, (_, s) => s);
  let inputs = new Int32Array(model.sources).fill(START_ID);

  while (inputs.length > 0) {
    const out = model.step(parents, inputs);
    const nextBeams: Prefix[][] = beams.map(() => []);
    const nextParents: number[] = [];
    const nextInputs: number[] = [];
    let row = 0;
    beams.forEach((beam, s) => {
      const best: Candidate[] = [];
      beam.forEach((partial, i) => {
        const base = (row + i) * V;
        for (let v = 0; v < V; v++) {
          if (isEmittable(v)) insertTopK(best, { row: row + i, token: v, logProb: partial.logProb + out.logProbs[base + v] }, K);
        }
      });
      for (const c of best) {
        const parent = beam[c.row - row];
        const attention = out.attention ? [...parent.attention, out.attention[c.row]] : parent.attention;
        if (c.token === END_ID) {
          const score = normalised(c.logProb, parent.tokens.length + 1, alpha);
          finished[s].push({ tokens: parent.tokens, logProb: c.logProb, score, finished: true, ...(out.attention ? { attention } : {}) });
          continue;
        }
        const extended = { tokens: [...parent.tokens, c.token], logProb: c.logProb, attention };
        if (extended.tokens.length >= maxLength) {
          const score = normalised(c.logProb, extended.tokens.length, alpha);
          cut[s].push({ tokens: extended.tokens, logProb: c.logProb, score, finished: false, ...(out.attention ? { attention } : {}) });
        } else {
          nextBeams[s].push(extended);
          nextParents.push(c.row);
          nextInputs.push(c.token);
        }
      }
      if (finished[s].length >= K) {
        // Done: withdraw this source's survivors, which were appended last.
        const survivors = nextBeams[s].length;
        nextParents.splice(nextParents.length - survivors, survivors);
        nextInputs.splice(nextInputs.length - survivors, survivors);
        nextBeams[s] = [];
      }
      row += beam.length;
    });
    beams = nextBeams;
    parents = Int32Array.from(nextParents);
    inputs = Int32Array.from(nextInputs);
  }
  return finished.map((hyps, s) => {
    const pool = hyps.length > 0 ? hyps : cut[s];
    return pool.reduce((a, b) => (b.score > a.score ? b : a));
  });
}
