import { Seq2SeqError } from '../seq2seq-error';
import { END_ID, START_ID } from '../vocabulary';
import { type Hypothesis, type StepModel, isEmittable } from './step-model';

/** Options of {@link greedyDecode}. */
export interface GreedyOptions {
  /**
   * Most symbols per output, END not counted. An output of this length that would go on is cut there
   * (`finished: false`).
   */
  readonly maxLength: number;
}

/** Checks a maximum output length. */
export function checkMaxLength(maxLength: number): void {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new Seq2SeqError('BAD_INPUT', `maxLength must be a positive integer, got ${maxLength}`);
  }
}

/**
 * Greedy decoding: at every step each source takes its most probable symbol (the lowest id on a tie), until END
 * or until an output of `maxLength` symbols would go on. All unfinished sources advance together, one model step
 * per output position.
 */
export function greedyDecode(model: StepModel, options: GreedyOptions): Hypothesis[] {
  checkMaxLength(options.maxLength);
  const V = model.vocabSize;
  const tokens: number[][] = Array.from({ length: model.sources }, () => []);
  const logProb = new Float64Array(model.sources);
  const finished = new Array<boolean>(model.sources).fill(false);
  const attention: Float32Array[][] = Array.from({ length: model.sources }, () => []);
  let active = Array.from({ length: model.sources }, (_, s) => s);
  let parents = Int32Array.from(active);
  let inputs = new Int32Array(active.length).fill(START_ID);
  while (active.length > 0) {
    const out = model.step(parents, inputs);
    const next: number[] = [];
    const nextParents: number[] = [];
    const nextInputs: number[] = [];
    active.forEach((s, r) => {
      let best = -1;
      for (let v = 0; v < V; v++) {
        if (isEmittable(v) && (best < 0 || out.logProbs[r * V + v] > out.logProbs[r * V + best])) best = v;
      }
      // A full-length output may only end; any other symbol cuts it there.
      if (best !== END_ID && tokens[s].length === options.maxLength) return;
      logProb[s] += out.logProbs[r * V + best];
      if (out.attention) attention[s].push(out.attention[r]);
      if (best === END_ID) {
        finished[s] = true;
        return;
      }
      tokens[s].push(best);
      next.push(s);
      nextParents.push(r);
      nextInputs.push(best);
    });
    active = next;
    parents = Int32Array.from(nextParents);
    inputs = Int32Array.from(nextInputs);
  }
  return tokens.map((t, s) => ({
    tokens: t,
    logProb: logProb[s],
    score: logProb[s],
    finished: finished[s],
    ...(attention[s].length > 0 ? { attention: attention[s] } : {}),
  }));
}
