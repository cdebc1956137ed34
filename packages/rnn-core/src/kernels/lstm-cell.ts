import { sigmoid, tanh } from './activations';
import { BackwardStepContext, CellKernel, ForwardStepContext, defineCell } from './cell-kernel';
import { GateMaths, copyRealRows, copyRows, simdGateMaths } from './gate-maths';

/**
 * LSTM, gate blocks i, f, c, o (Keras order): c' = f⊙c + i⊙g, h' = o⊙tanh(c'). The gates array keeps the four
 * activations; one auxiliary block keeps tanh(c').
 */
export const lstmCell: CellKernel = defineCell({
  gates: 4,
  states: 2,
  auxBlocks: () => 1,
  initializeBias(spec, bias, { forgetBias }) {
    bias.fill(forgetBias, spec.units, 2 * spec.units);
  },
  forward(step: ForwardStepContext): void {
    const simd = simdGateMaths();
    if (simd && step.spec.units % 4 === 0) {
      forwardSimd(step, simd);
      return;
    }
    const { batch: B, real, gates, gateOffset, recurrent: rec, recurrentStride: rs, auxOffset } = step;
    const H = step.spec.units;
    const GH = 4 * H;
    const c = step.states[1];
    const hNext = step.next[0];
    const cNext = step.next[1];
    const tanhC = step.aux[0];
    for (let b = 0; b < B; b++) {
      if (!real[b]) continue;
      const go = gateOffset + b * GH;
      const ro = b * rs;
      const sb = b * H;
      const ao = auxOffset + sb;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(gates[go + j] + rec[ro + j]);
        const f = sigmoid(gates[go + H + j] + rec[ro + H + j]);
        const g = tanh(gates[go + 2 * H + j] + rec[ro + 2 * H + j]);
        const o = sigmoid(gates[go + 3 * H + j] + rec[ro + 3 * H + j]);
        const cn = f * c[sb + j] + i * g;
        const tc = tanh(cn);
        gates[go + j] = i;
        gates[go + H + j] = f;
        gates[go + 2 * H + j] = g;
        gates[go + 3 * H + j] = o;
        tanhC[ao + j] = tc;
        cNext[sb + j] = cn;
        hNext[sb + j] = o * tc;
      }
    }
  },
  backward(step: BackwardStepContext): Float32Array {
    const simd = simdGateMaths();
    if (simd && step.spec.units % 4 === 0) return backwardSimd(step, simd);
    const { batch: B, real, gates, gateOffset, stepOffset, dGates } = step;
    const H = step.spec.units;
    const GH = 4 * H;
    const dh = step.dStates[0];
    const dc = step.dStates[1];
    const direct = step.dPrevStates[0];
    const dcPrev = step.dPrevStates[1];
    const cPrev = step.prevStates[1];
    const tanhC = step.aux[0];
    for (let b = 0; b < B; b++) {
      if (!real[b]) continue;
      const go = gateOffset + b * GH;
      const sb = b * H;
      const so = stepOffset + sb;
      const dg = b * GH;
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
    return step.products[0].run(dGates);
  },
});

/** The forward step in WebAssembly SIMD (gate-maths.wat): the same values as the loop above within float32 rounding. */
function forwardSimd(step: ForwardStepContext, simd: GateMaths): void {
  const { batch: B, real, gates, gateOffset, auxOffset } = step;
  const H = step.spec.units;
  const n = B * 4 * H;
  const m = B * H;
  // Scratch layout: gates, recurrent products [B, 4H]; c, cNext, tanh(cNext), hNext [B, H].
  const [G, R, C, CN, TC, HN] = [0, n, 2 * n, 2 * n + m, 2 * n + 2 * m, 2 * n + 3 * m];
  const heap = simd.heap(2 * n + 4 * m);
  heap.set(gates.subarray(gateOffset, gateOffset + n), G);
  copyRows(heap, R, step.recurrent, B, 4 * H, step.recurrentStride);
  heap.set(step.states[1].subarray(0, m), C);
  simd.run.lstmForward(4 * G, 4 * R, 4 * C, 4 * CN, 4 * TC, 4 * HN, B, H);
  copyRealRows(real, heap, G, gates, gateOffset, 4 * H);
  copyRealRows(real, heap, TC, step.aux[0], auxOffset, H);
  copyRealRows(real, heap, CN, step.next[1], 0, H);
  copyRealRows(real, heap, HN, step.next[0], 0, H);
}

/** The backward step in WebAssembly SIMD (gate-maths.wat): the same values as the loop above within float32 rounding. */
function backwardSimd(step: BackwardStepContext, simd: GateMaths): Float32Array {
  const { batch: B, real, gateOffset, stepOffset, dGates } = step;
  const H = step.spec.units;
  const n = B * 4 * H;
  const m = B * H;
  // Scratch layout: gates, gate gradients [B, 4H]; tanh(c'), c, ∂L/∂h', ∂L/∂c', ∂L/∂c [B, H].
  const [G, DG, TC, CP, DH, DC, DCP] = [0, n, 2 * n, 2 * n + m, 2 * n + 2 * m, 2 * n + 3 * m, 2 * n + 4 * m];
  const heap = simd.heap(DCP + m);
  heap.set(step.gates.subarray(gateOffset, gateOffset + n), G);
  heap.set(step.aux[0].subarray(stepOffset, stepOffset + m), TC);
  heap.set(step.prevStates[1].subarray(stepOffset, stepOffset + m), CP);
  heap.set(step.dStates[0].subarray(0, m), DH);
  heap.set(step.dStates[1].subarray(0, m), DC);
  simd.run.lstmBackward(4 * G, 4 * TC, 4 * CP, 4 * DH, 4 * DC, 4 * DG, 4 * DCP, B, H);
  copyRealRows(real, heap, DG, dGates, 0, 4 * H);
  copyRealRows(real, heap, DCP, step.dPrevStates[1], 0, H);
  const direct = step.dPrevStates[0];
  for (let b = 0; b < B; b++) if (real[b]) direct.fill(0, b * H, (b + 1) * H);
  return step.products[0].run(dGates);
}
