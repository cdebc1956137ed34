import { logAdd } from './log-space';

// Log-space CTC forward–backward for one sequence, over the extended label l' = [blank, l1, blank, l2, …, blank]
// (length S = 2L + 1). `logProbs` is the whole [batch, time, classes] block of log-softmax outputs and `frame0` the
// flat offset of this item's first frame. All arithmetic is float64.

/** The result of the alpha recursion for one sequence, kept for its gradient. */
export interface CtcSequence {
  /** log p(labels | frames), -Infinity when no alignment fits in the frames. */
  readonly logLikelihood: number;
  /** alpha_t(s), row-major [frames, S]: log-probability of all prefixes of alignments that emit l'_s at frame t. */
  readonly alpha: Float64Array;
  readonly extended: Int32Array;
  readonly frames: number;
}

/** Builds l' with blanks interleaved around and between the labels. */
function extendLabels(labels: Int32Array, blank: number): Int32Array {
  const ext = new Int32Array(2 * labels.length + 1).fill(blank);
  for (let i = 0; i < labels.length; i++) ext[2 * i + 1] = labels[i];
  return ext;
}

/** A jump from s - 2 to s skips a blank, allowed unless l'_s is blank or repeats l'_{s-2}. */
function canSkip(ext: Int32Array, s: number, blank: number): boolean {
  return s >= 2 && ext[s] !== blank && ext[s] !== ext[s - 2];
}

/** Runs the alpha recursion and returns the sequence log-likelihood together with what the gradient needs. */
export function ctcForward(
  logProbs: ArrayLike<number>,
  frame0: number,
  frames: number,
  classes: number,
  labels: Int32Array,
  blank: number,
): CtcSequence {
  const ext = extendLabels(labels, blank);
  const S = ext.length;
  const alpha = new Float64Array(frames * S).fill(-Infinity);
  if (frames === 0) {
    return { logLikelihood: labels.length === 0 ? 0 : -Infinity, alpha, extended: ext, frames };
  }
  alpha[0] = logProbs[frame0 + blank];
  if (S > 1) alpha[1] = logProbs[frame0 + ext[1]];
  for (let t = 1; t < frames; t++) {
    const row = frame0 + t * classes;
    const cur = t * S;
    const prev = cur - S;
    for (let s = 0; s < S; s++) {
      let a = alpha[prev + s];
      if (s >= 1) a = logAdd(a, alpha[prev + s - 1]);
      if (canSkip(ext, s, blank)) a = logAdd(a, alpha[prev + s - 2]);
      alpha[cur + s] = a === -Infinity ? a : a + logProbs[row + ext[s]];
    }
  }
  const last = (frames - 1) * S;
  const logLikelihood = S > 1 ? logAdd(alpha[last + S - 1], alpha[last + S - 2]) : alpha[last];
  return { logLikelihood, alpha, extended: ext, frames };
}

/**
 * Writes scale · d(−log p)/d(logits) for one sequence into `grad` at `frame0` (same layout as `logProbs`):
 * softmax(t, k) − Σ_{s: l'_s = k} exp(alpha_t(s) + beta_t(s) − log p), where beta_t(s) is the log-probability of
 * completing the alignment after frame t from state s (it excludes frame t's emission, so alpha + beta is the
 * log-probability of all alignments through (t, s)). Frames past `seq.frames` are left untouched (zero).
 * `betaA`, `betaB` and `occupancy` are scratch buffers of at least S, S and `classes` entries.
 */
export function ctcBackward(
  logProbs: ArrayLike<number>,
  frame0: number,
  classes: number,
  seq: CtcSequence,
  blank: number,
  scale: number,
  grad: Float32Array,
  scratch: { betaA: Float64Array; betaB: Float64Array; occupancy: Float64Array },
): void {
  const { alpha, extended: ext, frames, logLikelihood } = seq;
  if (frames === 0 || logLikelihood === -Infinity) return;
  const S = ext.length;
  let beta = scratch.betaA;
  let next = scratch.betaB;
  const occ = scratch.occupancy;
  beta.fill(-Infinity, 0, S);
  beta[S - 1] = 0;
  if (S > 1) beta[S - 2] = 0;
  for (let t = frames - 1; t >= 0; t--) {
    const row = frame0 + t * classes;
    occ.fill(0, 0, classes);
    const at = t * S;
    for (let s = 0; s < S; s++) {
      const lp = alpha[at + s] + beta[s];
      if (lp !== -Infinity) occ[ext[s]] += Math.exp(lp - logLikelihood);
    }
    for (let k = 0; k < classes; k++) grad[row + k] = scale * (Math.exp(logProbs[row + k]) - occ[k]);
    if (t === 0) break;
    // beta_{t-1}(s): step from s to s, s + 1 or (skipping a blank) s + 2, emitting at frame t.
    for (let s = 0; s < S; s++) {
      let b = beta[s] + logProbs[row + ext[s]];
      if (s + 1 < S) b = logAdd(b, beta[s + 1] + logProbs[row + ext[s + 1]]);
      if (s + 2 < S && canSkip(ext, s + 2, blank)) b = logAdd(b, beta[s + 2] + logProbs[row + ext[s + 2]]);
      next[s] = b;
    }
    const swap = beta;
    beta = next;
    next = swap;
  }
}
