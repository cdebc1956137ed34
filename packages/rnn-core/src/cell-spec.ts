/** The recurrent cells the engine implements. */
export type CellType = 'simpleRNN' | 'lstm' | 'gru';

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

/** Number of gate blocks in the kernels of a cell type. */
export function gateCount(type: CellType): number {
  return type === 'lstm' ? 4 : type === 'gru' ? 3 : 1;
}

/** Number of state tensors a cell carries: [h, c] for LSTM, [h] otherwise. */
export function stateCount(type: CellType): number {
  return type === 'lstm' ? 2 : 1;
}

/** Shape of a cell's bias: GRU with `resetAfter` keeps separate input and recurrent biases. */
export function biasShape(spec: CellSpec): number[] {
  const width = gateCount(spec.type) * spec.units;
  return spec.type === 'gru' && spec.resetAfter ? [2, width] : [width];
}
