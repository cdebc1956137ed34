import { tf } from './tfjs';
import { CellSpec, cellKernel } from './cell-spec';
import type { BackwardStepContext, ForwardStepContext, RecurrentPart } from './kernels/cell-kernel';
import { sequencePool } from './kernels/float32-pool';
import { TfjsStepProduct } from './kernels/step-product';
import { copiedColumns, transposedColumns } from './kernels/transpose-rows';

/**
 * The fused recurrence: the forward pass over a whole sequence and its backward pass through time, as loops over
 * Float32Arrays that call the cell's kernel once per step (see kernels/cell-kernel.ts). Only the per-step
 * recurrent products go to tfjs (XNNPACK on wasm, native on tfjs-node), because per-op overhead, not arithmetic,
 * dominates a naive per-step RNN in tfjs.
 *
 * Layout: the stored activations are time-major (row t·B + b), so each step reads and writes one contiguous
 * block, and the gate gradients are also kept transposed, [G·H, T·B], so that the weight gradients are products
 * whose large operand is on the left (see recurrent-op.ts). Only `outputs` and `dOutputs` are batch-major
 * [B, T, H], the layout callers see.
 *
 * Allocation: every array and tensor a pass needs is made once per call — the tapes (T-sized), the step
 * buffers (states, gradients, operands: B-sized) and the recurrent kernel's slices and transposes. The T-sized
 * arrays come from this thread's {@link sequencePool} and go back to it through {@link releaseTapes} once the
 * backward pass has been read, so a training loop reuses them from step to step. A step makes only what tfjs
 * makes for each recurrent product: the operand tensor, the result tensor and, on tfjs-node, the array
 * `dataSync` copies the result into (on wasm it is copied into an array the product reuses).
 */

/** Everything the forward pass needs, already as flat arrays. */
export interface SequenceInputs {
  spec: CellSpec;
  batch: number;
  steps: number;
  /**
   * x·kernel + input bias for every step, time-major [T, B, G·H]. The forward pass overwrites it with what the
   * cell keeps for its backward step (see SequenceForward.gates): each step's pre-activations are dead once used.
   */
  inputProjection: Float32Array;
  /** The recurrent kernel [H, G·H]. */
  recurrentKernel: tf.Tensor2D;
  /** The cell's own parameters (the bias values after the input bias); empty for cells without any. */
  parameters: Float32Array;
  /** The initial states [h0] or [h0, c0], each [B, H]; read, not modified. */
  initialStates: readonly Float32Array[];
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
  /** The states after the last real step, [B, H] each. */
  finalStates: Float32Array[];
  /** The cell's gate activations per step, [T, B, G·H] (the inputProjection array); rows of padded steps are not gates. */
  gates: Float32Array;
  /** Each state before each step, [T, B, H] each. */
  prevStates: Float32Array[];
  /** The left operand of each step's recurrent product (h·dropout mask), [T, B, H]. */
  hIn: Float32Array;
  /** The cell's auxiliary blocks, [T, B, H] each (LSTM: tanh(c); GRU: the candidate's recurrent operand or term). */
  aux: Float32Array[];
}

/** Gradients of the loss with respect to the kernel's inputs. */
export interface SequenceBackward {
  /** ∂L/∂(input projection), [T, B, G·H], when `keepInputGates` asked for it: feeds the input gradient. */
  dInputGates: Float32Array | null;
  /** The same transposed, [G·H, T·B]: feeds the kernel and input bias gradients. */
  dInputGatesT: Float32Array;
  /** ∂L/∂(recurrent products) transposed, [G·H, T·B]: feeds the recurrent kernel gradient. */
  dRecurrentGatesT: Float32Array;
  /** ∂L/∂(initial states), [B, H] each. */
  dInitialStates: Float32Array[];
  /** ∂L/∂(the cell's parameters), summed over every step. */
  dParameters: Float32Array;
}

/** Upstream gradients and an optional observer of ∂L/∂h_t at every step. */
export interface SequenceGradients {
  /** ∂L/∂outputs, batch-major [B, T, H]. */
  dOutputs: Float32Array;
  /** ∂L/∂(final states), [B, H] each. */
  dFinalStates: readonly Float32Array[];
  /** Also return the gate gradients row by row (dInputGates), for ∂L/∂x; the transposed copy is always kept. */
  keepInputGates: boolean;
  /**
   * Called once per step, in processing order reversed, with ∂L/∂h_t for the whole batch [B, H]. The array is a
   * reused buffer: read it during the call, copy it to keep it.
   */
  onStepGradient?: (t: number, dh: Float32Array) => void;
}

function stepIndex(s: number, steps: number, reverse: boolean): number {
  return reverse ? steps - 1 - s : s;
}

/** Sets `real[b]` to whether row b takes step t. */
function markRealRows(real: Uint8Array, mask: Float32Array, steps: number, t: number): void {
  for (let b = 0; b < real.length; b++) real[b] = mask[b * steps + t] === 0 ? 0 : 1;
}

