// The matrix products one training step of the `lstm`/`gru` config cannot avoid, timed alone with tf.matMul on
// the current backend. No implementation built on that backend's matMul can take less time per step, so this
// is the floor against which the engine's time (and any "N× faster than tf.layers" target) should be read.
import * as tf from '@tensorflow/tfjs-core';

/**
 * Per step: T products h·U (forward), T products dGates·Uᵀ (backward), one hᵀ·dGates over all steps (the
 * recurrent weight gradient), and the dense layer's forward, input-gradient and weight-gradient products.
 * One-hot inputs need no product (they select rows), so none is counted for the input kernel.
 * Every operand is laid out so that no transpose flag is needed, as the engine does.
 */
export function productsFloorStep({ batch: B, steps: T, vocab: V, units: H }, gates) {
  const G = gates * H;
  const operands = tf.tidy(() => {
    const r = (shape) => tf.randomUniform(shape, -1, 1, 'float32', 7);
    return {
      h: r([B, H]), u: r([H, G]), dGates: r([B, G]), uT: r([G, H]),
      statesT: r([H, B * T]), allDGates: r([B * T, G]),
      outputs: r([B * T, H]), dense: r([H, V]), dLogits: r([B * T, V]), denseT: r([V, H]), outputsT: r([H, B * T]),
    };
  });
  const product = (a, b) => {
    const c = tf.matMul(a, b);
    c.dataSync(); // the recurrence reads every step's result before the next product
    c.dispose();
  };
  const o = operands;
  const step = () => {
    for (let t = 0; t < T; t++) product(o.h, o.u);
    for (let t = 0; t < T; t++) product(o.dGates, o.uT);
    product(o.statesT, o.allDGates);
    product(o.outputs, o.dense);
    product(o.dLogits, o.denseT);
    product(o.outputsT, o.dLogits);
  };
  const flops = 2 * (3 * T * B * H * G + 3 * B * T * H * V);
  return { step, flops, dispose: () => tf.dispose(Object.values(operands)) };
}
