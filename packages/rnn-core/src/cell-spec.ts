import type { CellKernel } from './kernels/cell-kernel';
import { gruCell } from './kernels/gru-cell';
import { lstmCell } from './kernels/lstm-cell';
import { peepholeLstmCell } from './kernels/peephole-lstm-cell';
import { simpleRnnCell } from './kernels/simple-rnn-cell';

/** Every cell type the engine implements, by the name configs use. Adding a cell is one line here. */
const CELL_KERNELS = {
  simpleRNN: simpleRnnCell,
  lstm: lstmCell,
  gru: gruCell,
  peepholeLstm: peepholeLstmCell,
} satisfies Record<string, CellKernel>;

/** The recurrent cells the engine implements. */
export type CellType = keyof typeof CELL_KERNELS;

/** The names of every cell type, in registration order. */
export const CELL_TYPES = Object.keys(CELL_KERNELS) as CellType[];

/**
 * What the sequence kernel needs to know about a cell. Weights follow the Keras layout so that they move to and
 * from tf.layers and Keras unchanged: kernel [input, gates·units], recurrent kernel [units, gates·units],
 * gate blocks in the order LSTM i, f, c, o and GRU z, r, h.
 */
export interface CellSpec {
  readonly type: CellType;
  readonly units: number;
  /**
   * GRU only: apply the reset gate after the recurrent matrix product (Keras' default since 2.x, and cuDNN's
   * convention) rather than before it (the original GRU and tf.layers' only option). With `true` the bias has
   * shape [2, 3·units]: input bias, then recurrent bias.
   */
  readonly resetAfter: boolean;
}

/** True when `name` is a cell type the engine implements. */
export function isCellType(name: unknown): name is CellType {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CELL_KERNELS, name);
}

/** The kernel (step maths and shapes) of a cell type. */
export function cellKernel(type: CellType): CellKernel {
  if (!isCellType(type)) throw new Error(`cell must be one of ${CELL_TYPES.join(', ')}, got "${String(type)}"`);
  return CELL_KERNELS[type];
}

/** Number of gate blocks in the kernels of a cell type. */
export function gateCount(type: CellType): number {
  return cellKernel(type).gates;
}

/** Number of state tensors a cell carries: [h, c] for LSTM, [h] otherwise. */
export function stateCount(type: CellType): number {
  return cellKernel(type).states;
}

/** Shape of a cell's bias: G·units input-bias values, then the cell's own parameters (GRU with `resetAfter`: [2, 3·units]). */
export function biasShape(spec: CellSpec): number[] {
  return cellKernel(spec.type).biasShape(spec);
}
