import { GATE_MATHS_WASM_BASE64 } from './gate-maths-wasm';

/** The functions of gate-maths.wat; pointers are byte offsets into its memory, H a multiple of 4. */
export interface GateMathsFunctions {
  sigmoid(p: number, n: number): void;
  tanh(p: number, n: number): void;
  lstmForward(g: number, rec: number, c: number, cNext: number, tanhC: number, hNext: number, rows: number, H: number): void;
  gruResetGates(g: number, rec: number, hIn: number, rh: number, rows: number, H: number): void;
  gruResetCandidate(g: number, recH: number, h: number, hNext: number, rows: number, H: number): void;
  gruResetAfter(g: number, rec: number, rb: number, h: number, term: number, hNext: number, rows: number, H: number): void;
  lstmBackward(g: number, tanhC: number, cPrev: number, dh: number, dc: number, dGates: number, dcPrev: number, rows: number, H: number): void;
  gruBackward(
    g: number, hPrev: number, aux: number, dh: number, dGates: number, dRec: number, direct: number,
    rows: number, H: number, resetAfter: number,
  ): void;
}

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/**
 * The cells' gate maths in WebAssembly SIMD (gate-maths.wat), four float32 lanes at a time: the LSTM and GRU
 * forward steps (σ and tanh through a polynomial e^x, fused with the elementwise products) and the elementwise
 * parts of their backward steps. Copies in and out of the module's memory included, 1.3–4.5× the JavaScript loops'
 * speed at the bench size. The module is instantiated once per thread; its memory is a scratch area that only
 * grows, laid out afresh by each call.
 */
export class GateMaths {
  /** The compiled functions. */
  readonly run: GateMathsFunctions;
  private readonly memory: WasmMemory;
  private view: Float32Array;

  constructor(exports: Record<string, unknown>) {
    this.run = exports as unknown as GateMathsFunctions;
    this.memory = exports.memory as WasmMemory;
    this.view = new Float32Array(this.memory.buffer);
  }

  /** The module's memory as floats, with room for at least `floats` of them (byte offset = 4 × index). */
  heap(floats: number): Float32Array {
    const needed = floats * 4 - this.memory.buffer.byteLength;
    if (needed > 0) this.memory.grow(Math.ceil(needed / 65536));
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }
}

let loaded: GateMaths | null | undefined;
let enabled = true;

/**
 * The SIMD gate maths, or null where WebAssembly SIMD is missing (then the cells run their JavaScript loops,
 * which give the same values within float32 rounding). Compiled synchronously on first use: the module is 2.3 kB,
 * under every browser's limit for synchronous compilation on the main thread.
 */
export function simdGateMaths(): GateMaths | null {
  if (!enabled) return null;
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}

/** Turns the SIMD path off (false) or back on, for tests that compare it with the JavaScript loops. */
export function useSimdGateMaths(on: boolean): void {
  enabled = on;
}

function instantiate(): GateMaths | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  const bytes = Uint8Array.from(atob(GATE_MATHS_WASM_BASE64), (ch) => ch.charCodeAt(0));
  if (!wasm.validate(bytes)) return null; // an engine without SIMD rejects the module
  try {
    return new GateMaths(new wasm.Instance(new wasm.Module(bytes)).exports);
  } catch {
    return null; // e.g. a page whose content security policy forbids compiling WebAssembly
  }
}

/**
 * Copies rows [b, b + 1) of `from` (row b at `fromOffset + b·width`) to `to` (row b at `toOffset + b·width`) for
 * every b whose `real` flag is set, one `set` per run of consecutive real rows.
 */
export function copyRealRows(
  real: Uint8Array,
  from: Float32Array,
  fromOffset: number,
  to: Float32Array,
  toOffset: number,
  width: number,
): void {
  const B = real.length;
  for (let b = 0; b < B; ) {
    if (!real[b]) {
      b++;
      continue;
    }
    let end = b + 1;
    while (end < B && real[end]) end++;
    to.set(from.subarray(fromOffset + b * width, fromOffset + end * width), toOffset + b * width);
    b = end;
  }
}

/** Copies `rows` rows of `width` values, row r at `r·stride` in `from`, densely into `heap` from `at`. */
export function copyRows(heap: Float32Array, at: number, from: Float32Array, rows: number, width: number, stride: number): void {
  if (stride === width) {
    heap.set(from.subarray(0, rows * width), at);
    return;
  }
  for (let r = 0; r < rows; r++) heap.set(from.subarray(r * stride, r * stride + width), at + r * width);
}
