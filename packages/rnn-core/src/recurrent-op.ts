import { tf } from './tfjs';
import { CellSpec, biasShape, cellKernel } from './cell-spec';
import { SequenceForward, SequenceInputs, backwardSequence, forwardSequence, releaseTapes } from './sequence-kernel';
import { sequencePool } from './kernels/float32-pool';
import { gatherProjection, scatterGradient, sparseRows } from './kernels/sparse-rows';
import { takeRows } from './kernels/take-rows';
import { transposeBlock, transposedColumns } from './kernels/transpose-rows';
import { peekValues, readValuesInto, tensorFromScratch, tensorsCopyTheirValues } from './kernels/tensor-values';

/** Options of one recurrent pass over a batch of sequences. */
export interface RecurrentOpOptions {
  /** 1 for a real step, 0 for padding, [B, T]. Padded steps keep the state and output zeros. */
  mask?: Float32Array | null;
  /** Multiplies h before each recurrent product, the same mask at every step, [B, H]. */
  recurrentDropoutMask?: Float32Array | null;
  /** Process the sequence from its last step to its first (outputs stay aligned with the input steps). */
  reverse?: boolean;
  /** Compute ∂L/∂x (default true). A first layer fed with data can skip it: it is a large matrix product. */
  inputGradient?: boolean;
  /**
   * Observes ∂L/∂h_t [B, H] for every step t during the backward pass (gradient diagnostics). The array is
   * reused between calls: read it during the call, copy it to keep it.
   */
  onStepGradient?: (t: number, dh: Float32Array) => void;
}

/** The outputs of a recurrent pass. */
export interface RecurrentOpResult {
  /** h at every step, [B, T, H]; zero at padded steps. */
  outputs: tf.Tensor3D;
  /** Final states ([h] or [h, c] for LSTM), each [B, H]; at a padded tail, the state of the last real step. */
  states: tf.Tensor2D[];
}

/**
 * One recurrent layer over whole sequences with explicit BPTT: a single custom gradient covers the full
 * sequence, so the backward pass is the engine's own loop through time (see sequence-kernel.ts) and the shared
 * weights' gradients are each step's contributions summed in one matrix product. When every row of `x` has at
 * most one non-zero (one-hot symbols, zero padding), the input projection is a row gather and the kernel gradient
 * a row scatter instead of two products, with the same values.
 *
 * The pass's large arrays (inputs, tapes, gate gradients) come from this thread's pool and go back to it when the
 * backward pass has run, so a training loop reuses them instead of allocating megabytes per step; a forward pass
 * that is never differentiated leaves its arrays to the garbage collector.
 *
 * @param x inputs [B, T, I]
 * @param kernel [I, G·H]
 * @param recurrentKernel [H, G·H]
 * @param bias [G·H], or [2, G·H] for GRU with resetAfter
 * @param initialStates [h0] or [h0, c0], each [B, H]
 */
