import { tf } from '../tfjs';
import { CellSpec } from '../cell-spec';

/**
 * The reference the engine is tested against: each cell written step by step with plain tfjs ops, so that tfjs
 * autodiff (not the engine's BPTT) produces its gradients. Slow by design; tests only.
 */
export function naiveRecurrence(
  spec: CellSpec,
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor,
  initialStates: tf.Tensor2D[],
  mask?: tf.Tensor2D,
  reverse = false,
): { outputs: tf.Tensor3D; states: tf.Tensor2D[] } {
  const [, T] = x.shape;
  const H = spec.units;
  const sig = (v: tf.Tensor) => tf.sigmoid(v);
  let [h, c] = initialStates;
  const outputs: tf.Tensor[] = new Array(T);
  const inputBias = spec.type === 'gru' && spec.resetAfter ? tf.reshape(tf.slice(bias, [0, 0], [1, 3 * H]), [3 * H]) : bias;
  const recBias = spec.type === 'gru' && spec.resetAfter ? tf.reshape(tf.slice(bias, [1, 0], [1, 3 * H]), [3 * H]) : null;
  const block = (m: tf.Tensor, k: number) => tf.slice(m, [0, k * H], [-1, H]);
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [-1, 1, -1]), [x.shape[0], x.shape[2]]);
    const xp = tf.add(tf.matMul(xt, kernel), inputBias);
    let hNew: tf.Tensor2D;
    let cNew: tf.Tensor2D | undefined;
    if (spec.type === 'lstm') {
      const a = tf.add(xp, tf.matMul(h, recurrentKernel));
      const i = sig(block(a, 0));
      const f = sig(block(a, 1));
      const g = tf.tanh(block(a, 2));
      const o = sig(block(a, 3));
      cNew = tf.add(tf.mul(f, c), tf.mul(i, g)) as tf.Tensor2D;
      hNew = tf.mul(o, tf.tanh(cNew)) as tf.Tensor2D;
    } else if (spec.type === 'gru') {
      let z: tf.Tensor;
      let r: tf.Tensor;
      let hh: tf.Tensor;
      if (spec.resetAfter) {
        const rec = tf.add(tf.matMul(h, recurrentKernel), recBias as tf.Tensor);
        z = sig(tf.add(block(xp, 0), block(rec, 0)));
        r = sig(tf.add(block(xp, 1), block(rec, 1)));
        hh = tf.tanh(tf.add(block(xp, 2), tf.mul(r, block(rec, 2))));
      } else {
        const u = (k: number) => tf.slice(recurrentKernel, [0, k * H], [H, H]);
        z = sig(tf.add(block(xp, 0), tf.matMul(h, u(0))));
        r = sig(tf.add(block(xp, 1), tf.matMul(h, u(1))));
        hh = tf.tanh(tf.add(block(xp, 2), tf.matMul(tf.mul(r, h), u(2))));
      }
      hNew = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh)) as tf.Tensor2D;
    } else {
      hNew = tf.tanh(tf.add(xp, tf.matMul(h, recurrentKernel))) as tf.Tensor2D;
    }
    if (mask) {
      const m = tf.reshape(tf.slice(mask, [0, t], [-1, 1]), [-1, 1]);
      hNew = tf.add(tf.mul(m, hNew), tf.mul(tf.sub(1, m), h)) as tf.Tensor2D;
      if (cNew) cNew = tf.add(tf.mul(m, cNew), tf.mul(tf.sub(1, m), c)) as tf.Tensor2D;
      outputs[t] = tf.mul(m, hNew);
    } else {
      outputs[t] = hNew;
    }
    h = hNew;
    if (cNew) c = cNew;
  }
  return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, states: spec.type === 'lstm' ? [h, c] : [h] };
}
