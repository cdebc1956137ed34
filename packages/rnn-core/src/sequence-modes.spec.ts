/**
 * The four sequence modes, each as a small worked example that trains to a clear result in seconds.
 * The same code appears, shortened, in the package README.
 */
import { useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { createRng } from '@rnnkit/common';
import { createOptimizer } from './optimizers';
import { Dense } from './dense';
import { RecurrentLayer } from './recurrent-layer';
import { SequenceModel } from './sequence-model';
import { softmaxCrossEntropy } from './losses';
import { trainStep } from './train-step';

function accuracy(logits: tf.Tensor, labels: ArrayLike<number>, mask?: ArrayLike<number>): number {
  const predicted = tf.tidy(() => tf.argMax(logits, -1).dataSync());
  let right = 0;
  let total = 0;
  for (let i = 0; i < predicted.length; i++) {
    if (mask && mask[i] === 0) continue;
    total++;
    if (predicted[i] === labels[i]) right++;
  }
  return right / total;
}

describe('sequence modes (wasm)', () => {
  useBackend('wasm');

  it('many-to-one: classifies a sequence by a sign seen only at its first step, through padding', () => {
    const T = 12;
    const random = createRng(1);
    const makeBatch = (B: number) => {
      const x = new Float32Array(B * T * 2);
      const mask = new Float32Array(B * T);
      const y = new Int32Array(B);
      for (let b = 0; b < B; b++) {
        y[b] = random.next() < 0.5 ? 1 : 0;
        const length = 6 + Math.floor(random.next() * (T - 5));
        for (let t = 0; t < length; t++) {
          mask[b * T + t] = 1;
          x[(b * T + t) * 2] = t === 0 ? (y[b] ? 1 : -1) : 0;
          x[(b * T + t) * 2 + 1] = random.next() - 0.5;
        }
      }
      return { input: tf.tensor3d(x, [B, T, 2]), targets: tf.tensor1d(y, 'int32'), mask: tf.tensor2d(mask, [B, T]) };
    };
    const model = new SequenceModel({
      input: { type: 'features', size: 2 },
      layers: [{ cell: 'gru', units: 16 }],
      output: { units: 2 },
      outputMode: 'last',
      seed: 3,
    });
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    for (let step = 0; step < 60; step++) {
      const batch = makeBatch(32);
      trainStep(model, batch, { optimizer, loss: softmaxCrossEntropy });
      tf.dispose(Object.values(batch));
    }
    const test = makeBatch(200);
    const logits = model.predict(test.input, test.mask);
    expect(accuracy(logits, test.targets.dataSync())).toBeGreaterThan(0.95);
    tf.dispose([logits, ...Object.values(test)]);
    model.dispose();
  });

  it('many-to-many aligned: tags every step with "same token as the previous step?", ignoring padding', () => {
    const T = 10;
    const random = createRng(2);
    const makeBatch = (B: number) => {
      const ids = new Int32Array(B * T);
      const tags = new Int32Array(B * T);
      const mask = new Float32Array(B * T);
      for (let b = 0; b < B; b++) {
        const length = 4 + Math.floor(random.next() * (T - 3));
        for (let t = 0; t < length; t++) {
          const i = b * T + t;
          ids[i] = Math.floor(random.next() * 3);
          tags[i] = t > 0 && ids[i] === ids[i - 1] ? 1 : 0;
          mask[i] = 1;
        }
      }
      return { input: tf.tensor2d(ids, [B, T], 'int32'), targets: tf.tensor2d(tags, [B, T], 'int32'), mask: tf.tensor2d(mask, [B, T]) };
    };
    const model = new SequenceModel({
      input: { type: 'tokens', vocabSize: 3 },
      layers: [{ cell: 'lstm', units: 16 }],
      output: { units: 2 },
      outputMode: 'sequence',
      seed: 4,
    });
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.03 });
    for (let step = 0; step < 80; step++) {
      const batch = makeBatch(32);
      trainStep(model, batch, { optimizer, loss: softmaxCrossEntropy });
      tf.dispose(Object.values(batch));
    }
    const test = makeBatch(100);
    const logits = model.predict(test.input, test.mask);
    expect(accuracy(logits, test.targets.dataSync(), test.mask.dataSync())).toBeGreaterThan(0.97);
    tf.dispose([logits, ...Object.values(test)]);
    model.dispose();
  });

  it('one-to-many: from one start token, generates a counting sequence by feeding each output back', () => {
    const V = 10;
    const T = 6;
    // Teacher forcing: input d, d+1, … and target d+1, d+2, … (mod 10).
    const starts = Array.from({ length: V }, (_, d) => d);
    const seq = (d: number) => Array.from({ length: T + 1 }, (_, t) => (d + t) % V);
    const input = tf.tensor2d(starts.map((d) => seq(d).slice(0, T)), [V, T], 'int32');
    const targets = tf.tensor2d(starts.map((d) => seq(d).slice(1)), [V, T], 'int32');
    const model = new SequenceModel({
      input: { type: 'tokens', vocabSize: V, embeddingSize: 8 },
      layers: [{ cell: 'gru', units: 24 }],
      output: { units: V },
      outputMode: 'sequence',
      seed: 5,
    });
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.03 });
    for (let step = 0; step < 150; step++) trainStep(model, { input, targets }, { optimizer, loss: softmaxCrossEntropy });

    // Generation: one step at a time, the state carried explicitly, each prediction fed back as the next input.
    for (const d of [0, 3, 7]) {
      let token = d;
      let states: tf.Tensor2D[][] | undefined;
      const generated: number[] = [];
      for (let t = 0; t < T; t++) {
        const x = tf.tensor2d([[token]], [1, 1], 'int32');
        const { output, states: next } = model.apply(x, { initialStates: states });
        token = tf.tidy(() => tf.argMax(output, -1).dataSync()[0]);
        generated.push(token);
        tf.dispose([x, output, ...(states ?? []).flat()]);
        states = next;
      }
      tf.dispose((states ?? []).flat());
      expect(generated).toEqual(seq(d).slice(1));
    }
    tf.dispose([input, targets]);
    model.dispose();
  });

  it('encoder–decoder: reverses a sequence, the encoder state handed to the decoder', () => {
    const V = 6; // tokens 1..5, 0 = start
    const T = 4;
    const H = 32;
    const random = createRng(6);
    const encoder = new RecurrentLayer({ cell: 'lstm', units: H, inputSize: V, seed: 1 });
    const decoder = new RecurrentLayer({ cell: 'lstm', units: H, inputSize: V, seed: 2 });
    const head = new Dense({ inputSize: H, units: V, seed: 3 });
    const oneHot = (ids: number[][]) => tf.cast(tf.oneHot(tf.tensor2d(ids, undefined, 'int32'), V), 'float32') as tf.Tensor3D;
    const makeBatch = (B: number) => {
      const src = Array.from({ length: B }, () => Array.from({ length: T }, () => 1 + Math.floor(random.next() * 5)));
      const out = src.map((s) => [...s].reverse());
      return { src, out, decoderIn: out.map((o) => [0, ...o.slice(0, -1)]) };
    };
    const weights = [...encoder.weights, ...decoder.weights, ...head.weights];
    const optimizer = createOptimizer({ name: 'adam', learningRate: 0.02 });
    for (let step = 0; step < 250; step++) {
      const { src, out, decoderIn } = makeBatch(32);
      tf.tidy(() => {
        const loss = () => {
          const { states } = encoder.apply(oneHot(src));
          const { outputs } = decoder.apply(oneHot(decoderIn), { initialState: states });
          return softmaxCrossEntropy(head.apply(outputs), tf.tensor2d(out, undefined, 'int32'));
        };
        optimizer.minimize(loss, false, weights);
      });
    }
    // Greedy decoding from the encoder's final state.
    const { src, out } = makeBatch(100);
    const decoded = tf.tidy(() => {
      let states = encoder.apply(oneHot(src)).states;
      let token = src.map(() => [0]);
      const result: number[][] = src.map(() => []);
      for (let t = 0; t < T; t++) {
        const step = decoder.apply(oneHot(token), { initialState: states });
        states = step.states;
        const next = Array.from(tf.argMax(head.apply(step.outputs), -1).dataSync());
        next.forEach((n, b) => result[b].push(n));
        token = next.map((n) => [n]);
      }
      return result;
    });
    const exact = decoded.filter((d, b) => d.join() === out[b].join()).length / out.length;
    expect(exact).toBeGreaterThan(0.9);
    [encoder, decoder, head].forEach((l) => l.dispose());
  });
});
