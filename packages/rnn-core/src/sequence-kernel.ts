import { tf } from './tfjs';
import { CellSpec, gateCount } from './cell-spec';

/**
 * The fused recurrence: the forward pass over a whole sequence and its backward pass through time, written as
 * explicit loops over Float32Arrays. Only the per-step recurrent matrix products go to tfjs (XNNPACK on wasm,
 * native on tfjs-node), because per-op overhead, not arithmetic, dominates a naive per-step RNN in tfjs.
 *
 * Layout: the stored activations are time-major (row t·B + b), so each step reads and writes one contiguous
 * block, and the gate gradients are also kept transposed, [G·H, T·B], so that the weight gradients are products
 * whose large operand is on the left (see recurrent-op.ts). Only `outputs` and `dOutputs` are batch-major
 * [B, T, H], the layout callers see.
 */

/** Everything the forward pass needs, already as flat arrays. */
export interface SequenceInputs {
  spec: CellSpec;
  batch: number;
  steps: number;
  /**
   * x·kernel + input bias for every step, time-major [T, B, G·H]. The forward pass overwrites it with the gate
   * activations (see SequenceForward.gates): each step's pre-activations are dead once its gates exist.
   */
  inputProjection: Float32Array;
  /** The recurrent kernel [H, G·H]. */
  recurrentKernel: tf.Tensor2D;
  /** GRU with resetAfter: the recurrent bias [G·H], added to h·U before the gates. */
  recurrentBias: Float32Array | null;
  h0: Float32Array;
  /** LSTM only. */
  c0: Float32Array | null;
  /** 1 for a real step, 0 for padding, [B, T]; null when every step is real. */
  mask: Float32Array | null;
  /** Recurrent dropout: multiplies h before every recurrent product, the same mask at every step, [B, H]. */
  recurrentDropoutMask: Float32Array | null;
  /** Walk the sequence from its last step to its first; outputs stay at their original positions. */
  reverse: boolean;
}

/** The forward results plus what the backward pass reads (the "tape" of stored activations). */
export interface SequenceForward {
  /** h at every step, zero at padded steps, batch-major [B, T, H]. */
  outputs: Float32Array;
  hT: Float32Array;
  cT: Float32Array | null;
  /** Gate activations per step, [T, B, G·H] (the inputProjection array); rows of padded steps are not gates. */
  gates: Float32Array;
  /** h before each step, [T, B, H]. */
  hPrev: Float32Array;
  /** The left operand of each step's recurrent product (h·dropout mask), [T, B, H]. */
  hIn: Float32Array;
  /** GRU only: the candidate block's recurrent operand r⊙hIn (reset before) or recurrent term (reset after). */
  candidateAux: Float32Array | null;
  /** LSTM only: c before each step, and tanh(c) after it, [T, B, H]. */
  cPrev: Float32Array | null;
  tanhC: Float32Array | null;
}

/** Gradients of the loss with respect to the kernel's inputs. */
export interface SequenceBackward {
  /** ∂L/∂(input projection), [T, B, G·H], when `keepInputGates` asked for it: feeds the input gradient. */
  dInputGates: Float32Array | null;
  /** The same transposed, [G·H, T·B]: feeds the kernel and input bias gradients. */
  dInputGatesT: Float32Array;
  /** ∂L/∂(recurrent product) transposed, [G·H, T·B]: feeds the recurrent kernel and recurrent bias gradients. */
  dRecurrentGatesT: Float32Array;
  dh0: Float32Array;
  dc0: Float32Array | null;
}

/** Upstream gradients and an optional observer of ∂L/∂h_t at every step. */
export interface SequenceGradients {
  /** Batch-major [B, T, H]. */
  dOutputs: Float32Array | null;
  dhT: Float32Array | null;
  dcT: Float32Array | null;
  /** Also return the gate gradients row by row (dInputGates), for ∂L/∂x; the transposed copy is always kept. */
  keepInputGates: boolean;
  /**
   * Called once per step, in processing order reversed, with ∂L/∂h_t for the whole batch [B, H]. The array is a
   * reused buffer: read it during the call, copy it to keep it.
   */
  onStepGradient?: (t: number, dh: Float32Array) => void;
}

