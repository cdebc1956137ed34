import type { Rng } from '@rnnkit/common';
import { tf } from './tfjs';

/**
 * Seeded weight initialisers with Keras' defaults for recurrent layers: Glorot-uniform input kernels,
 * orthogonal recurrent kernels, zero biases. Plain Float32Arrays: the caller decides where tensors live.
 */

/**
 * One standard normal draw per two uniforms (Box–Muller, cosine only). Not `rng.normal()`, which keeps the sine
 * for the next draw: this older stream is what every orthogonal kernel has been drawn from, so initial weights,
 * and the training figures measured from them, stay bit-identical.
 */
function normal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)), for a [fanIn, fanOut] matrix. */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (rng.next() * 2 - 1) * limit;
  return out;
}

/**
 * A [rows, cols] matrix with orthonormal rows (rows ≤ cols) or columns (rows > cols), from a Gaussian matrix
 * orthogonalised by modified Gram–Schmidt in float64. Recurrent kernels start orthogonal so that, at first,
 * repeated multiplication by them neither shrinks nor grows the state.
 */
export function orthogonal(rows: number, cols: number, rng: Rng): Float32Array {
  const n = Math.min(rows, cols);
  const len = Math.max(rows, cols);
  const vectors: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = new Float64Array(len);
    for (let i = 0; i < len; i++) v[i] = normal(rng);
    for (const u of vectors) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += u[i] * v[i];
      for (let i = 0; i < len; i++) v[i] -= dot * u[i];
    }
    let norm = 0;
    for (let i = 0; i < len; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < len; i++) v[i] /= norm;
    vectors.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < len; i++) {
      // Vectors are rows when the matrix is wide, columns when it is tall.
      if (rows <= cols) out[k * cols + i] = vectors[k][i];
      else out[i * cols + k] = vectors[k][i];
    }
  }
  return out;
}

/**
 * A trainable variable holding `values`. Built inside tf.tidy: tf.variable keeps its own reference to the data,
 * so the temporary tensor it was made from must be freed, or every layer would leak one tensor per weight.
 */
export function weightVariable(values: Float32Array, shape: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values, shape)));
}