/** One tfjs product per recurrent part, by U[:, part] (forward) or its transpose (backward), made once per call. */
function partProducts(
  u: tf.Tensor2D,
  parts: readonly RecurrentPart[],
  rows: number,
  transposed: boolean,
): { products: TfjsStepProduct[]; dispose(): void } {
  const width = u.shape[1];
  const owned: tf.Tensor[] = [];
  const products = parts.map(({ from, to }) => {
    const whole = from === 0 && to === width;
    if (whole && !transposed) return new TfjsStepProduct(u, rows);
    // Made once per sequence, in JS: matMul's transpose flags and tfjs's Transpose, Slice (which copies the whole
    // kernel into a fresh JavaScript array first) and Gather kernels are all slow on wasm.
    const matrix = transposed ? transposedColumns(u, from, to) : copiedColumns(u, from, to);
    owned.push(matrix);
    return new TfjsStepProduct(matrix, rows);
  });
  return { products, dispose: () => tf.dispose(owned) };
}

/** Runs the recurrence forward over every step and keeps what the backward pass needs. */
export function forwardSequence(inp: SequenceInputs): SequenceForward {
  const { spec, batch: B, steps: T, mask, recurrentDropoutMask: rmask } = inp;
  const cell = cellKernel(spec.type);
  const H = spec.units;
  const GH = cell.gates * H;
  const BH = B * H;
  const S = cell.states;
  const parts = cell.recurrentParts(spec);

  const outputs = sequencePool.take(B * T * H);
  // Every step writes its block of these tapes; outputs and aux are written for real rows only, so they start zeroed.
  const prevStates = Array.from({ length: S }, () => sequencePool.takeForOverwrite(T * BH));
  const hInTape = rmask ? sequencePool.takeForOverwrite(T * BH) : prevStates[0];
  const aux = Array.from({ length: cell.auxBlocks(spec) }, () => sequencePool.take(T * BH));
  const hInBuffer = rmask ? new Float32Array(BH) : null;
  const { products, dispose } = partProducts(inp.recurrentKernel, parts, B, false);
  const step: ForwardStepContext = {
    spec,
    batch: B,
    real: new Uint8Array(B).fill(1),
    gates: inp.inputProjection,
    gateOffset: 0,
    recurrent: new Float32Array(0), // each step's product, set before the cell runs
    recurrentStride: parts[0].to - parts[0].from,
    hIn: hInTape,
    states: inp.initialStates.map((s) => s.slice()),
    next: Array.from({ length: S }, () => new Float32Array(BH)),
    aux,
    auxOffset: 0,
    parameters: inp.parameters,
    products,
  };

  try {
    for (let s = 0; s < T; s++) {
      const t = stepIndex(s, T, inp.reverse);
      const so = t * BH;
      if (mask) markRealRows(step.real, mask, T, t);
      for (let k = 0; k < S; k++) prevStates[k].set(step.states[k], so);
      if (hInBuffer && rmask) {
        const h = step.states[0];
        for (let i = 0; i < BH; i++) hInBuffer[i] = h[i] * rmask[i];
        hInTape.set(hInBuffer, so);
        step.hIn = hInBuffer;
      } else {
        step.hIn = step.states[0];
      }
      step.recurrent = products[0].run(step.hIn);
      step.gateOffset = t * B * GH;
      step.auxOffset = so;
      cell.forward(step);
      finishForwardStep(step, outputs, T, t);
    }
  } finally {
    dispose();
  }
  return { outputs, finalStates: step.states, gates: inp.inputProjection, prevStates, hIn: hInTape, aux };
}

/** After the cell's step: padded rows keep their states, real rows' h goes to the outputs; then next becomes current. */
function finishForwardStep(step: ForwardStepContext, outputs: Float32Array, T: number, t: number): void {
  const { batch: B, real, states, next } = step;
  const H = step.spec.units;
  for (let b = 0; b < B; b++) {
    const sb = b * H;
    if (real[b]) {
      const h = next[0];
      const oo = (b * T + t) * H;
      for (let j = 0; j < H; j++) outputs[oo + j] = h[sb + j];
    } else {
      for (let k = 0; k < states.length; k++) {
        const from = states[k];
        const to = next[k];
        for (let j = 0; j < H; j++) to[sb + j] = from[sb + j];
      }
    }
  }
  for (let k = 0; k < states.length; k++) {
    const current = states[k];
    states[k] = next[k];
    next[k] = current;
  }
}

/**
 * Backpropagation through time over the whole sequence: walks the steps in reverse processing order, carrying
 * ∂L/∂states from each step to the one before it, and records every step's gate gradients so that the shared
 * weights' gradients can be summed over all steps in one matrix product afterwards.
 */
