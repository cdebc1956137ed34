import { cellKernel, tf, type CellKernel, type ForwardStepContext, type SequenceModel, type StepProduct } from '@rnnkit/rnn-core';
import { CharLmError } from './errors';

/**
 * How an {@link InferenceStepper} forms its matrix–vector products: `js` in plain JavaScript loops, `tfjs` with
 * one tfjs matMul each (fast on the wasm and tensorflow backends, whose matMul is SIMD code; slow on `cpu`).
 */
export type StepperEngine = 'js' | 'tfjs';

/** Options of {@link InferenceStepper.fromModel}. */
export interface StepperOptions {
  /** `auto` (the default) picks `js` on the cpu backend and `tfjs` elsewhere. */
  engine?: StepperEngine | 'auto';
}

/** `out = x · M` for a fixed matrix M [rows, cols]; `out` is overwritten. */
type MatVec = ((x: Float32Array, out: Float32Array) => void) & { dispose(): void };

function jsMatVec(m: Float32Array, rows: number, cols: number): MatVec {
  const apply = (x: Float32Array, out: Float32Array) => {
    out.fill(0);
    let k = 0;
    // Four rows per pass: the inner loop then reads four weight rows for every write of `out`.
    for (; k + 4 <= rows; k += 4) {
      const a = x[k];
      const b = x[k + 1];
      const c = x[k + 2];
      const d = x[k + 3];
      const r0 = k * cols;
      const r1 = r0 + cols;
      const r2 = r1 + cols;
      const r3 = r2 + cols;
      for (let j = 0; j < cols; j++) out[j] += a * m[r0 + j] + b * m[r1 + j] + c * m[r2 + j] + d * m[r3 + j];
    }
    for (; k < rows; k++) {
      const a = x[k];
      const r = k * cols;
      for (let j = 0; j < cols; j++) out[j] += a * m[r + j];
    }
  };
  return Object.assign(apply, { dispose: () => undefined });
}

function tfjsMatVec(m: Float32Array, rows: number, cols: number): MatVec {
  const matrix = tf.tensor2d(m, [rows, cols]);
  const apply = (x: Float32Array, out: Float32Array) => {
    const row = tf.tensor2d(x, [1, rows]);
    const product = tf.matMul(row, matrix);
    out.set(product.dataSync() as Float32Array);
    tf.dispose([row, product]);
  };
  return Object.assign(apply, { dispose: () => matrix.dispose() });
}

/** Columns [from, to) of a row-major [rows, cols] matrix. */
function columns(m: Float32Array, rows: number, cols: number, from: number, to: number): Float32Array {
  const out = new Float32Array(rows * (to - from));
  for (let r = 0; r < rows; r++) out.set(m.subarray(r * cols + from, r * cols + to), r * (to - from));
  return out;
}

/** [A | B]: two row-major matrices with the same number of rows side by side. */
function sideBySide(a: Float32Array, b: Float32Array, rows: number): Float32Array {
  const ca = a.length / rows;
  const cb = b.length / rows;
  const out = new Float32Array(rows * (ca + cb));
  for (let r = 0; r < rows; r++) {
    out.set(a.subarray(r * ca, (r + 1) * ca), r * (ca + cb));
    out.set(b.subarray(r * cb, (r + 1) * cb), r * (ca + cb) + ca);
  }
  return out;
}

/** A {@link MatVec} as a cell kernel's step product of `rows` operand values, writing into `out`. */
function stepProduct(product: MatVec, rows: number, out: Float32Array): StepProduct {
  const operand = new Float32Array(rows);
  return {
    operand,
    run: (x = operand) => {
      product(x, out);
      return out;
    },
  };
}

interface StepLayer {
  kernel: CellKernel;
  /** G·H: the width of the input-side pre-activations. */
  gateWidth: number;
  inputBias: Float32Array;
  /**
   * The cell's first recurrent product extended to h · [U_0 | K], where K is the kernel of whatever reads this
   * layer's output (the next layer's input kernel, or the output layer's): one product per layer per step
   * serves both this layer's next step and its reader. Its result holds h · U_0 (the next step's recurrent
   * term), then h · K (the reader's input term).
   */
  out: Float32Array;
  /** Width of the recurrent part of `out`. */
  recWidth: number;
  /** The cell kernel's step, batch 1: `gates` holds the input-side pre-activations (bias included). */
  step: ForwardStepContext;
  /** The MatVecs behind the step's products, to free. */
  matVecs: MatVec[];
}

