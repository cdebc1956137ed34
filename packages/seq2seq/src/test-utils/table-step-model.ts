import type { StepLogProbs, StepModel } from '../decoding/step-model';

/** Next-symbol probabilities (any non-negative weights, normalised here) for a source and an output prefix. */
export type NextSymbolTable = (source: number, prefix: readonly number[]) => readonly number[];

/** A hand-built {@link StepModel}: log-probabilities come from a table of the prefix, not from a network. */
export class TableStepModel implements StepModel {
  /** Rows passed to `step`, summed over calls. */
  rowsEvaluated = 0;
  private rows: Array<{ source: number; prefix: number[] }> | null = null;

  constructor(
    readonly vocabSize: number,
    readonly sources: number,
    private readonly table: NextSymbolTable,
  ) {}

  /** log p(next | source, prefix), normalised. */
  logProbs(source: number, prefix: readonly number[]): Float64Array {
    const weights = this.table(source, prefix);
    const total = weights.reduce((a, b) => a + b, 0);
    return Float64Array.from(weights, (w) => Math.log(w / total));
  }

  step(parents: Int32Array, tokens: Int32Array): StepLogProbs {
    const old = this.rows;
    this.rows = Array.from(parents, (p, r) => (old ? { source: old[p].source, prefix: [...old[p].prefix, tokens[r]] } : { source: p, prefix: [] }));
    this.rowsEvaluated += this.rows.length;
    const out = new Float32Array(this.rows.length * this.vocabSize);
    this.rows.forEach((row, r) => out.set(this.logProbs(row.source, row.prefix), r * this.vocabSize));
    return { logProbs: out };
  }
}

/** A reproducible pseudo-random table: weights in (0, 1] from a hash of the seed, source and prefix. */
export function randomTable(vocabSize: number, seed: number): NextSymbolTable {
  return (source, prefix) =>
    Array.from({ length: vocabSize }, (_, v) => {
      let h = Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(source + 7, 0x85ebca6b);
      for (const t of [...prefix, v]) h = Math.imul(h ^ (t + 0x27d4eb2f), 0x165667b1) ^ (h >>> 13);
      return (((h >>> 0) % 1000) + 1) / 1000;
    });
}