/** a [rows, inner] times b, through tfjs. The typed array is copied out before the tensors are freed. */
function matMulRows(a: Float32Array, rows: number, b: tf.Tensor2D): Float32Array {
  // Never return a typed array from tf.tidy: tfjs walks the returned value element by element looking for tensors.
  const left = tf.tensor2d(a, [rows, b.shape[0]]);
  const product = tf.matMul(left, b);
  const values = product.dataSync() as Float32Array;
  left.dispose();
  product.dispose();
  return values;
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
/** tanh through one exp: about half the cost of Math.tanh in V8, and exact to float32 rounding. */
const tanh = (v: number): number => 1 - 2 / (Math.exp(2 * v) + 1);

function stepIndex(s: number, steps: number, reverse: boolean): number {
  return reverse ? steps - 1 - s : s;
}

function isPadded(mask: Float32Array | null, b: number, T: number, t: number): boolean {
  return mask !== null && mask[b * T + t] === 0;
}

/** Runs the recurrence forward over every step and keeps what the backward pass needs. */
export function forwardSequence(inp: SequenceInputs): SequenceForward {
  const { spec, batch: B, steps: T, inputProjection: xp, mask, recurrentDropoutMask: rmask } = inp;
  const H = spec.units;
  const GH = gateCount(spec.type) * H;
  const BH = B * H;
  const isLstm = spec.type === 'lstm';
  const isGru = spec.type === 'gru';
  const gruSplit = isGru && !spec.resetAfter ? splitGruKernel(inp.recurrentKernel, H) : null;

  const outputs = new Float32Array(B * T * H);
  const gates = xp;
  const hPrevAll = new Float32Array(T * BH);
  const hInAll = rmask ? new Float32Array(T * BH) : hPrevAll;
  const candidateAux = isGru ? new Float32Array(T * BH) : null;
  const cPrevAll = isLstm ? new Float32Array(T * BH) : null;
  const tanhCAll = isLstm ? new Float32Array(T * BH) : null;

  let h = inp.h0.slice();
  let hNext = new Float32Array(BH);
  let c = isLstm ? (inp.c0 as Float32Array).slice() : null;
  let cNext = isLstm ? new Float32Array(BH) : null;
  const rh = gruSplit ? new Float32Array(BH) : null;

  try {
    for (let s = 0; s < T; s++) {
      const t = stepIndex(s, T, inp.reverse);
      const so = t * BH;
      hPrevAll.set(h, so);
      if (rmask) for (let i = 0; i < BH; i++) hInAll[so + i] = h[i] * rmask[i];
      if (cPrevAll && c) cPrevAll.set(c, so);
      const hIn = hInAll.subarray(so, so + BH);
      const rec = matMulRows(hIn, B, gruSplit ? gruSplit.gatesKernel : inp.recurrentKernel);

      if (isLstm) {
        lstmForwardStep(B, T, H, t, xp, rec, c as Float32Array, h, hNext, cNext as Float32Array, gates, tanhCAll!, outputs, mask);
      } else if (gruSplit) {
        // Reset before: the candidate's recurrent product needs r first, so it is a second product per step.
        gruResetGates(B, T, H, t, xp, rec, hIn, gates, rh, mask);
        const recH = matMulRows(rh as Float32Array, B, gruSplit.candidateKernel);
        gruFinishStep(B, T, H, t, xp, recH, null, h, hNext, gates, candidateAux!, rh, outputs, mask);
      } else if (isGru) {
        const rb = inp.recurrentBias as Float32Array;
        for (let b = 0; b < B; b++) for (let g = 0; g < GH; g++) rec[b * GH + g] += rb[g];
        gruResetGates(B, T, H, t, xp, rec, hIn, gates, null, mask);
        gruFinishStep(B, T, H, t, xp, rec, rec, h, hNext, gates, candidateAux!, null, outputs, mask);
      } else {
        simpleForwardStep(B, T, H, t, xp, rec, h, hNext, gates, outputs, mask);
      }
      [h, hNext] = [hNext, h];
      if (isLstm) [c, cNext] = [cNext, c];
    }
  } finally {
    gruSplit?.dispose();
  }

  return {
    outputs,
    hT: h,
    cT: c,
    gates,
    hPrev: hPrevAll,
    hIn: hInAll,
    candidateAux,
    cPrev: cPrevAll,
    tanhC: tanhCAll,
  };
}

function lstmForwardStep(
  B: number, T: number, H: number, t: number,
  xp: Float32Array, rec: Float32Array, c: Float32Array, h: Float32Array,
  hNext: Float32Array, cNext: Float32Array, gates: Float32Array, tanhC: Float32Array,
  outputs: Float32Array, mask: Float32Array | null,
): void {
  const GH = 4 * H;
  for (let b = 0; b < B; b++) {
    const sb = b * H;
    if (isPadded(mask, b, T, t)) {
      hNext.set(h.subarray(sb, sb + H), sb);
      cNext.set(c.subarray(sb, sb + H), sb);
      continue;
    }
    const xo = (t * B + b) * GH;
    const ro = b * GH;
    const so = (t * B + b) * H;
    const oo = (b * T + t) * H;
    for (let j = 0; j < H; j++) {
      const i = sigmoid(xp[xo + j] + rec[ro + j]);
      const f = sigmoid(xp[xo + H + j] + rec[ro + H + j]);
      const g = tanh(xp[xo + 2 * H + j] + rec[ro + 2 * H + j]);
      const o = sigmoid(xp[xo + 3 * H + j] + rec[ro + 3 * H + j]);
      const cn = f * c[sb + j] + i * g;
      const tc = tanh(cn);
      const hn = o * tc;
      gates[xo + j] = i;
      gates[xo + H + j] = f;
      gates[xo + 2 * H + j] = g;
      gates[xo + 3 * H + j] = o;
      tanhC[so + j] = tc;
      cNext[sb + j] = cn;
      hNext[sb + j] = hn;
      outputs[oo + j] = hn;
    }
  }
}

function simpleForwardStep(
  B: number, T: number, H: number, t: number,
  xp: Float32Array, rec: Float32Array, h: Float32Array, hNext: Float32Array,
  gates: Float32Array, outputs: Float32Array, mask: Float32Array | null,
): void {
  for (let b = 0; b < B; b++) {
    const sb = b * H;
    if (isPadded(mask, b, T, t)) {
      hNext.set(h.subarray(sb, sb + H), sb);
      continue;
    }
    const xo = (t * B + b) * H;
    const oo = (b * T + t) * H;
    for (let j = 0; j < H; j++) {
      const hn = tanh(xp[xo + j] + rec[sb + j]);
      gates[xo + j] = hn;
      hNext[sb + j] = hn;
      outputs[oo + j] = hn;
    }
  }
}

/** z and r for every real row; with `rh`, also r⊙hIn, the candidate block's operand when reset comes before. */
function gruResetGates(
  B: number, T: number, H: number, t: number, xp: Float32Array, rec: Float32Array, hIn: Float32Array,
  gates: Float32Array, rh: Float32Array | null, mask: Float32Array | null,
): void {
  const GH = 3 * H;
  const recWidth = rec.length / B;
  for (let b = 0; b < B; b++) {
    if (isPadded(mask, b, T, t)) {
      if (rh) rh.fill(0, b * H, b * H + H);
      continue;
    }
    const xo = (t * B + b) * GH;
    const ro = b * recWidth;
    for (let j = 0; j < H; j++) {
      const z = sigmoid(xp[xo + j] + rec[ro + j]);
      const r = sigmoid(xp[xo + H + j] + rec[ro + H + j]);
      gates[xo + j] = z;
      gates[xo + H + j] = r;
      if (rh) rh[b * H + j] = r * hIn[b * H + j];
    }
  }
}

/**
 * The candidate and the new state. `recH` holds the candidate block's recurrent term: the product (r⊙h)·U_h
 * [B, H] when reset comes before, or the whole h·U + b_rec [B, 3H] when it comes after (then multiplied by r).
 */
function gruFinishStep(
  B: number, T: number, H: number, t: number,
  xp: Float32Array, recH: Float32Array, resetAfterRec: Float32Array | null, h: Float32Array, hNext: Float32Array,
  gates: Float32Array, candidateAux: Float32Array, rh: Float32Array | null, outputs: Float32Array,
  mask: Float32Array | null,
): void {
  const GH = 3 * H;
  for (let b = 0; b < B; b++) {
    const sb = b * H;
    if (isPadded(mask, b, T, t)) {
      hNext.set(h.subarray(sb, sb + H), sb);
      continue;
    }
    const xo = (t * B + b) * GH;
    const so = (t * B + b) * H;
    const oo = (b * T + t) * H;
    for (let j = 0; j < H; j++) {
      const z = gates[xo + j];
      let recTerm: number;
      if (resetAfterRec) {
        const rt = resetAfterRec[b * GH + 2 * H + j];
        candidateAux[so + j] = rt;
        recTerm = gates[xo + H + j] * rt;
      } else {
        candidateAux[so + j] = (rh as Float32Array)[sb + j];
        recTerm = recH[sb + j];
      }
      const hh = tanh(xp[xo + 2 * H + j] + recTerm);
      const hn = z * h[sb + j] + (1 - z) * hh;
      gates[xo + 2 * H + j] = hh;
      hNext[sb + j] = hn;
      outputs[oo + j] = hn;
    }
  }
}

interface GruSplit {
  gatesKernel: tf.Tensor2D;
  candidateKernel: tf.Tensor2D;
  dispose(): void;
}

function splitGruKernel(u: tf.Tensor2D, H: number): GruSplit {
  const gatesKernel = tf.slice(u, [0, 0], [H, 2 * H]);
  const candidateKernel = tf.slice(u, [0, 2 * H], [H, H]);
  return {
    gatesKernel,
    candidateKernel,
    dispose: () => tf.dispose([gatesKernel, candidateKernel]),
  };
}

/**
 * Backpropagation through time over the whole sequence: walks the steps in reverse processing order, carrying
 * ∂L/∂h (and ∂L/∂c) from each step to the one before it, and records every step's gate gradients so that the
 * shared weights' gradients can be summed over all steps in one matrix product afterwards.
 */
export function backwardSequence(inp: SequenceInputs, fwd: SequenceForward, grads: SequenceGradients): SequenceBackward {
  const { spec, batch: B, steps: T, mask, recurrentDropoutMask: rmask } = inp;
  const H = spec.units;
  const GH = gateCount(spec.type) * H;
  const BH = B * H;
  const isLstm = spec.type === 'lstm';
  const isGru = spec.type === 'gru';
  const resetBefore = isGru && !spec.resetAfter;

  const dInputGates = grads.keepInputGates ? new Float32Array(T * B * GH) : null;
  const stepScratch = dInputGates ? null : new Float32Array(B * GH);
  const dInputGatesT = new Float32Array(T * B * GH);
  const dRecurrentGatesT = isGru ? new Float32Array(T * B * GH) : dInputGatesT;
  let dh: Float32Array = grads.dhT ? grads.dhT.slice() : new Float32Array(BH);
  let dhPrev: Float32Array = new Float32Array(BH);
  let dc: Float32Array | null = isLstm ? (grads.dcT ? grads.dcT.slice() : new Float32Array(BH)) : null;
  let dcPrev: Float32Array | null = isLstm ? new Float32Array(BH) : null;
  // The part of ∂L/∂h_{t-1} that does not pass through the recurrent kernel.
  const direct = new Float32Array(BH);
  const recGates = isGru ? new Float32Array(B * GH) : null;
  const dOutputs = grads.dOutputs;

  // Transposed once per sequence: matMul's transpose flags are slow on wasm.
  const u = inp.recurrentKernel;
  const fullT = resetBefore ? null : (tf.transpose(u) as tf.Tensor2D);
  const gatesPartT = resetBefore ? tf.tidy(() => tf.transpose(tf.slice(u, [0, 0], [H, 2 * H])) as tf.Tensor2D) : null;
  const candidateT = resetBefore ? tf.tidy(() => tf.transpose(tf.slice(u, [0, 2 * H], [H, H])) as tf.Tensor2D) : null;

  try {
    for (let s = T - 1; s >= 0; s--) {
      const t = stepIndex(s, T, inp.reverse);
      if (dOutputs) {
        for (let b = 0; b < B; b++) {
          if (isPadded(mask, b, T, t)) continue;
          const oo = (b * T + t) * H;
          const sb = b * H;
          for (let j = 0; j < H; j++) dh[sb + j] += dOutputs[oo + j];
        }
      }
      grads.onStepGradient?.(t, dh);

      // This step's rows of the input-side gate gradients, written in place.
      const stepGates = dInputGates ? dInputGates.subarray(t * B * GH, (t + 1) * B * GH) : (stepScratch as Float32Array);
      let dhIn: Float32Array;

      if (isLstm) {
        lstmBackwardStep(B, T, H, t, fwd, dh, dc as Float32Array, dcPrev as Float32Array, stepGates, direct, mask);
        dhIn = matMulRows(stepGates, B, fullT as tf.Tensor2D);
      } else if (isGru) {
        const rg = recGates as Float32Array;
        gruCandidateBackward(B, T, H, t, fwd, dh, stepGates, rg, direct, mask, spec.resetAfter);
        if (resetBefore) {
          const dCandidateOperand = matMulRows(candidateSlice(rg, B, H), B, candidateT as tf.Tensor2D);
          gruResetBeforeGates(B, T, H, t, fwd, dCandidateOperand, stepGates, rg, mask);
          dhIn = matMulRows(gatePairSlice(rg, B, H), B, gatesPartT as tf.Tensor2D);
          // ∂L/∂hIn also flows through the product r⊙hIn: dCandidateOperand now holds that part.
          for (let i = 0; i < BH; i++) dhIn[i] += dCandidateOperand[i];
        } else {
          gruResetAfterGates(B, T, H, t, fwd, stepGates, rg, mask);
          dhIn = matMulRows(rg, B, fullT as tf.Tensor2D);
        }
        storeTransposed(dRecurrentGatesT, rg, B, T, t, GH);
      } else {
        simpleBackwardStep(B, T, H, t, fwd, dh, stepGates, direct, mask);
        dhIn = matMulRows(stepGates, B, fullT as tf.Tensor2D);
      }
      storeTransposed(dInputGatesT, stepGates, B, T, t, GH);

      if (rmask) for (let i = 0; i < BH; i++) dhPrev[i] = dhIn[i] * rmask[i] + direct[i];
      else for (let i = 0; i < BH; i++) dhPrev[i] = dhIn[i] + direct[i];
      [dh, dhPrev] = [dhPrev, dh];
      if (isLstm) [dc, dcPrev] = [dcPrev, dc];
    }
  } finally {
    for (const t of [fullT, gatesPartT, candidateT]) t?.dispose();
  }
  return { dInputGates, dInputGatesT, dRecurrentGatesT, dh0: dh, dc0: dc };
}

/** Writes one step's gate rows [B, G·H] as columns t·B … t·B + B − 1 of a [G·H, T·B] array. */
function storeTransposed(all: Float32Array, step: Float32Array, B: number, T: number, t: number, width: number): void {
  const TB = T * B;
  for (let g = 0; g < width; g++) {
    const base = g * TB + t * B;
    for (let b = 0; b < B; b++) all[base + b] = step[b * width + g];
  }
}

/** The candidate block [B, H] of GRU gate rows [B, 3H]. */
function candidateSlice(gates: Float32Array, B: number, H: number): Float32Array {
  const out = new Float32Array(B * H);
  for (let b = 0; b < B; b++) out.set(gates.subarray(b * 3 * H + 2 * H, b * 3 * H + 3 * H), b * H);
  return out;
}

/** The z and r blocks [B, 2H] of GRU gate rows [B, 3H]. */
function gatePairSlice(gates: Float32Array, B: number, H: number): Float32Array {
  const out = new Float32Array(B * 2 * H);
  for (let b = 0; b < B; b++) out.set(gates.subarray(b * 3 * H, b * 3 * H + 2 * H), b * 2 * H);
  return out;
}

function lstmBackwardStep(
  B: number, T: number, H: number, t: number, fwd: SequenceForward,
  dh: Float32Array, dc: Float32Array, dcPrev: Float32Array, dGates: Float32Array, direct: Float32Array,
  mask: Float32Array | null,
): void {
  const GH = 4 * H;
  const gates = fwd.gates;
  const tanhC = fwd.tanhC as Float32Array;
  const cPrev = fwd.cPrev as Float32Array;
  for (let b = 0; b < B; b++) {
    const sb = b * H;
    const dg = b * GH;
    if (isPadded(mask, b, T, t)) {
      // A padded step copied the state forward, so its gradient passes straight back.
      for (let j = 0; j < H; j++) {
        direct[sb + j] = dh[sb + j];
        dcPrev[sb + j] = dc[sb + j];
      }
      dGates.fill(0, dg, dg + GH);
      continue;
    }
    const go = (t * B + b) * GH;
    const so = (t * B + b) * H;
    for (let j = 0; j < H; j++) {
      const i = gates[go + j];
      const f = gates[go + H + j];
      const g = gates[go + 2 * H + j];
      const o = gates[go + 3 * H + j];
      const tc = tanhC[so + j];
      const dhj = dh[sb + j];
      const dcj = dc[sb + j] + dhj * o * (1 - tc * tc);
      dGates[dg + j] = dcj * g * i * (1 - i);
      dGates[dg + H + j] = dcj * cPrev[so + j] * f * (1 - f);
      dGates[dg + 2 * H + j] = dcj * i * (1 - g * g);
      dGates[dg + 3 * H + j] = dhj * tc * o * (1 - o);
      dcPrev[sb + j] = dcj * f;
      direct[sb + j] = 0;
    }
  }
}

function simpleBackwardStep(
  B: number, T: number, H: number, t: number, fwd: SequenceForward,
  dh: Float32Array, dGates: Float32Array, direct: Float32Array, mask: Float32Array | null,
): void {
  for (let b = 0; b < B; b++) {
    const sb = b * H;
    if (isPadded(mask, b, T, t)) {
      for (let j = 0; j < H; j++) {
        direct[sb + j] = dh[sb + j];
        dGates[sb + j] = 0;
      }
      continue;
    }
    const go = (t * B + b) * H;
    for (let j = 0; j < H; j++) {
      const hn = fwd.gates[go + j];
      dGates[sb + j] = dh[sb + j] * (1 - hn * hn);
      direct[sb + j] = 0;
    }
  }
}

/**
 * GRU, shared part: ∂L/∂z and ∂L/∂(candidate pre-activation). Writes the z and candidate blocks of the input-side
 * gradients, and the candidate block of the recurrent-side gradients as ∂L/∂(candidate pre-activation). Padded
 * rows get zero gate gradients everywhere.
 */
function gruCandidateBackward(
  B: number, T: number, H: number, t: number, fwd: SequenceForward,
  dh: Float32Array, inGates: Float32Array, recGates: Float32Array, direct: Float32Array,
  mask: Float32Array | null, resetAfter: boolean,
): void {
  const GH = 3 * H;
  for (let b = 0; b < B; b++) {
    const sb = b * H;
    const dg = b * GH;
    if (isPadded(mask, b, T, t)) {
      for (let j = 0; j < H; j++) direct[sb + j] = dh[sb + j];
      inGates.fill(0, dg, dg + GH);
      recGates.fill(0, dg, dg + GH);
      continue;
    }
    const go = (t * B + b) * GH;
    const so = (t * B + b) * H;
    for (let j = 0; j < H; j++) {
      const z = fwd.gates[go + j];
      const hh = fwd.gates[go + 2 * H + j];
      const hp = fwd.hPrev[so + j];
      const dhj = dh[sb + j];
      const dz = dhj * (hp - hh);
      const dCand = dhj * (1 - z) * (1 - hh * hh);
      inGates[dg + j] = dz * z * (1 - z);
      recGates[dg + j] = inGates[dg + j];
      inGates[dg + 2 * H + j] = dCand;
      // Reset after: the recurrent term is multiplied by r. Reset before: the product's gradient is dCand itself.
      recGates[dg + 2 * H + j] = resetAfter ? dCand * fwd.gates[go + H + j] : dCand;
      direct[sb + j] = dhj * z;
    }
  }
}

/** GRU, reset after: ∂L/∂r = ∂L/∂(candidate) · (h·U_h + b_rh). */
function gruResetAfterGates(
  B: number, T: number, H: number, t: number, fwd: SequenceForward,
  inGates: Float32Array, recGates: Float32Array, mask: Float32Array | null,
): void {
  const GH = 3 * H;
  const recTerm = fwd.candidateAux as Float32Array;
  for (let b = 0; b < B; b++) {
    if (isPadded(mask, b, T, t)) continue;
    const go = (t * B + b) * GH;
    const so = (t * B + b) * H;
    const dg = b * GH;
    for (let j = 0; j < H; j++) {
      const r = fwd.gates[go + H + j];
      const dr = inGates[dg + 2 * H + j] * recTerm[so + j];
      inGates[dg + H + j] = dr * r * (1 - r);
      recGates[dg + H + j] = inGates[dg + H + j];
    }
  }
}

/**
 * GRU, reset before: given ∂L/∂(r⊙hIn) in `dOperand`, fills the r block, and replaces `dOperand` in place with the
 * part of ∂L/∂hIn that flows through the product r⊙hIn (zero on padded rows).
 */
function gruResetBeforeGates(
  B: number, T: number, H: number, t: number, fwd: SequenceForward, dOperand: Float32Array,
  inGates: Float32Array, recGates: Float32Array, mask: Float32Array | null,
): void {
  const GH = 3 * H;
  for (let b = 0; b < B; b++) {
    if (isPadded(mask, b, T, t)) {
      dOperand.fill(0, b * H, b * H + H);
      continue;
    }
    const go = (t * B + b) * GH;
    const so = (t * B + b) * H;
    const dg = b * GH;
    for (let j = 0; j < H; j++) {
      const r = fwd.gates[go + H + j];
      const d = dOperand[b * H + j];
      inGates[dg + H + j] = d * fwd.hIn[so + j] * r * (1 - r);
      recGates[dg + H + j] = inGates[dg + H + j];
      dOperand[b * H + j] = d * r;
    }
  }
}
