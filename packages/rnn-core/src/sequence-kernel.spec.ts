import { randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { CELL_TYPES, CellSpec, cellKernel } from './cell-spec';
import { sequencePool } from './kernels/float32-pool';
import { SequenceInputs, backwardSequence, forwardSequence, releaseTapes } from './sequence-kernel';
import { TfjsStepProduct } from './kernels/step-product';

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

/**
 * The lengths of the Float32Arrays with memory of their own made while `fn` runs (a counting stand-in for the
 * global constructor; views of an existing buffer are not counted).
 */
function float32ArraysMade(fn: () => void): number[] {
  const original = globalThis.Float32Array;
  const made: number[] = [];
  globalThis.Float32Array = new Proxy(original, {
    construct(target, args, newTarget) {
      const array = Reflect.construct(target, args, newTarget) as Float32Array;
      // By tag, not instanceof: wasm memory's buffer comes from another realm than Jest's globals.
      const tag = Object.prototype.toString.call(args[0]);
      if (tag !== '[object ArrayBuffer]' && tag !== '[object SharedArrayBuffer]') made.push(array.length);
      return array;
    },
  });
  try {
    fn();
  } finally {
    globalThis.Float32Array = original;
  }
  return made;
}

/**
 * What one forward and one backward pass over T steps make: tensors, and the lengths of new Float32Arrays. With
 * `release`, the passes' tapes go back to the pool afterwards, for the next call to reuse.
 */
function allocations(spec: CellSpec, T: number, release = false) {
  const GH = cellKernel(spec.type).gates * H;
  const u = tf.tensor2d(randomArray(H * GH, 4, 0.5), [H, GH]);
  const inp = inputs(spec, T, u);
  const S = inp.initialStates.length;
  let fwd: ReturnType<typeof forwardSequence> | null = null;
  let back: ReturnType<typeof backwardSequence> | null = null;
  const forward = { tensors: 0, arrays: [] as number[] };
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
  const backward = { tensors: 0, arrays: [] as number[] };
  backward.tensors = tensorsMade(() => {
    backward.arrays = float32ArraysMade(() => {
      back = backwardSequence(inp, fwd as unknown as ReturnType<typeof forwardSequence>, grads);
    });
  });
  if (release) releaseTapes(fwd as unknown as ReturnType<typeof forwardSequence>, back);
  u.dispose();
  return { forward, backward };
}

const CASES = SPECS.map((s) => [s.type === 'gru' ? `gru(resetAfter=${s.resetAfter})` : s.type, s] as const);

describe.each([
  // On cpu, tfjs makes one array per product (its result, which `dataSync` returns as it is); on wasm the result
  // lives in the backend's memory and is copied into an array the product reuses.
  ['cpu', 1],
  ['wasm', 0],
] as const)('sequence kernel allocation on %s', (backend, arraysPerProduct) => {
  useBackend(backend);

  it.each(CASES)('%s: a step makes only its recurrent products (two tensors each, and their result arrays)', (_name, spec) => {
    const products = cellKernel(spec.type).recurrentParts(spec).length;
    const before = tf.memory().numTensors;
    // Once first: the SIMD gate maths grow their scratch memory (and remake its view) on first use. Each call
    // starts from an empty pool, so that both make their tapes afresh.
    allocations(spec, 9);
    sequencePool.clear();
    const short = allocations(spec, 3);
    sequencePool.clear();
    const long = allocations(spec, 9);
    for (const pass of ['forward', 'backward'] as const) {
      // Six more steps: only the per-step products add anything; every buffer of a step was made once per call.
      expect((long[pass].tensors - short[pass].tensors) / 6).toBe(2 * products);
      expect((long[pass].arrays.length - short[pass].arrays.length) / 6).toBe(arraysPerProduct * products);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(CASES)('%s: every step multiplies by the same weight tensors, made once per pass and freed after it', (_name, spec) => {
    // XNNPACK packs a product's right operand once per tensor (tfjs-backend-wasm caches the packed operator by the
    // tensor's id), so a fresh weight tensor per step would repack it at every step.
    const T = 5;
    const parts = cellKernel(spec.type).recurrentParts(spec).length;
    const GH = cellKernel(spec.type).gates * H;
    const u = tf.tensor2d(randomArray(H * GH, 4, 0.5), [H, GH]);
    const inp = inputs(spec, T, u);
    const original = TfjsStepProduct.prototype.run;
    let used: tf.Tensor[] = [];
    const spy = jest.spyOn(TfjsStepProduct.prototype, 'run').mockImplementation(function (this: TfjsStepProduct, operand) {
      used.push((this as unknown as { matrix: tf.Tensor }).matrix);
      return original.call(this, operand);
    });
    try {
      const before = tf.memory().numTensors;
      const fwd = forwardSequence(inp);
      const forwardUsed = used;
      used = [];
      const back = backwardSequence(inp, fwd, {
        dOutputs: randomArray(B * T * H, 5),
        dFinalStates: inp.initialStates.map((_, k) => randomArray(B * H, 6 + k)),
        keepInputGates: false,
      });
      releaseTapes(fwd, back);
      for (const pass of [forwardUsed, used]) {
        expect(pass.length).toBe(T * parts);
        expect(new Set(pass).size).toBe(parts);
      }
      // The forward pass multiplies by U itself when a part covers it all; every matrix made for a pass is freed.
      const made = [...new Set([...forwardUsed, ...used])].filter((m) => m !== u);
      expect(made.length).toBe(parts === 1 ? 1 : 2 * parts);
      expect(made.every((m) => m.isDisposed)).toBe(true);
      expect(u.isDisposed).toBe(false);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      spy.mockRestore();
      u.dispose();
    }
  });

  it.each(CASES)('%s: a pass after released tapes makes no T-sized array', (_name, spec) => {
    const T = 9;
    const tapeSize = T * B * H; // the smallest tape; step buffers are B-sized
    sequencePool.clear();
    const first = allocations(spec, T, true);
    expect([...first.forward.arrays, ...first.backward.arrays].filter((n) => n >= tapeSize).length).toBeGreaterThan(0);
    const again = allocations(spec, T, true);
    expect([...again.forward.arrays, ...again.backward.arrays].filter((n) => n >= tapeSize)).toEqual([]);
  });
});
