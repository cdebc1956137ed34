import { CharLmError } from './errors';
import type { Rng } from '@rnnkit/common';

/** Options for {@link sample} and {@link samplingDistribution}. */
export interface SamplingOptions {
  /** What the score vector holds. Default `'logits'`. Probabilities need not sum to 1: they are renormalised. */
  input?: 'logits' | 'probabilities';
  /**
   * Divides the logits (or, equivalently, raises the probabilities to `1 / temperature`) before the softmax.
   * Below 1 the choice sharpens towards the most likely character; above 1 it flattens. Must be > 0. Default 1.
   */
  temperature?: number;
  /** Keep only the `topK` most likely characters (ties broken by the lower id). An integer ≥ 1. Default: all. */
  topK?: number;
  /**
   * Nucleus sampling: keep the smallest set of most likely characters whose probability (after temperature and
   * top-k) adds up to at least `topP`. In `(0, 1]`. Default 1 (keep all).
   */
  topP?: number;
}

/** Tolerance when comparing a cumulative probability with `topP`, so rounding does not add a character. */
const CUMULATIVE_SLACK = 1e-12;

function checkOptions(options: SamplingOptions): Required<SamplingOptions> {
  const { input = 'logits', temperature = 1, topK = Infinity, topP = 1 } = options;
  const bad = (why: string) => new CharLmError('BAD_OPTION', why);
  if (input !== 'logits' && input !== 'probabilities') {
    throw bad(`input must be 'logits' or 'probabilities', got ${String(input)}`);
  }
  if (!(temperature > 0 && Number.isFinite(temperature))) {
    throw bad(`temperature must be a finite number > 0, got ${temperature}`);
  }
  if (!(topK >= 1 && (Number.isInteger(topK) || topK === Infinity))) {
    throw bad(`topK must be an integer >= 1, got ${topK}`);
  }
  if (!(topP > 0 && topP <= 1)) throw bad(`topP must be in (0, 1], got ${topP}`);
  return { input, temperature, topK, topP };
}

/** Natural-log scores; throws for values that are not valid logits or probabilities. */
function logScores(scores: ArrayLike<number>, input: 'logits' | 'probabilities'): Float64Array {
  const bad = (why: string) => new CharLmError('BAD_SCORES', why);
  if (scores.length === 0) throw bad('the score vector is empty');
  const out = new Float64Array(scores.length);
  let anyFinite = false;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (input === 'logits') {
      if (Number.isNaN(s) || s === Infinity) throw bad(`logit ${i} is ${s}`);
      out[i] = s;
    } else {
      if (!(s >= 0 && Number.isFinite(s))) throw bad(`probability ${i} is ${s}; probabilities must be finite and >= 0`);
      out[i] = Math.log(s);
    }
    if (Number.isFinite(out[i])) anyFinite = true;
  }
  if (!anyFinite) throw bad(input === 'logits' ? 'every logit is -Infinity' : 'every probability is 0');
  return out;
}

/**
 * The distribution that {@link sample} draws from, one probability per id, summing to 1: the softmax of
 * `logits / temperature`, then restricted to the top-k ids, renormalised, restricted to the top-p nucleus and
 * renormalised again (the order most libraries use). Throws `CharLmError` `bad-option` for a temperature ≤ 0, a
 * top-k below 1 or not an integer, or a top-p outside (0, 1], and `bad-scores` for an empty vector, NaN, +Infinity
 * (or negative probabilities) or a vector with no possible id.
 */
export function samplingDistribution(scores: ArrayLike<number>, options: SamplingOptions = {}): Float64Array {
  const { input, temperature, topK, topP } = checkOptions(options);
  const logs = logScores(scores, input);
  const n = logs.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logs[i]);
  const probs = new Float64Array(n);
  let total = 0;
  // Subtract the maximum before dividing so that a tiny temperature cannot produce Infinity - Infinity.
  for (let i = 0; i < n; i++) total += probs[i] = Math.exp((logs[i] - max) / temperature);
  for (let i = 0; i < n; i++) probs[i] /= total;
  if (topK >= n && topP === 1) return probs;

  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
  let keep = Math.min(topK, n);
  let kept = 0;
  for (let r = 0; r < keep; r++) kept += probs[order[r]];
  if (topP < 1) {
    let cumulative = 0;
    for (let r = 0; r < keep; r++) {
      cumulative += probs[order[r]] / kept;
      if (cumulative + CUMULATIVE_SLACK >= topP) {
        keep = r + 1;
        break;
      }
    }
    kept = 0;
    for (let r = 0; r < keep; r++) kept += probs[order[r]];
  }
  const out = new Float64Array(n);
  for (let r = 0; r < keep; r++) out[order[r]] = probs[order[r]] / kept;
  return out;
}

/**
 * Draws one id from a vector of logits (or probabilities, see {@link SamplingOptions.input}) after temperature,
 * top-k and top-p; see {@link samplingDistribution} for the rules and the errors. `rng` (`createRng` from
 * `@rnnkit/common`) makes the draw reproducible.
 */
export function sample(scores: ArrayLike<number>, rng: Rng, options: SamplingOptions = {}): number {
  const probs = samplingDistribution(scores, options);
  const u = rng.next();
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] === 0) continue;
    cumulative += probs[i];
    last = i;
    if (u < cumulative) return i;
  }
  return last; // u fell into the rounding gap just below 1
}
