/**
 * Central finite differences of a scalar function with respect to every element of `x`:
 * (f(x + eps·e_i) − f(x − eps·e_i)) / (2·eps). `x` is perturbed in place and restored.
 * The truncation error is O(eps²); with float32 arithmetic inside `f`, the rounding error is about
 * 1e-7·|f| / eps, so eps around 1e-3..1e-2 balances the two for values of order one.
 */
export function centralDifferences(f: () => number, x: Float32Array | Float64Array, eps = 1e-3): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const saved = x[i];
    x[i] = saved + eps;
    const plus = f();
    x[i] = saved - eps;
    const minus = f();
    x[i] = saved;
    grad[i] = (plus - minus) / (2 * eps);
  }
  return grad;
}
