// The recurrent training step that the lstm/gru suites and profile-step.mjs time, and its seeded data.

/** Batch 32, 64 steps, 96-symbol one-hot input, 256 units, Adam at 1e-3 (DESIGN.md's benchmark step). */
export const STEP_CONFIG = { batch: 32, steps: 64, vocab: 96, units: 256, learningRate: 1e-3 };

/** Seeded one-hot inputs and next-symbol labels, the same for every contender. */
export function makeStepData({ batch, steps, vocab }) {
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % vocab;
  const ids = Array.from({ length: batch }, () => Array.from({ length: steps + 1 }, next));
  const x = new Float32Array(batch * steps * vocab);
  const labels = new Int32Array(batch * steps);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      x[(b * steps + t) * vocab + ids[b][t]] = 1;
      labels[b * steps + t] = ids[b][t + 1];
    }
  }
  return { x, labels };
}