export function recurrentSequence(
  spec: CellSpec,
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor,
  initialStates: tf.Tensor2D[],
  options: RecurrentOpOptions = {},
): RecurrentOpResult {
  const [B, T, I] = x.shape;
  const H = spec.units;
  const cell = cellKernel(spec.type);
  const GH = cell.gates * H;
  const S = cell.states;
  validateShapes(spec, x, kernel, recurrentKernel, bias, initialStates);
  if (options.mask && options.mask.length !== B * T) {
    throw new Error(`mask has ${options.mask.length} values; expected batch·steps = ${B * T}`);
  }
  // The bias: G·H input-bias values, then the cell's own parameters (if any).
  const hasParameters = bias.size > GH;

  const op = tf.customGrad((...args: unknown[]) => {
    const [xT, kT, rkT, bT, ...stateTs] = args.slice(0, 4 + S) as tf.Tensor[];
    const save = args[4 + S] as tf.GradSaveFunc;
    // Time-major rows (t·B + b): the kernel reads one contiguous block per step.
    const xTimeMajor = swapLeadingAxes(peekValues(xT), B, T, I, sequencePool.takeForOverwrite(B * T * I));
    const sparse = sparseRows(xTimeMajor, T * B, I);
    const biasValues = bT.dataSync() as Float32Array;
    const inputProjection = sparse
      ? gatherProjection(sparse, peekValues(kT), biasValues.subarray(0, GH), GH, sequencePool.takeForOverwrite(T * B * GH))
      : takeData(
          tf.tidy(() => {
            const inputBias = hasParameters ? tf.slice(tf.reshape(bT, [-1]), [0], [GH]) : bT;
            return tf.add(tf.matMul(tf.tensor2d(xTimeMajor, [T * B, I]), kT as tf.Tensor2D), inputBias);
          }),
          sequencePool.takeForOverwrite(T * B * GH),
        );
    const inputs: SequenceInputs = {
      spec,
      batch: B,
      steps: T,
      inputProjection,
      recurrentKernel: rkT as tf.Tensor2D,
      parameters: biasValues.slice(GH),
      initialStates: stateTs.map((s) => s.dataSync() as Float32Array),
      mask: options.mask ?? null,
      recurrentDropoutMask: options.recurrentDropoutMask ?? null,
      reverse: options.reverse ?? false,
    };
    const fwd = forwardSequence(inputs);
    save([kT]);
    // The value's array is pooled only where the tensor copies it (wasm); the cpu backend keeps it as storage.
    const copied = tensorsCopyTheirValues();
    const packedSize = (B * T + S * B) * H;
    const packed = copied ? sequencePool.takeForOverwrite(packedSize) : new Float32Array(packedSize);
    packed.set(fwd.outputs, 0);
    fwd.finalStates.forEach((state, k) => packed.set(state, (B * T + k * B) * H));
    const value = tf.tensor2d(packed, [B * T + S * B, H]);
    if (copied) sequencePool.give(packed);
    let released = false;

    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      if (released) throw new Error(`${spec.type}: the backward pass of one recurrentSequence call ran twice`);
      const [kS] = saved;
      const dyData = copied ? readValuesInto(dy, sequencePool.takeForOverwrite(dy.size)) : (dy.dataSync() as Float32Array);
      const back = backwardSequence(inputs, fwd, {
        dOutputs: dyData.subarray(0, B * T * H),
        dFinalStates: Array.from({ length: S }, (_, k) => dyData.subarray((B * T + k * B) * H, (B * T + (k + 1) * B) * H)),
        keepInputGates: options.inputGradient !== false,
        onStepGradient: options.onStepGradient,
      });
      const grads = tf.tidy(() => {
        // Weight gradients as (gate gradients)ᵀ·operand, then a small transpose: XNNPACK repacks the right
        // operand of each new product, which for the [T·B, G·H] gate gradients costs as much as the product.
        const dKernel = sparse
          ? tensorFromScratch(I * GH, [I, GH], (out) => scatterGradient(sparse, back.dInputGatesT, I, GH, out))
          : transposedColumns(tf.matMul(tf.tensor2d(back.dInputGatesT, [GH, T * B]), tf.tensor2d(xTimeMajor, [T * B, I])));
        const dRecurrentKernel = recurrentKernelGradient(spec, fwd, back.dRecurrentGatesT, T * B);
        const dBiasValues = new Float32Array(bT.size);
        dBiasValues.set(rowSums(back.dInputGatesT, GH, T * B));
        dBiasValues.set(back.dParameters, GH);
        const dBias = tf.tensor(dBiasValues, bT.shape);
        const dx = options.inputGradient === false ? tf.zeros([B, T, I]) : inputGradient(back.dInputGates, kS, B, T);
        const dStates = back.dInitialStates.map((d) => tf.tensor2d(d, [B, H]));
        return [dx, dKernel, dRecurrentKernel, dBias, ...dStates];
      });
      // Every tensor made from a pooled array above was an intermediate of the tidy, now freed.
      released = true;
      releaseTapes(fwd, back);
      sequencePool.give(xTimeMajor, inputProjection, copied ? dyData : null);
      return grads;
    };
    return { value, gradFunc };
  });

  const packed = op(x, kernel, recurrentKernel, bias, ...initialStates.slice(0, S)) as tf.Tensor2D;
  const result = tf.tidy(() => {
    const outputs = tf.reshape(takeRows(packed, 0, B * T), [B, T, H]) as tf.Tensor3D;
    const states = Array.from({ length: S }, (_, k) => takeRows(packed, B * T + k * B, B));
    return { outputs, states };
  });
  packed.dispose();
  return result;
}

