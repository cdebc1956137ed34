import { randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { CELL_TYPES, CellSpec, cellKernel } from './cell-spec';
import { SequenceInputs, backwardSequence, forwardSequence } from './sequence-kernel';

const B = 3;
const H = 4;

/** Every registered cell, GRU in both reset conventions: a new cell is covered without editing this file. */
const SPECS: CellSpec[] = CELL_TYPES.flatMap((type): CellSpec[] =>
  type === 'gru'
    ? [{ type, units: H, resetAfter: false }, { type, units: H, resetAfter: true }]
    : [{ type, units: H, resetAfter: false }],
);

function inputs(spec: CellSpec, T: number, recurrentKernel: tf.Tensor2D): SequenceInputs {
  const cell = cellKernel(spec.type);
  const GH = cell.gates * H;
  const biasSize = cell.biasShape(spec).reduce((a, b) => a * b);
  const mask = new Float32Array(B * T).fill(1);
  mask[T - 1] = 0; // row 0 ends with a padded step, so the padded-row paths run too
  return {
    spec,
    batch: B,
    steps: T,
    inputProjection: randomArray(T * B * GH, 1),
    recurrentKernel,
    parameters: randomArray(biasSize - GH, 2, 0.3),
    initialStates: Array.from({ length: cell.states }, (_, k) => randomArray(B * H, 3 + k, 0.5)),
    mask,
    recurrentDropoutMask: new Float32Array(B * H).fill(1.25),
    reverse: false,
  };
}

/** Tensors made while `fn` runs: tfjs numbers every new tensor from one counter. */
function tensorsMade(fn: () => void): number {
  const probe = () => {
    const t = tf.scalar(0);
    t.dispose();
    return t.id;
  };
  const before = probe();
  fn();
  return probe() - before - 1;
}

/** `new Float32Array` calls while `fn` runs (a counting stand-in for the global constructor). */
function float32ArraysMade(fn: () => void): number {
  const original = globalThis.Float32Array;
  let made = 0;
  globalThis.Float32Array = new Proxy(original, {
    construct(target, args, newTarget) {
      made++;
      return Reflect.construct(target, args, newTarget);
    },
  });
  try {
    fn();
  } finally {
    globalThis.Float32Array = original;
  }
  return made;
}

/** What one forward and one backward pass over T steps make. */
function allocations(spec: CellSpec, T: number) {
  const GH = cellKernel(spec.type).gates * H;
  const u = tf.tensor2d(randomArray(H * GH, 4, 0.5), [H, GH]);
  const inp = inputs(spec, T, u);
  const S = inp.initialStates.length;
  let fwd: ReturnType<typeof forwardSequence> | null = null;
  const forward = { tensors: 0, arrays: 0 };
  forward.tensors = tensorsMade(() => {
    forward.arrays = float32ArraysMade(() => {
      fwd = forwardSequence(inp);
    });
  });
  const grads = {
    dOutputs: randomArray(B * T * H, 5),
    dFinalStates: Array.from({ length: S }, (_, k) => randomArray(B * H, 6 + k)),
    keepInputGates: true,
  };
  const backward = { tensors: 0, arrays: 0 };
  backward.tensors = tensorsMade(() => {
    backward.arrays = float32ArraysMade(() => {
      backwardSequence(inp, fwd as unknown as ReturnType<typeof forwardSequence>, grads);
    });
  });
  u.dispose();
  return { forward, backward };
}

describe('sequence kernel allocation', () => {
  // The cpu backend, because there tfjs allocates exactly one array per product (its result; `dataSync` returns
  // that array, where wasm would copy it into another).
  useBackend('cpu');

  it.each(SPECS.map((s) => [s.type === 'gru' ? `gru(resetAfter=${s.resetAfter})` : s.type, s] as const))(
    '%s: a step makes only its recurrent products (two tensors and one result array each)',
    (_name, spec) => {
      const products = cellKernel(spec.type).recurrentParts(spec).length;
      const before = tf.memory().numTensors;
      // Once first: the SIMD gate maths grow their scratch memory (and remake its view) on first use.
      allocations(spec, 9);
      const short = allocations(spec, 3);
      const long = allocations(spec, 9);
      for (const pass of ['forward', 'backward'] as const) {
        // Six more steps: only the per-step products add anything; every buffer of a step was made once per call.
        expect((long[pass].tensors - short[pass].tensors) / 6).toBe(2 * products);
        expect((long[pass].arrays - short[pass].arrays) / 6).toBe(products);
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
