import type { CellSpec } from '../cell-spec';
import { sigmoid, tanh } from './activations';
import { BackwardStepContext, CellKernel, ForwardStepContext, defineCell } from './cell-kernel';
import { GateMaths, copyRealRows, copyRows, simdGateMaths } from './gate-maths';

/**
 * GRU, gate blocks z, r, h (Keras order): h' = z⊙h + (1 − z)⊙ĥ. With `resetAfter` (Keras 2 and cuDNN) the reset
 * gate multiplies the recurrent term, ĥ = tanh(x·W_h + r⊙(h·U_h + b_rh)), and the recurrent bias b_r is the
 * cell's parameter (bias [2, 3H]); otherwise (the original GRU, tf.layers) it multiplies the state before its
 * own product, ĥ = tanh(x·W_h + (r⊙h)·U_h + b_h), which is a second recurrent part. The gates array keeps z, r
 * and ĥ; one auxiliary block keeps the candidate's recurrent operand (r⊙h) or term (h·U_h + b_rh).
 */
export const gruCell: CellKernel = defineCell({
  gates: 3,
  states: 1,
  auxBlocks: () => 1,
  biasShape: (spec: CellSpec) => (spec.resetAfter ? [2, 3 * spec.units] : [3 * spec.units]),
  recurrentParts: (spec: CellSpec) => {
    const H = spec.units;
    if (spec.resetAfter) return [{ from: 0, to: 3 * H, operand: 'hIn' }];
    return [
      { from: 0, to: 2 * H, operand: 'hIn' },
      { from: 2 * H, to: 3 * H, operand: { aux: 0 } },
    ];
  },
  separateRecurrentGradients: (spec: CellSpec) => spec.resetAfter,
  forward(step: ForwardStepContext): void {
    const simd = simdGateMaths();
    if (simd && step.spec.units % 4 === 0) {
      if (step.spec.resetAfter) resetAfterSimd(step, simd);
      else resetBeforeSimd(step, simd);
      return;
    }
    const { batch: B, real, gates, gateOffset, recurrent: rec, recurrentStride: rs, hIn, auxOffset } = step;
    const H = step.spec.units;
    const GH = 3 * H;
    const h = step.states[0];
    const hNext = step.next[0];
    const candidateAux = step.aux[0];
    const rb = step.parameters;
    const rh = step.spec.resetAfter ? null : step.products[1].operand;
    for (let b = 0; b < B; b++) {
      if (!real[b]) continue;
      const go = gateOffset + b * GH;
      const ro = b * rs;
      const sb = b * H;
      const ao = auxOffset + sb;
      if (rh) {
        for (let j = 0; j < H; j++) {
          const z = sigmoid(gates[go + j] + rec[ro + j]);
          const r = sigmoid(gates[go + H + j] + rec[ro + H + j]);
          const v = r * hIn[sb + j];
          gates[go + j] = z;
          gates[go + H + j] = r;
          rh[sb + j] = v;
          candidateAux[ao + j] = v;
        }
      } else {
        for (let j = 0; j < H; j++) {
          const z = sigmoid(gates[go + j] + rec[ro + j] + rb[j]);
          const r = sigmoid(gates[go + H + j] + rec[ro + H + j] + rb[H + j]);
          const term = rec[ro + 2 * H + j] + rb[2 * H + j];
          gates[go + j] = z;
          gates[go + H + j] = r;
          candidateAux[ao + j] = term;
          gates[go + 2 * H + j] = tanh(gates[go + 2 * H + j] + r * term);
        }
      }
    }
    // Reset first: the candidate's product needs r, so it runs after the gates.
    const recH = rh ? step.products[1].run(rh) : null;
    for (let b = 0; b < B; b++) {
      if (!real[b]) continue;
      const go = gateOffset + b * GH;
      const sb = b * H;
      for (let j = 0; j < H; j++) {
        const z = gates[go + j];
        const hh = recH ? tanh(gates[go + 2 * H + j] + recH[sb + j]) : gates[go + 2 * H + j];
        gates[go + 2 * H + j] = hh;
        hNext[sb + j] = z * h[sb + j] + (1 - z) * hh;
      }
    }
  },
  backward(step: BackwardStepContext): Float32Array {
    const { batch: B, real, dRecurrent } = step;
    const H = step.spec.units;
    const GH = 3 * H;
    const resetAfter = step.spec.resetAfter;
    const simd = simdGateMaths();
    if (simd && H % 4 === 0) backwardSimd(step, simd);
    else backwardLoops(step);
    if (resetAfter) {
      const dBias = step.dParameters;
      for (let b = 0; b < B; b++) {
        if (!real[b]) continue;
        for (let g = 0; g < GH; g++) dBias[g] += dRecurrent[b * GH + g];
      }
      return step.products[0].run(dRecurrent);
    }
    return resetBeforeInput(step);
  },
});

