import { tf, type SequenceModel } from '@rnnkit/rnn-core';
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

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

interface StepLayer {
  cell: 'lstm' | 'gru' | 'simpleRNN';
  units: number;
  inputBias: Float32Array;
  /**
   * h · [U | K], where K is the kernel of whatever reads this layer's output (the next layer's input kernel, or
   * the output layer's): one product per layer per step serves both this layer's next step and its reader.
   */
  product: MatVec;
  /** GRU with the reset gate first: (r ⊙ h) · U[:, candidate]. */
  candidate: MatVec | null;
  /** GRU with the reset gate after the product: its recurrent bias. */
  recurrentBias: Float32Array | null;
  h: Float32Array;
  c: Float32Array | null;
  /** The last product: h · U (the next step's recurrent term) followed by h · K (the reader's input term). */
  out: Float32Array;
  /** Width of the recurrent part of `out`. */
  recWidth: number;
  /** Scratch: input-side pre-activations (bias included). */
  xp: Float32Array;
  rh: Float32Array | null;
  recH: Float32Array | null;
}

/**
 * Runs a trained character model one id at a time with batch 1, for generation. The weights are read once into
 * Float32Arrays; each step costs one matrix–vector product per layer plus the gate arithmetic in plain
 * JavaScript, without the per-call overhead of the training path (custom gradients, packing, many small tfjs
 * ops). Two arrangements make that one product: the first layer's input term is precomputed for every id
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
    if (config.input.type !== 'tokens') throw new CharLmError('bad-model', 'the stepper needs a model that reads token ids');
    if (config.outputMode !== 'sequence') throw new CharLmError('bad-model', 'the stepper needs a model with an output at every step');
    if ((config.output.activation ?? 'linear') !== 'linear') {
      throw new CharLmError('bad-model', `the stepper needs a model that outputs logits, not ${config.output.activation}`);
    }
    const weights = new Map(model.namedWeights.map(({ name, variable }) => [name, (variable.dataSync() as Float32Array).slice()]));
    const get = (name: string): Float32Array => {
      const w = weights.get(name);
      if (!w) throw new CharLmError('bad-model', `the model has no weight "${name}"`);
      return w;
    };
    const matVec = engine === 'js' ? jsMatVec : tfjsMatVec;
    const V = config.input.vocabSize;
    this.vocabSize = V;
    this.engine = engine;

    this.layers = config.layers.map((layer, k) => {
      if (layer.bidirectional) throw new CharLmError('bad-model', `layer ${k} is bidirectional; generation needs causal layers`);
      const H = layer.units;
      const GH = (layer.cell === 'lstm' ? 4 : layer.cell === 'gru' ? 3 : 1) * H;
      const resetAfter = layer.cell === 'gru' && (layer.resetAfter ?? true);
      const resetFirst = layer.cell === 'gru' && !resetAfter;
      const bias = get(`layers/${k}/bias`);
      const U = get(`layers/${k}/recurrent_kernel`);
      const reader = k + 1 < config.layers.length ? get(`layers/${k + 1}/kernel`) : get('output/kernel');
      const recurrent = resetFirst ? columns(U, H, GH, 0, 2 * H) : U;
      const both = sideBySide(recurrent, reader, H);
      const recWidth = recurrent.length / H;
      return {
        cell: layer.cell,
        units: H,
        inputBias: bias.slice(0, GH),
        product: matVec(both, H, both.length / H),
        candidate: resetFirst ? matVec(columns(U, H, GH, 2 * H, GH), H, H) : null,
        recurrentBias: resetAfter ? bias.slice(GH, 2 * GH) : null,
        h: new Float32Array(H),
        c: layer.cell === 'lstm' ? new Float32Array(H) : null,
        out: new Float32Array(both.length / H),
        recWidth,
        xp: new Float32Array(GH),
        rh: resetFirst ? new Float32Array(H) : null,
        recH: resetFirst ? new Float32Array(H) : null,
      };
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
      throw new CharLmError('bad-option', `engine must be "auto", "js" or "tfjs", got ${JSON.stringify(requested)}`);
    }
    const engine: StepperEngine = requested === 'auto' ? (tf.getBackend() === 'cpu' ? 'js' : 'tfjs') : requested;
    return new InferenceStepper(model, engine);
  }

  /** Forgets the state: the next step starts from zeros, like a fresh `model.apply`. */
  reset(): void {
    for (const layer of this.layers) {
      layer.h.fill(0);
      layer.c?.fill(0);
      layer.out.fill(0); // h · U of a zero state
    }
  }

  /**
   * Feeds one id and returns the logits for the next one. The returned array is reused by the next call: copy it
   * to keep it. Throws `CharLmError` `unknown-id` for an id outside `[0, vocabSize)`.
   */
  step(id: number): Float32Array {
    if (this.disposed) throw new Error('InferenceStepper: step() after dispose()');
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
      throw new CharLmError('unknown-id', `id ${id} is not in [0, ${this.vocabSize})`);
    }
    let below: StepLayer | null = null;
    for (const layer of this.layers) {
      const GH = layer.xp.length;
      if (below === null) {
        layer.xp.set(this.inputTable.subarray(id * GH, (id + 1) * GH));
      } else {
        const fromBelow = below.out;
        for (let g = 0; g < GH; g++) layer.xp[g] = fromBelow[below.recWidth + g] + layer.inputBias[g];
      }
      this.advance(layer);
      layer.product(layer.h, layer.out);
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
    for (const layer of this.layers) {
      layer.product.dispose();
      layer.candidate?.dispose();
    }
  }

  /** The first layer's input-side pre-activations for every id: embedding · kernel + bias (one-hot: kernel rows + bias). */
  private firstLayerTable(embeddingSize: number, V: number, get: (name: string) => Float32Array): Float32Array {
    const first = this.layers[0];
    const GH = first.xp.length;
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

  /** The gate arithmetic of one step, from `xp` (input side, bias included) and the recurrent term h · U in `out`. */
  private advance(layer: StepLayer): void {
    const { units: H, xp, out: rec, h } = layer;
    if (layer.cell === 'lstm') {
      const c = layer.c as Float32Array;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(xp[j] + rec[j]);
        const f = sigmoid(xp[H + j] + rec[H + j]);
        const g = Math.tanh(xp[2 * H + j] + rec[2 * H + j]);
        const o = sigmoid(xp[3 * H + j] + rec[3 * H + j]);
        c[j] = f * c[j] + i * g;
        h[j] = o * Math.tanh(c[j]);
      }
    } else if (layer.cell === 'simpleRNN') {
      for (let j = 0; j < H; j++) h[j] = Math.tanh(xp[j] + rec[j]);
    } else if (layer.recurrentBias) {
      // GRU, reset gate applied after the recurrent product (Keras' default).
      const rb = layer.recurrentBias;
      for (let j = 0; j < H; j++) {
        const z = sigmoid(xp[j] + rec[j] + rb[j]);
        const r = sigmoid(xp[H + j] + rec[H + j] + rb[H + j]);
        const candidate = Math.tanh(xp[2 * H + j] + r * (rec[2 * H + j] + rb[2 * H + j]));
        h[j] = z * h[j] + (1 - z) * candidate;
      }
    } else {
      // GRU, reset gate applied to the state before the candidate's product (the original formulation).
      const rh = layer.rh as Float32Array;
      const recH = layer.recH as Float32Array;
      for (let j = 0; j < H; j++) {
        rh[j] = sigmoid(xp[H + j] + rec[H + j]) * h[j];
        rec[j] = sigmoid(xp[j] + rec[j]); // z, kept where its pre-activation was
      }
      (layer.candidate as MatVec)(rh, recH);
      for (let j = 0; j < H; j++) h[j] = rec[j] * h[j] + (1 - rec[j]) * Math.tanh(xp[2 * H + j] + recH[j]);
    }
  }
}
