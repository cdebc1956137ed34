// The recurrent training step that the lstm/gru suites and profile-step.mjs time: its config, seeded data and the
// engine's fused step.

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

/**
 * The engine's fused step on that data: rnn-core's recurrentSequence + denseSoftmaxCrossEntropy under tf.train.adam,
 * with `tf` and `core` passed in (profile-step.mjs may load another rnn-core build). Returns { step() → loss, dispose() }.
 */
export function kernelStep(tf, core, cell, resetAfter, data = makeStepData(STEP_CONFIG)) {
  const { batch: B, steps: T, vocab: V, units: H } = STEP_CONFIG;
  const G = cell === 'lstm' ? 4 : 3;
  const spec = { type: cell, units: H, resetAfter };
  const uniform = (shape, scale, seed) => tf.variable(tf.randomUniform(shape, -scale, scale, 'float32', seed));
  const weights = [
    uniform([V, G * H], Math.sqrt(6 / (V + G * H)), 1),
    uniform([H, G * H], Math.sqrt(6 / (H + G * H)), 2),
    tf.variable(tf.zeros(resetAfter ? [2, G * H] : [G * H])),
    uniform([H, V], Math.sqrt(6 / (H + V)), 3),
    tf.variable(tf.zeros([V])),
  ];
  const [kernel, recurrentKernel, bias, denseKernel, denseBias] = weights;
  const x = tf.tensor3d(data.x, [B, T, V]);
  const initial = Array.from({ length: cell === 'lstm' ? 2 : 1 }, () => tf.zeros([B, H]));
  const optimizer = tf.train.adam(STEP_CONFIG.learningRate);
  const step = () => {
    const cost = optimizer.minimize(
      () => {
        const { outputs } = core.recurrentSequence(spec, x, kernel, recurrentKernel, bias, initial, { inputGradient: false });
        return core.denseSoftmaxCrossEntropy(tf.reshape(outputs, [B * T, H]), denseKernel, denseBias, data.labels);
      },
      true,
      weights,
    );
    const loss = cost.dataSync()[0];
    cost.dispose();
    return loss;
  };
  return { step, dispose: () => (optimizer.dispose(), tf.dispose([...weights, x, ...initial])) };
}