/** The backward step's elementwise part in JavaScript: ∂z, ∂ĥ, the direct path to h, and for reset-after ∂r. */
function backwardLoops(step: BackwardStepContext): void {
  const { batch: B, real, gates, gateOffset, stepOffset, dGates, dRecurrent } = step;
  const H = step.spec.units;
  const GH = 3 * H;
  const dh = step.dStates[0];
  const direct = step.dPrevStates[0];
  const hPrev = step.prevStates[0];
  const candidateAux = step.aux[0];
  const resetAfter = step.spec.resetAfter;
  for (let b = 0; b < B; b++) {
    if (!real[b]) continue;
    const go = gateOffset + b * GH;
    const so = stepOffset + b * H;
    const sb = b * H;
    const dg = b * GH;
    for (let j = 0; j < H; j++) {
      const z = gates[go + j];
      const hh = gates[go + 2 * H + j];
      const dhj = dh[sb + j];
      const dz = dhj * (hPrev[so + j] - hh) * z * (1 - z);
      const dCandidate = dhj * (1 - z) * (1 - hh * hh);
      dGates[dg + j] = dz;
      dGates[dg + 2 * H + j] = dCandidate;
      direct[sb + j] = dhj * z;
      if (resetAfter) {
        const r = gates[go + H + j];
        const dr = dCandidate * candidateAux[so + j] * r * (1 - r);
        dGates[dg + H + j] = dr;
        dRecurrent[dg + j] = dz;
        dRecurrent[dg + H + j] = dr;
        dRecurrent[dg + 2 * H + j] = dCandidate * r;
      }
    }
  }
}

/** The backward step's elementwise part in WebAssembly SIMD (gate-maths.wat): the same values within float32 rounding. */
function backwardSimd(step: BackwardStepContext, simd: GateMaths): void {
  const { batch: B, real, gateOffset, stepOffset, dGates } = step;
  const H = step.spec.units;
  const n = B * 3 * H;
  const m = B * H;
  // Scratch layout: gates, their gradients, the recurrent products' gradients [B, 3H]; h, aux, ∂L/∂h', direct [B, H].
  const [G, DG, DR, HP, AUX, DH, DIRECT] = [0, n, 2 * n, 3 * n, 3 * n + m, 3 * n + 2 * m, 3 * n + 3 * m];
  const heap = simd.heap(DIRECT + m);
  heap.set(step.gates.subarray(gateOffset, gateOffset + n), G);
  heap.set(step.prevStates[0].subarray(stepOffset, stepOffset + m), HP);
  heap.set(step.aux[0].subarray(stepOffset, stepOffset + m), AUX);
  heap.set(step.dStates[0].subarray(0, m), DH);
  const resetAfter = step.spec.resetAfter;
  simd.run.gruBackward(4 * G, 4 * HP, 4 * AUX, 4 * DH, 4 * DG, 4 * DR, 4 * DIRECT, B, H, resetAfter ? 1 : 0);
  // Reset before: ∂r is written by resetBeforeInput for real rows, over what this copies into its block.
  copyRealRows(real, heap, DG, dGates, 0, 3 * H);
  if (resetAfter) copyRealRows(real, heap, DR, step.dRecurrent, 0, 3 * H);
  copyRealRows(real, heap, DIRECT, step.dPrevStates[0], 0, H);
}

