/** The logistic function, on plain numbers (the gate arithmetic of every cell kernel). */
export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** tanh through one exp: about half the cost of Math.tanh in V8, and exact to float32 rounding. */
export const tanh = (v: number): number => 1 - 2 / (Math.exp(2 * v) + 1);
