import { tanh } from './activations';
import { BackwardStepContext, CellKernel, ForwardStepContext, defineCell } from './cell-kernel';

/** SimpleRNN: h' = tanh(x·W + h·U + b). The gates array keeps h' itself. */
export const simpleRnnCell: CellKernel = defineCell({
  gates: 1,
  states: 1,
  forward(step: ForwardStepContext): void {
    const { batch: B, real, gates, gateOffset, recurrent: rec, recurrentStride: rs } = step;
    const H = step.spec.units;
    const hNext = step.next[0];
    for (let b = 0; b < B; b++) {
      if (!real[b]) continue;
      const go = gateOffset + b * H;
      const ro = b * rs;
      const sb = b * H;
      for (let j = 0; j < H; j++) {
        const hn = tanh(gates[go + j] + rec[ro + j]);
        gates[go + j] = hn;
        hNext[sb + j] = hn;
      }
    }
  },
  backward(step: BackwardStepContext): Float32Array {
    const { batch: B, real, gates, gateOffset, dGates } = step;
    const H = step.spec.units;
    const dh = step.dStates[0];
    const direct = step.dPrevStates[0];
    for (let b = 0; b < B; b++) {
      if (!real[b]) continue;
      const go = gateOffset + b * H;
      const sb = b * H;
      for (let j = 0; j < H; j++) {
        const hn = gates[go + j];
        dGates[sb + j] = dh[sb + j] * (1 - hn * hn);
        direct[sb + j] = 0;
      }
    }
    return step.products[0].run(dGates);
  },
});