function validateShapes(
  spec: CellSpec,
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor,
  initialStates: tf.Tensor2D[],
): void {
  const [B, , I] = x.shape;
  const H = spec.units;
  const GH = cellKernel(spec.type).gates * H;
  const expect = (what: string, got: number[], want: number[]) => {
    if (got.length !== want.length || got.some((v, i) => v !== want[i])) {
      throw new Error(`${spec.type}: ${what} has shape [${got}], expected [${want}]`);
    }
  };
  if (x.rank !== 3) throw new Error(`${spec.type}: input must be [batch, steps, features], got rank ${x.rank}`);
  expect('kernel', kernel.shape, [I, GH]);
  expect('recurrent kernel', recurrentKernel.shape, [H, GH]);
  expect('bias', bias.shape, biasShape(spec));
  const S = cellKernel(spec.type).states;
  if (initialStates.length !== S) throw new Error(`${spec.type}: expected ${S} initial state(s), got ${initialStates.length}`);
  initialStates.forEach((s, k) => expect(`initial state ${k}`, s.shape, [B, H]));
}

/** Reads a tensor's values into `out` and frees it. */
function takeData(t: tf.Tensor, out: Float32Array): Float32Array {
  readValuesInto(t, out);
  t.dispose();
  return out;
}

/** Sum of each row of a row-major [rows, width] array. */
function rowSums(values: Float32Array, rows: number, width: number): Float32Array {
  const sums = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let k = r * width; k < (r + 1) * width; k++) sum += values[k];
    sums[r] = sum;
  }
  return sums;
}

/** [a, c, w] → [c, a, w]: batch-major to time-major rows and back, into `out`. */
function swapLeadingAxes(values: Float32Array, a: number, c: number, w: number, out: Float32Array): Float32Array {
  for (let i = 0; i < a; i++) {
    for (let k = 0; k < c; k++) out.set(values.subarray((i * c + k) * w, (i * c + k + 1) * w), (k * a + i) * w);
  }
  return out;
}

/**
 * ∂L/∂U summed over every step: for each of the cell's recurrent parts, (its gate gradients)ᵀ·(its operands),
 * stacked and transposed. Most cells have one part whose operand is h; GRU with the reset gate first multiplies
 * its candidate block by r⊙h.
 *
 * @param dRecT recurrent gate gradients, [G·H, rows]
 */
function recurrentKernelGradient(spec: CellSpec, fwd: SequenceForward, dRecT: Float32Array, rows: number): tf.Tensor2D {
  const H = spec.units;
  const parts = cellKernel(spec.type).recurrentParts(spec);
  const GH = parts[parts.length - 1].to;
  const blocks = parts.map(({ from, to, operand }) =>
    tf.matMul(
      tf.tensor2d(dRecT.subarray(from * rows, to * rows), [to - from, rows]),
      tf.tensor2d(operand === 'hIn' ? fwd.hIn : fwd.aux[operand.aux], [rows, H]),
    ),
  );
  // Each block [width, H] goes into its columns of [H, G·H], transposed in JS (tfjs's Transpose is slow on wasm).
  return tensorFromScratch(H * GH, [H, GH], (out) => {
    blocks.forEach((block, p) => {
      const { from, to } = parts[p];
      transposeBlock(peekValues(block), { stride: H, offset: 0 }, to - from, H, out, { stride: GH, offset: from });
    });
    return out;
  }) as tf.Tensor2D;
}

/**
 * ∂L/∂x [B, T, I] from the gate gradients [T·B, G·H] (time-major rows) and the kernel [I, G·H]: one product by
 * the kernel's transpose, then the time-major rows put back in batch order; both copies in JS, not tfjs kernels.
 */
function inputGradient(dInputGates: Float32Array | null, kernel: tf.Tensor, B: number, T: number): tf.Tensor3D {
  const [I, GH] = kernel.shape;
  const product = tf.matMul(tf.tensor2d(dInputGates as Float32Array, [T * B, GH]), transposedColumns(kernel as tf.Tensor2D));
  return tensorFromScratch(T * B * I, [B, T, I], (out) => swapLeadingAxes(peekValues(product), T, B, I, out)) as tf.Tensor3D;
}
