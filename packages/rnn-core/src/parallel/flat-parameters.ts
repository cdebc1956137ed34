import { tf } from '../tfjs';
import type { Gradients } from '../clipping';
import { peekValues, tensorsCopyTheirValues } from '../kernels/tensor-values';

/** Where each variable lives in one flat Float32Array of all parameters, in the variables' order. */
export interface ParameterLayout {
  shapes: number[][];
  offsets: number[];
  sizes: number[];
  /** Total number of parameters. */
  total: number;
}

/** The layout of `shapes`, packed one after another. */
export function parameterLayout(shapes: readonly (readonly number[])[]): ParameterLayout {
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += size;
  }
  return { shapes: shapes.map((s) => [...s]), offsets, sizes, total };
}

/** Copies every variable's values into `target` at its offset (on wasm straight from its memory). */
export function writeVariables(variables: readonly tf.Variable[], target: Float32Array, layout: ParameterLayout): void {
  variables.forEach((v, i) => target.set(peekValues(v), layout.offsets[i]));
}

/**
 * Sets every variable from `source`, so that later writes to `source` do not reach the variable: where tensors
 * copy their values (wasm) straight from it, elsewhere from a copy.
 */
export function readVariables(variables: readonly tf.Variable[], source: Float32Array, layout: ParameterLayout): void {
  const copied = tensorsCopyTheirValues();
  variables.forEach((v, i) => {
    const [from, to] = [layout.offsets[i], layout.offsets[i] + layout.sizes[i]];
    const values = copied ? source.subarray(from, to) : source.slice(from, to);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape, 'float32')));
  });
}

/** Copies the gradients (keyed by variable name) into `target`; a variable without a gradient gets zeros. */
export function writeGradients(variables: readonly tf.Variable[], grads: Gradients, target: Float32Array, layout: ParameterLayout): void {
  variables.forEach((v, i) => {
    const g = grads[v.name];
    if (g) target.set(peekValues(g), layout.offsets[i]);
    else target.fill(0, layout.offsets[i], layout.offsets[i] + layout.sizes[i]);
  });
}

/**
 * Gradients keyed by the variables' names from a flat array, scaled by `scale` in place (new tensors; the caller
 * disposes them). The tensors may keep views of `flat` (the cpu backend does not copy), so unless
 * `tensorsCopyTheirValues()`, `flat` must be a fresh array that nothing writes to afterwards.
 */
export function gradientsFrom(variables: readonly tf.Variable[], flat: Float32Array, layout: ParameterLayout, scale: number): Gradients {
  if (scale !== 1) for (let k = 0; k < flat.length; k++) flat[k] *= scale;
  const grads: Gradients = {};
  variables.forEach((v, i) => {
    grads[v.name] = tf.tensor(flat.subarray(layout.offsets[i], layout.offsets[i] + layout.sizes[i]), v.shape, 'float32');
  });
  return grads;
}
