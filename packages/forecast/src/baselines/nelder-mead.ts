/**
 * Minimises `f` over R^d with the Nelder–Mead simplex (standard coefficients 1, 2, ½, ½), starting from `start`
 * with steps of `step` along each axis. Deterministic; stops after `maxIterations` or when the simplex's values
 * agree within `tolerance`.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  { step = 0.5, maxIterations = 400, tolerance = 1e-10 } = {},
): { x: number[]; value: number } {
  const d = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, value: f(x) }));
  const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  for (let it = 0; it < maxIterations; it++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[d];
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + 1e-12)) break;
    const centroid = start.map((_, i) => simplex.slice(0, d).reduce((s, p) => s + p.x[i], 0) / d);
    const reflected = combine(centroid, worst.x, -1);
    const fr = f(reflected);
    if (fr < best.value) {
      const expanded = combine(centroid, worst.x, -2);
      const fe = f(expanded);
      simplex[d] = fe < fr ? { x: expanded, value: fe } : { x: reflected, value: fr };
    } else if (fr < simplex[d - 1].value) {
      simplex[d] = { x: reflected, value: fr };
    } else {
      const contracted = fr < worst.value ? combine(centroid, reflected, 0.5) : combine(centroid, worst.x, 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst.value)) {
        simplex[d] = { x: contracted, value: fc };
      } else {
        simplex = simplex.map((p, i) => (i === 0 ? p : { x: combine(best.x, p.x, 0.5), value: NaN })).map((p) => (Number.isNaN(p.value) ? { x: p.x, value: f(p.x) } : p));
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0];
}
