import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { CellSpec, biasShape, gateCount, stateCount } from '../cell-spec';
import { recurrentSequence } from '../recurrent-op';
import { naiveRecurrence } from '../testing/naive-recurrence';
import { GATE_MATHS_WASM_BASE64 } from './gate-maths-wasm';
import { simdGateMaths, useSimdGateMaths } from './gate-maths';

// Units a multiple of 4, so that the cells take the SIMD path (the other specs mostly use 3 or 5 units, which
// keeps them on the JavaScript loops).
const H = 8;
const B = 3;
const T = 6;
const I = 5;
const SPECS: CellSpec[] = [
  { type: 'lstm', units: H, resetAfter: false },
  { type: 'gru', units: H, resetAfter: false },
  { type: 'gru', units: H, resetAfter: true },
];
const label = (spec: CellSpec) => (spec.type === 'gru' ? `gru(resetAfter=${spec.resetAfter})` : spec.type);

describe('SIMD gate maths', () => {
  afterEach(() => useSimdGateMaths(true));

  it('loads in Node 20 (so the tests below exercise it, not the JavaScript loops twice)', () => {
    expect(simdGateMaths()).not.toBeNull();
  });

  it('ships the bytes that gate-maths.wat compiles to (rebuild with node tools/build-gate-maths.mjs)', async () => {
    const wabt = await (require('wabt') as () => Promise<WabtApi>)();
    const source = readFileSync(join(__dirname, 'gate-maths.wat'), 'utf8');
    const module = wabt.parseWat('gate-maths.wat', source, { simd: true });
    const { buffer } = module.toBinary({});
    module.destroy();
    expect(Buffer.from(buffer).toString('base64')).toBe(GATE_MATHS_WASM_BASE64);
  });

  it('σ and tanh agree with Math.exp and Math.tanh over the whole float range', () => {
    const simd = simdGateMaths()!;
    const xs: number[] = [0, -0, 1e-8, -1e-8, 87, -87, 88, -88, 100, -100, 1e30, -1e30, Infinity, -Infinity];
    for (let x = -30; x <= 30; x += 0.0037) xs.push(x);
    while (xs.length % 4) xs.push(0);
    const n = xs.length;
    const heap = simd.heap(2 * n);
    heap.set(xs, 0);
    heap.set(xs, n);
    simd.run.sigmoid(0, n);
    simd.run.tanh(4 * n, n);
    let sigmoidError = 0;
    let sigmoidTail = 0;
    let tanhError = 0;
    for (let k = 0; k < n; k++) {
      const x = Math.fround(xs[k]);
      const s = 1 / (1 + Math.exp(-x));
      // σ relative to its value, except below x = −87, where the input is clamped and σ stays at 1.6e-38 while
      // Math's goes on down to 0; tanh absolute, since 1 − 2/(e^2x + 1) cancels near 0.
      if (x < -87) sigmoidTail = Math.max(sigmoidTail, Math.abs(heap[k] - s));
      else sigmoidError = Math.max(sigmoidError, Math.abs(heap[k] - s) / s);
      tanhError = Math.max(tanhError, Math.abs(heap[n + k] - Math.tanh(x)));
    }
    // Measured 2.7e-7 and 1.8e-7: a few float32 ulps, from the degree-6 polynomial for e^x (truncation < 2e-7) and
    // the rounding of ~10 float32 operations (6e-8 relative each). The JavaScript loops round once, from float64.
    expect(sigmoidError).toBeLessThan(1e-6);
    expect(sigmoidTail).toBeLessThan(2e-38);
    expect(tanhError).toBeLessThan(5e-7);
  });

  it('passes NaN through, as the JavaScript loops do (the NaN guard relies on it)', () => {
    const simd = simdGateMaths()!;
    const heap = simd.heap(8);
    heap.set([NaN, 1, NaN, -1, NaN, 0, NaN, 2]);
    simd.run.sigmoid(0, 4);
    simd.run.tanh(16, 4);
    expect([heap[0], heap[2], heap[4], heap[6]].every(Number.isNaN)).toBe(true);
    expect(heap[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(heap[7]).toBeCloseTo(Math.tanh(2), 6);
  });

  describe.each(['cpu', 'wasm'] as const)('recurrentSequence on %s', (backend) => {
    useBackend(backend);
    const variants: Array<[string, Float32Array | undefined, boolean, boolean]> = [
      ['full sequences', undefined, false, false],
      // Row 0 padded at the end, row 1 at the start, row 2 in the middle: padded rows keep their state.
      ['padded, reversed, recurrent dropout', new Float32Array([1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1]), true, true],
    ];

    describe.each(SPECS.map((s) => [label(s), s] as const))('%s', (_name, spec) => {
      it.each(variants)('outputs and gradients equal autodiff of the step-by-step reference and the JavaScript loops (%s)', (_v, mask, reverse, dropout) => {
        const recurrentDropoutMask = dropout ? dropoutMask() : undefined;
        const loss = (run: 'engine' | 'reference', f: Fixture) => (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, ...states: tf.Tensor[]) => {
          const r =
            run === 'engine'
              ? recurrentSequence(spec, x as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b, states as tf.Tensor2D[], {
                  mask,
                  reverse,
                  recurrentDropoutMask: recurrentDropoutMask ?? null,
                })
              : naiveRecurrence(spec, x as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b, states as tf.Tensor2D[], mask ? tf.tensor2d(mask, [B, T]) : undefined, reverse);
          let total = tf.sum(tf.mul(r.outputs, f.outWeights));
          for (const s of r.states) total = tf.add(total, tf.sum(tf.mul(s, f.stateWeights)));
          return total as tf.Scalar;
        };
        tf.tidy(() => {
          const f = fixture(spec);
          const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
          const simd = tf.grads(loss('engine', f))(args);
          const simdValue = loss('engine', f)(f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states);
          useSimdGateMaths(false);
          const js = tf.grads(loss('engine', f))(args);
          const jsValue = loss('engine', f)(f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states);
          useSimdGateMaths(true);
          // The old path: both are float32 results of the same formulas, the SIMD one with its own e^x (above).
          expectClose(simdValue, jsValue, { atol: 1e-5 });
          simd.forEach((g, k) => expectClose(g, js[k], { atol: 2e-6, label: `gradient ${k}` }));
          if (!dropout) {
            // The independent reference (it has no recurrent dropout): tfjs autodiff of plain ops, as recurrent-op.spec.
            const ref = tf.grads(loss('reference', f))(args);
            simd.forEach((g, k) => expectClose(g, ref[k], { atol: 1e-5, label: `gradient ${k}` }));
          }
        });
      });

      it('leaves no tensor behind', async () => {
        const f = fixture(spec);
        await expectNoLeak(() => {
          const r = recurrentSequence(spec, f.x, f.kernel, f.recurrentKernel, f.bias, f.states);
          tf.dispose([r.outputs, ...r.states]);
        });
        tf.dispose([f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states, f.outWeights, f.stateWeights]);
      });
    });
  });
});

/** The part of wabt's API the bytes check uses. */
interface WabtApi {
  parseWat(name: string, source: string, features: { simd: boolean }): {
    toBinary(options: object): { buffer: Uint8Array };
    destroy(): void;
  };
}

type Fixture = ReturnType<typeof fixture>;

function fixture(spec: CellSpec) {
  const GH = gateCount(spec.type) * H;
  const bShape = biasShape(spec);
  return {
    x: tf.tensor3d(randomArray(B * T * I, 1), [B, T, I]),
    kernel: tf.tensor2d(randomArray(I * GH, 2, 0.7), [I, GH]),
    recurrentKernel: tf.tensor2d(randomArray(H * GH, 3, 0.7), [H, GH]),
    bias: tf.tensor(randomArray(bShape.reduce((a, b) => a * b), 4, 0.3), bShape),
    states: Array.from({ length: stateCount(spec.type) }, (_, k) => tf.tensor2d(randomArray(B * H, 5 + k, 0.5), [B, H])),
    outWeights: tf.tensor3d(randomArray(B * T * H, 9), [B, T, H]),
    stateWeights: tf.tensor2d(randomArray(B * H, 10), [B, H]),
  };
}

/** Inverted dropout at rate 0.25 on a fixed pattern: kept units scaled by 4/3. */
function dropoutMask(): Float32Array {
  return Float32Array.from({ length: B * H }, (_, k) => (k % 4 === 1 ? 0 : 4 / 3));
}
