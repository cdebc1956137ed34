import type { CellSpec } from '../cell-spec';

/**
 * A product with one fixed matrix, made once per call and run at every step: `run(x)` returns x·M for an
 * operand of `operand.length` values. The result array is only valid until the next `run` of the same product;
 * the caller may change it.
 */
export interface StepProduct {
  /** A buffer of exactly the operand's size, owned by the product, for callers that assemble the operand. */
  readonly operand: Float32Array;
  /** operand·M, row-major. */
  run(operand?: Float32Array): Float32Array;
}

/**
 * A block of the recurrent kernel's columns that is multiplied on its own at every step. Most cells have one
 * part, all G·H columns times h; GRU with the reset gate first multiplies its candidate block by r⊙h instead.
 */
export interface RecurrentPart {
  /** Columns [from, to) of the recurrent kernel [H, G·H]. */
  readonly from: number;
  readonly to: number;
  /** The left operand at every step: the recurrent input h (after recurrent dropout), or an auxiliary tape block. */
  readonly operand: 'hIn' | { readonly aux: number };
}

/**
 * One step of a cell over a batch, forward: what a cell kernel reads and writes. The driver (the sequence
 * kernel, or a one-row inference stepper) builds it once and moves its offsets at every step, so a step
 * allocates nothing. Rows are b = 0 … batch − 1; the cell touches only rows whose `real` flag is 1.
 */
export interface ForwardStepContext {
  readonly spec: CellSpec;
  readonly batch: number;
  /** 1 where the row takes this step, 0 for a padded row (the driver carries its state forward). */
  readonly real: Uint8Array;
  /**
   * Row b at `gateOffset + b·G·H`: the input-side pre-activations x·W + b on entry; on return, whatever the
   * backward step reads (usually the gate activations).
   */
  readonly gates: Float32Array;
  gateOffset: number;
  /** The first recurrent part's product hIn·U[:, part 0], row b at `b·recurrentStride`; the cell may overwrite it. */
  recurrent: Float32Array;
  recurrentStride: number;
  /** The recurrent input h (times the recurrent dropout mask), [B, H]. */
  hIn: Float32Array;
  /** The states before the step, [B, H] each: h first, then any others (LSTM: c). */
  readonly states: Float32Array[];
  /** The states after the step, written by the cell for real rows. */
  readonly next: Float32Array[];
  /** The cell's auxiliary tape blocks, row b at `auxOffset + b·H` in each. */
  readonly aux: readonly Float32Array[];
  auxOffset: number;
  /** The cell's own parameters: the bias values after the G·H input bias. */
  readonly parameters: Float32Array;
  /** Index p multiplies by the recurrent kernel's part p (the driver has already run part 0 into `recurrent`). */
  readonly products: readonly StepProduct[];
}

/** One step of a cell over a batch, backward. Rows and the `real` flags as in {@link ForwardStepContext}. */
export interface BackwardStepContext {
  readonly spec: CellSpec;
  readonly batch: number;
  readonly real: Uint8Array;
  /** The forward tape: row b of this step at `gateOffset + b·G·H`. */
  readonly gates: Float32Array;
  gateOffset: number;
  /** Tapes of the states before each step, of hIn and of the auxiliary blocks: row b at `stepOffset + b·H`. */
  readonly prevStates: readonly Float32Array[];
  readonly hIn: Float32Array;
  readonly aux: readonly Float32Array[];
  stepOffset: number;
  readonly parameters: Float32Array;
  /** ∂L/∂(states after the step), [B, H] each. */
  readonly dStates: Float32Array[];
  /** Written for real rows: ∂L/∂(states before the step) along every path except the recurrent input hIn. */
  readonly dPrevStates: Float32Array[];
  /** Written for real rows: ∂L/∂(input-side pre-activations), [B, G·H]. */
  readonly dGates: Float32Array;
  /**
   * Written for real rows: ∂L/∂(recurrent products), [B, G·H] in the parts' column blocks. The same array as
   * `dGates` unless the cell declares `separateRecurrentGradients`.
   */
  readonly dRecurrent: Float32Array;
  /** ∂L/∂parameters, accumulated over steps (add, never assign). */
  readonly dParameters: Float32Array;
  /** Index p multiplies by the transpose of the recurrent kernel's part p: [B, width of p] → [B, H]. */
  readonly products: readonly StepProduct[];
}

/**
 * Everything the engine knows about one cell type: its shape and its step, forward and backward. The sequence
 * kernel runs it over whole sequences, the inference steppers one row at a time; adding a cell type is one file
 * that exports one of these and one line in cell-spec.ts (see the README, "Adding a cell").
 *
 * Weights follow the Keras layout: kernel [I, G·H], recurrent kernel [H, G·H], and a bias whose first G·H
 * values are the input bias (added to x·W) and whose rest are the cell's own parameters.
 */
export interface CellKernel {
  /** Gate blocks G in the kernels. */
  readonly gates: number;
  /** States carried from step to step: 1 ([h]) or more ([h, c]). */
  readonly states: number;
  /** Per-step [B, H] blocks the cell keeps for its backward step besides the gates, the states and hIn. */
  auxBlocks(spec: CellSpec): number;
  /** The bias shape; its size is G·H plus the cell's parameters. */
  biasShape(spec: CellSpec): number[];
  /** The recurrent kernel's column parts, in order; together they cover every column once. */
  recurrentParts(spec: CellSpec): readonly RecurrentPart[];
  /** True when ∂L/∂(recurrent products) differs from ∂L/∂(input pre-activations). */
  separateRecurrentGradients(spec: CellSpec): boolean;
  /** Fills a fresh bias (all zeros) with its initial values. */
  initializeBias(spec: CellSpec, bias: Float32Array, options: { forgetBias: number }): void;
  forward(step: ForwardStepContext): void;
  /** Fills the context's outputs and returns ∂L/∂hIn, [B, H] (an array that may belong to a product). */
  backward(step: BackwardStepContext): Float32Array;
}

/** The parts of {@link CellKernel} that most cells share, with their defaults. */
type CellDefaults = 'auxBlocks' | 'biasShape' | 'recurrentParts' | 'separateRecurrentGradients' | 'initializeBias';

/**
 * A cell kernel from its step functions plus whatever differs from the defaults: no auxiliary blocks, a bias of
 * G·H values and no parameters, one recurrent part times hIn, shared gate gradients, a zero initial bias.
 */
export function defineCell(cell: Omit<CellKernel, CellDefaults> & Partial<Pick<CellKernel, CellDefaults>>): CellKernel {
  return {
    auxBlocks: () => 0,
    biasShape: (spec) => [cell.gates * spec.units],
    recurrentParts: (spec) => [{ from: 0, to: cell.gates * spec.units, operand: 'hIn' }],
    separateRecurrentGradients: () => false,
    initializeBias: () => undefined,
    ...cell,
  };
}