/** The reset-after forward step in WebAssembly SIMD (gate-maths.wat); the same values as the loops above within float32 rounding. */
function resetAfterSimd(step: ForwardStepContext, simd: GateMaths): void {
  const { batch: B, real, gates, gateOffset, auxOffset } = step;
  const H = step.spec.units;
  const n = B * 3 * H;
  const m = B * H;
  // Scratch layout: gates, recurrent products [B, 3H]; the recurrent bias [3H]; h, term, hNext [B, H].
  const [G, R, RB, HP, TERM, HN] = [0, n, 2 * n, 2 * n + 3 * H, 2 * n + 3 * H + m, 2 * n + 3 * H + 2 * m];
  const heap = simd.heap(HN + m);
  heap.set(gates.subarray(gateOffset, gateOffset + n), G);
  copyRows(heap, R, step.recurrent, B, 3 * H, step.recurrentStride);
  heap.set(step.parameters.subarray(0, 3 * H), RB);
  heap.set(step.states[0].subarray(0, m), HP);
  simd.run.gruResetAfter(4 * G, 4 * R, 4 * RB, 4 * HP, 4 * TERM, 4 * HN, B, H);
  copyRealRows(real, heap, G, gates, gateOffset, 3 * H);
  copyRealRows(real, heap, TERM, step.aux[0], auxOffset, H);
  copyRealRows(real, heap, HN, step.next[0], 0, H);
}

/**
 * The reset-before forward step in WebAssembly SIMD: z and r, then the candidate's product of r⊙h (in
 * JavaScript, through tfjs), then the candidate and the new state.
 */
function resetBeforeSimd(step: ForwardStepContext, simd: GateMaths): void {
  const { batch: B, real, gates, gateOffset, auxOffset } = step;
  const H = step.spec.units;
  const n = B * 3 * H;
  const m = B * H;
  // Scratch layout: gates [B, 3H]; the z/r products [B, 2H]; hIn, r⊙hIn, the candidate's product, h, hNext [B, H].
  const [G, R, HI, RH, RECH, HP, HN] = [0, n, n + 2 * m, n + 3 * m, n + 4 * m, n + 5 * m, n + 6 * m];
  const heap = simd.heap(HN + m);
  heap.set(gates.subarray(gateOffset, gateOffset + n), G);
  copyRows(heap, R, step.recurrent, B, 2 * H, step.recurrentStride);
  heap.set(step.hIn.subarray(0, m), HI);
  simd.run.gruResetGates(4 * G, 4 * R, 4 * HI, 4 * RH, B, H);
  const rh = step.products[1].operand;
  copyRealRows(real, heap, RH, rh, 0, H);
  copyRealRows(real, heap, RH, step.aux[0], auxOffset, H);
  const recH = step.products[1].run(rh);
  heap.set(recH.subarray(0, m), RECH);
  heap.set(step.states[0].subarray(0, m), HP);
  simd.run.gruResetCandidate(4 * G, 4 * RECH, 4 * HP, 4 * HN, B, H);
  copyRealRows(real, heap, G, gates, gateOffset, 3 * H);
  copyRealRows(real, heap, HN, step.next[0], 0, H);
}

/**
 * GRU with the reset gate first, the rest of the backward step: ∂L/∂r from the candidate's product, and
 * ∂L/∂hIn = (∂z, ∂r)·U_zrᵀ + r⊙((∂ĥ)·U_hᵀ), the second term being the path through r⊙h.
 */
function resetBeforeInput(step: BackwardStepContext): Float32Array {
  const { batch: B, real, gates, gateOffset, stepOffset, dGates, hIn } = step;
  const H = step.spec.units;
  const GH = 3 * H;
  const pairs = step.products[0];
  const candidate = step.products[1];
  const dCandidate = candidate.operand;
  for (let b = 0; b < B; b++) dCandidate.set(dGates.subarray(b * GH + 2 * H, (b + 1) * GH), b * H);
  const dOperand = candidate.run(dCandidate);
  for (let b = 0; b < B; b++) {
    if (!real[b]) continue;
    const go = gateOffset + b * GH;
    const so = stepOffset + b * H;
    const sb = b * H;
    for (let j = 0; j < H; j++) {
      const r = gates[go + H + j];
      const d = dOperand[sb + j];
      dGates[b * GH + H + j] = d * hIn[so + j] * r * (1 - r);
      dOperand[sb + j] = d * r;
    }
  }
  const dPairs = pairs.operand;
  for (let b = 0; b < B; b++) dPairs.set(dGates.subarray(b * GH, b * GH + 2 * H), b * 2 * H);
  const dhIn = pairs.run(dPairs);
  for (let i = 0; i < B * H; i++) dhIn[i] += dOperand[i];
  return dhIn;
}