/**
 * Runs a trained character model one id at a time with batch 1, for generation. The weights are read once into
 * Float32Arrays; each step costs one matrix–vector product per layer plus the gate arithmetic of rnn-core's
 * cell kernel (the step the training path runs, here on one row), without the per-call overhead of the
 * training path (custom gradients, packing, many small tfjs ops). Two arrangements make that one product: the first layer's input term is precomputed for every id
 * (embedding · kernel + bias, a row lookup), and each layer's new state is multiplied at once by its own
 * recurrent kernel (for the next step) and by the kernel of the layer or output that reads it (for this step).
 *
 * The stepper copies the weights: later training of the model does not change it. Its outputs equal
 * `model.apply` on the same ids within float32 rounding (tested to 1e-5). Call {@link dispose} when done.
 */
export class InferenceStepper {
  /** Number of ids the model reads and scores. */
  readonly vocabSize: number;
  /** The engine in use. */
  readonly engine: StepperEngine;
  private readonly inputTable: Float32Array;
  private readonly layers: StepLayer[];
  private readonly outputBias: Float32Array;
  private readonly logits: Float32Array;
  private disposed = false;

  private constructor(model: SequenceModel, engine: StepperEngine) {
    const { config } = model;
    if (config.input.type !== 'tokens') throw new CharLmError('BAD_MODEL', 'the stepper needs a model that reads token ids');
    if (config.outputMode !== 'sequence') throw new CharLmError('BAD_MODEL', 'the stepper needs a model with an output at every step');
    if ((config.output.activation ?? 'linear') !== 'linear') {
      throw new CharLmError('BAD_MODEL', `the stepper needs a model that outputs logits, not ${config.output.activation}`);
    }
    const weights = new Map(model.namedWeights.map(({ name, variable }) => [name, (variable.dataSync() as Float32Array).slice()]));
    const get = (name: string): Float32Array => {
      const w = weights.get(name);
      if (!w) throw new CharLmError('BAD_MODEL', `the model has no weight "${name}"`);
      return w;
    };
    const matVec = engine === 'js' ? jsMatVec : tfjsMatVec;
    const V = config.input.vocabSize;
    this.vocabSize = V;
    this.engine = engine;

    this.layers = config.layers.map((layer, k) => {
      if (layer.bidirectional) throw new CharLmError('BAD_MODEL', `layer ${k} is bidirectional; generation needs causal layers`);
      const H = layer.units;
      const spec = { type: layer.cell, units: H, resetAfter: layer.cell === 'gru' && (layer.resetAfter ?? true) };
      const kernel = cellKernel(layer.cell);
      const GH = kernel.gates * H;
      const bias = get(`layers/${k}/bias`);
      const U = get(`layers/${k}/recurrent_kernel`);
      const reader = k + 1 < config.layers.length ? get(`layers/${k + 1}/kernel`) : get('output/kernel');
      const matVecs = kernel.recurrentParts(spec).map(({ from, to }, p) => {
        const part = from === 0 && to === GH ? U : columns(U, H, GH, from, to);
        const matrix = p === 0 ? sideBySide(part, reader, H) : part;
        return matVec(matrix, H, matrix.length / H);
      });
      const [first, ...rest] = kernel.recurrentParts(spec);
      const recWidth = first.to - first.from;
      const out = new Float32Array(recWidth + reader.length / H);
      const states = Array.from({ length: kernel.states }, () => new Float32Array(H));
      const step: ForwardStepContext = {
        spec,
        batch: 1,
        real: new Uint8Array([1]),
        gates: new Float32Array(GH),
        gateOffset: 0,
        recurrent: out,
        recurrentStride: out.length,
        hIn: states[0],
        states,
        next: states.map(() => new Float32Array(H)),
        aux: Array.from({ length: kernel.auxBlocks(spec) }, () => new Float32Array(H)),
        auxOffset: 0,
        parameters: bias.slice(GH),
        products: [stepProduct(matVecs[0], H, out), ...rest.map(({ from, to }, p) => stepProduct(matVecs[p + 1], H, new Float32Array(to - from)))],
      };
      return { kernel, gateWidth: GH, inputBias: bias.slice(0, GH), out, recWidth, step, matVecs };
    });

    this.inputTable = this.firstLayerTable(config.input.embeddingSize ?? 0, V, get);
    this.outputBias = get('output/bias');
    this.logits = new Float32Array(V);
  }

