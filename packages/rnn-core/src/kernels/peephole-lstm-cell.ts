import type { CellSpec } from '../cell-spec';
import { sigmoid, tanh } from './activations';
import { BackwardStepContext, CellKernel, ForwardStepContext, defineCell } from './cell-kernel';

/**
 * LSTM with peephole connections (Gers, Schraudolph & Schmidhuber 2002): the input and forget gates also see
 * the previous cell state and the output gate sees the new one, through per-unit weights p_i, p_f, p_o:
 *
 *   i = σ(x·W_i + h·U_i + b_i + p_i⊙c)    f = σ(x·W_f + h·U_f + b_f + p_f⊙c)    g = tanh(x·W_c + h·U_c + b_c)
 *   c' = f⊙c + i⊙g                        o = σ(x·W_o + h·U_o + b_o + p_o⊙c')   h' = o⊙tanh(c')
 *
 * The bias holds [b_i, b_f, b_c, b_o, p_i, p_f, p_o], 7·H values; the peepholes start at zero, so a new cell
 * computes exactly what an LSTM with the same weights does. Auxiliary blocks: tanh(c') and c'.
 */
export const peepholeLstmCell: CellKernel = defineCell({
  gates: 4,
  states: 2,
  auxBlocks: () => 2,
  biasShape: (spec: CellSpec) => [7 * spec.units],
  initializeBias(spec, bias, { forgetBias }) {
    bias.fill(forgetBias, spec.units, 2 * spec.units);
  },
  forward(step: ForwardStepContext): void {
    const { batch: B, real, gates, gateOffset, recurrent: rec, recurrentStride: rs, auxOffset } = step;
    const H = step.spec.units;
    const GH = 4 * H;
    const c = step.states[1];
    const hNext = step.next[0];
    const cNext = step.next[1];
    const tanhC = step.aux[0];
    const cell = step.aux[1];
    const p = step.parameters;
    for (let b = 0; b < B; b++) {
      if (!real[b]) continue;
      const go = gateOffset + b * GH;
      const ro = b * rs;
      const sb = b * H;
      const ao = auxOffset + sb;
      for (let j = 0; j < H; j++) {
        const cp = c[sb + j];
        const i = sigmoid(gates[go + j] + rec[ro + j] + p[j] * cp);
        const f = sigmoid(gates[go + H + j] + rec[ro + H + j] + p[H + j] * cp);
        const g = tanh(gates[go + 2 * H + j] + rec[ro + 2 * H + j]);
        const cn = f * cp + i * g;
        const o = sigmoid(gates[go + 3 * H + j] + rec[ro + 3 * H + j] + p[2 * H + j] * cn);
        const tc = tanh(cn);
        gates[go + j] = i;
        gates[go + H + j] = f;
        gates[go + 2 * H + j] = g;
        gates[go + 3 * H + j] = o;
        tanhC[ao + j] = tc;
        cell[ao + j] = cn;
        cNext[sb + j] = cn;
        hNext[sb + j] = o * tc;
      }
    }
  },
  backward(step: BackwardStepContext): Float32Array {
    const { batch: B, real, gates, gateOffset, stepOffset, dGates } = step;
    const H = step.spec.units;
    const GH = 4 * H;
    const dh = step.dStates[0];
    const dc = step.dStates[1];
    const direct = step.dPrevStates[0];
    const dcPrev = step.dPrevStates[1];
    const cPrev = step.prevStates[1];
    const tanhC = step.aux[0];
    const cell = step.aux[1];
    const p = step.parameters;
    const dp = step.dParameters;
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
        const cp = cPrev[so + j];
        const dhj = dh[sb + j];
        const dO = dhj * tc * o * (1 - o);
        // c' reaches the loss through h' = o·tanh(c'), through the output gate's peephole, and through the next step.
        const dcj = dc[sb + j] + dhj * o * (1 - tc * tc) + dO * p[2 * H + j];
        const dI = dcj * g * i * (1 - i);
        const dF = dcj * cp * f * (1 - f);
        dGates[dg + j] = dI;
        dGates[dg + H + j] = dF;
        dGates[dg + 2 * H + j] = dcj * i * (1 - g * g);
        dGates[dg + 3 * H + j] = dO;
        dcPrev[sb + j] = dcj * f + dI * p[j] + dF * p[H + j];
        direct[sb + j] = 0;
        dp[j] += dI * cp;
        dp[H + j] += dF * cp;
        dp[2 * H + j] += dO * cell[so + j];
      }
    }
    return step.products[0].run(dGates);
  },
});
