import { tf } from './tfjs';

/**
 * Seeded weight initialisers with Keras' defaults for recurrent layers: Glorot-uniform input kernels,
 * orthogonal recurrent kernels, zero biases. Plain Float32Arrays: the caller decides where tensors live.
 */

/** A seeded uniform generator on [0, 1) (mulberry32): the same seed gives the same weights on every backend. */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws from a uniform generator (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)), for a [fanIn, fanOut] matrix. */
export function glorotUniform(fanIn: number, fanOut: number, random: () => number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (random() * 2 - 1) * limit;
  return out;
}

/**
 * A [rows, cols] matrix with orthonormal rows (rows ≤ cols) or columns (rows > cols), from a Gaussian matrix
 * orthogonalised by modified Gram–Schmidt in float64. Recurrent kernels start orthogonal so that, at first,
 * repeated multiplication by them neither shrinks nor grows the state.
 */
export function orthogonal(rows: number, cols: number, random: () => number): Float32Array {
  const n = Math.min(rows, cols);
  const len = Math.max(rows, cols);
  const vectors: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = new Float64Array(len);
    for (let i = 0; i < len; i++) v[i] = normal(random);
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