  /**
   * A stepper for `model` (a character model from {@link createCharModel} or any token-input, sequence-output,
   * unidirectional rnn-core model with logits). Throws `CharLmError` `bad-model` for other models.
   */
  static fromModel(model: SequenceModel, options: StepperOptions = {}): InferenceStepper {
    const requested = options.engine ?? 'auto';
    if (requested !== 'auto' && requested !== 'js' && requested !== 'tfjs') {
      throw new CharLmError('BAD_OPTION', `engine must be "auto", "js" or "tfjs", got ${JSON.stringify(requested)}`);
    }
    const engine: StepperEngine = requested === 'auto' ? (tf.getBackend() === 'cpu' ? 'js' : 'tfjs') : requested;
    return new InferenceStepper(model, engine);
  }

  /** Forgets the state: the next step starts from zeros, like a fresh `model.apply`. */
  reset(): void {
    for (const layer of this.layers) {
      for (const state of layer.step.states) state.fill(0);
      layer.out.fill(0); // h · [U_0 | K] of a zero state
    }
  }

  /**
   * Feeds one id and returns the logits for the next one. The returned array is reused by the next call: copy it
   * to keep it. Throws `CharLmError` `unknown-id` for an id outside `[0, vocabSize)`.
   */
  step(id: number): Float32Array {
    if (this.disposed) throw new Error('InferenceStepper: step() after dispose()');
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
      throw new CharLmError('UNKNOWN_ID', `id ${id} is not in [0, ${this.vocabSize})`);
    }
    let below: StepLayer | null = null;
    for (const layer of this.layers) {
      const { step, gateWidth: GH } = layer;
      const xp = step.gates;
      if (below === null) {
        for (let g = 0; g < GH; g++) xp[g] = this.inputTable[id * GH + g];
      } else {
        const fromBelow = below.out;
        for (let g = 0; g < GH; g++) xp[g] = fromBelow[below.recWidth + g] + layer.inputBias[g];
      }
      step.hIn = step.states[0];
      layer.kernel.forward(step);
      for (let k = 0; k < step.states.length; k++) {
        const before = step.states[k];
        step.states[k] = step.next[k];
        step.next[k] = before;
      }
      step.products[0].run(step.states[0]);
      below = layer;
    }
    const top = below as StepLayer;
    for (let v = 0; v < this.vocabSize; v++) this.logits[v] = top.out[top.recWidth + v] + this.outputBias[v];
    return this.logits;
  }

  /** Frees the tfjs copies of the weights (the `tfjs` engine); the stepper cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const layer of this.layers) for (const product of layer.matVecs) product.dispose();
  }

  /** The first layer's input-side pre-activations for every id: embedding · kernel + bias (one-hot: kernel rows + bias). */
  private firstLayerTable(embeddingSize: number, V: number, get: (name: string) => Float32Array): Float32Array {
    const first = this.layers[0];
    const GH = first.gateWidth;
    const kernel = get('layers/0/kernel');
    const table = new Float32Array(V * GH);
    if (embeddingSize === 0) {
      table.set(kernel);
    } else {
      const embedding = get('embedding/table');
      const product = jsMatVec(kernel, embeddingSize, GH);
      for (let v = 0; v < V; v++) product(embedding.subarray(v * embeddingSize, (v + 1) * embeddingSize), table.subarray(v * GH, (v + 1) * GH));
    }
    for (let v = 0; v < V; v++) for (let g = 0; g < GH; g++) table[v * GH + g] += first.inputBias[g];
    return table;
  }
}