export function backwardSequence(inp: SequenceInputs, fwd: SequenceForward, grads: SequenceGradients): SequenceBackward {
  const { spec, batch: B, steps: T, mask, recurrentDropoutMask: rmask } = inp;
  const cell = cellKernel(spec.type);
  const H = spec.units;
  const GH = cell.gates * H;
  const BH = B * H;
  const S = cell.states;
  const separate = cell.separateRecurrentGradients(spec);
  const { dOutputs, onStepGradient } = grads;

  // Every step writes all its rows of these, padded rows included (as zeros).
  const dInputGates = grads.keepInputGates ? sequencePool.takeForOverwrite(T * B * GH) : null;
  const dInputGatesT = sequencePool.takeForOverwrite(T * B * GH);
  const dRecurrentGatesT = separate ? sequencePool.takeForOverwrite(T * B * GH) : dInputGatesT;
  const dGates = new Float32Array(B * GH);
  const { products, dispose } = partProducts(inp.recurrentKernel, cell.recurrentParts(spec), B, true);
  const step: BackwardStepContext = {
    spec,
    batch: B,
    real: new Uint8Array(B).fill(1),
    gates: fwd.gates,
    gateOffset: 0,
    prevStates: fwd.prevStates,
    hIn: fwd.hIn,
    aux: fwd.aux,
    stepOffset: 0,
    parameters: inp.parameters,
    dStates: grads.dFinalStates.map((d) => d.slice()),
    dPrevStates: Array.from({ length: S }, () => new Float32Array(BH)),
    dGates,
    dRecurrent: separate ? new Float32Array(B * GH) : dGates,
    dParameters: new Float32Array(inp.parameters.length),
    products,
  };

  try {
    for (let s = T - 1; s >= 0; s--) {
      const t = stepIndex(s, T, inp.reverse);
      if (mask) markRealRows(step.real, mask, T, t);
      const dh = step.dStates[0];
      for (let b = 0; b < B; b++) {
        if (!step.real[b]) continue;
        const oo = (b * T + t) * H;
        const sb = b * H;
        for (let j = 0; j < H; j++) dh[sb + j] += dOutputs[oo + j];
      }
      onStepGradient?.(t, dh);
      if (mask) carryPaddedRows(step);
      step.gateOffset = t * B * GH;
      step.stepOffset = t * BH;
      const dhIn = cell.backward(step);

      storeTransposed(dInputGatesT, dGates, B, T, t, GH);
      if (separate) storeTransposed(dRecurrentGatesT, step.dRecurrent, B, T, t, GH);
      if (dInputGates) dInputGates.set(dGates, t * B * GH);
      const dhPrev = step.dPrevStates[0];
      if (rmask) for (let i = 0; i < BH; i++) dhPrev[i] += dhIn[i] * rmask[i];
      else for (let i = 0; i < BH; i++) dhPrev[i] += dhIn[i];
      for (let k = 0; k < S; k++) {
        const after = step.dStates[k];
        step.dStates[k] = step.dPrevStates[k];
        step.dPrevStates[k] = after;
      }
    }
  } finally {
    dispose();
  }
  return {
    dInputGates,
    dInputGatesT,
    dRecurrentGatesT,
    dInitialStates: step.dStates,
    dParameters: step.dParameters,
  };
}

/**
 * Gives the T-sized arrays of a forward and (if it ran) backward pass back to {@link sequencePool}; neither pass's
 * arrays may be read afterwards. The gates tape is the caller's `inputProjection`, which the caller releases.
 */
export function releaseTapes(fwd: SequenceForward, back: SequenceBackward | null): void {
  sequencePool.give(fwd.outputs, fwd.hIn, ...fwd.prevStates, ...fwd.aux);
  if (back) sequencePool.give(back.dInputGates, back.dInputGatesT, back.dRecurrentGatesT);
}

/** Padded rows copied their states forward: their gradients pass straight back, and their gates get none. */
function carryPaddedRows(step: BackwardStepContext): void {
  const { batch: B, real, dGates, dRecurrent, dStates, dPrevStates } = step;
  const H = step.spec.units;
  const GH = dGates.length / B;
  for (let b = 0; b < B; b++) {
    if (real[b]) continue;
    dGates.fill(0, b * GH, (b + 1) * GH);
    dRecurrent.fill(0, b * GH, (b + 1) * GH);
    for (let k = 0; k < dStates.length; k++) {
      const from = dStates[k];
      const to = dPrevStates[k];
      for (let j = b * H; j < (b + 1) * H; j++) to[j] = from[j];
    }
  }
}

/**
 * Writes one step's gate rows [B, G·H] as columns t·B … t·B + B − 1 of a [G·H, T·B] array, 8 rows at a time: the
 * reads of one gate stride G·H floats (4 kB for a 256-unit LSTM), so more rows than an L1 set's ways would evict
 * each other before the next gate read the same lines (a whole-batch column took 1.15-1.6x the CPU alone).
 */
function storeTransposed(all: Float32Array, step: Float32Array, B: number, T: number, t: number, width: number): void {
  const TB = T * B;
  for (let b0 = 0; b0 < B; b0 += 8) {
    const b1 = Math.min(b0 + 8, B);
    for (let g = 0; g < width; g++) {
      const base = g * TB + t * B;
      for (let b = b0; b < b1; b++) all[base + b] = step[b * width + g];
    }
  }
}
