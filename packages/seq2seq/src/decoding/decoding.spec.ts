import { END_ID, UNK_ID } from '../vocabulary';
import { type NextSymbolTable, TableStepModel, randomTable } from '../test-utils/table-step-model';
import { beamSearch } from './beam-search';
import { greedyDecode } from './greedy';
import type { Hypothesis } from './step-model';

// Vocabulary of the hand-built models: PAD 0, START 1, END 2, UNK 3, x 4, y 5.
const X = 4;
const Y = 5;
const V = 6;

/**
 * Probabilities by prefix (x, y, END; 1e-6 for what is not listed). PAD and START get `specialWeight`, which a
 * decoder must never emit however large it is.
 */
function handTable(rows: Record<string, Partial<Record<'end' | 'x' | 'y', number>>>, specialWeight = 0): NextSymbolTable {
  return (_source, prefix) => {
    const key = prefix.map((t) => (t === X ? 'x' : t === Y ? 'y' : '?')).join('');
    const p = rows[key] ?? { end: 1 };
    return [specialWeight, specialWeight, p.end ?? 1e-6, 1e-6, p.x ?? 1e-6, p.y ?? 1e-6];
  };
}

/** The model's log-probability as the searches see it: rounded to float32. */
function float32LogProb(model: TableStepModel, prefix: readonly number[], next: number): number {
  return Math.fround(model.logProbs(0, prefix)[next]);
}

/**
 * Exhaustive search: every output of ≤ maxLength symbols from {UNK, x, y} followed by END, scored by
 * log p / (length + 1)^α with the model's float32 log-probabilities summed in float64 as the searches do.
 */
function bruteForce(model: TableStepModel, maxLength: number, alpha: number): { tokens: number[]; logProb: number } {
  let best = { tokens: [] as number[], logProb: -Infinity, score: -Infinity };
  const visit = (prefix: number[], logProb: number) => {
    const total = logProb + float32LogProb(model, prefix, END_ID);
    const score = total / (prefix.length + 1) ** alpha;
    if (score > best.score) best = { tokens: prefix, logProb: total, score };
    if (prefix.length === maxLength) return;
    for (const t of [UNK_ID, X, Y]) visit([...prefix, t], logProb + float32LogProb(model, prefix, t));
  };
  visit([], 0);
  return { tokens: best.tokens, logProb: best.logProb };
}

function summary(h: Hypothesis) {
  return { tokens: h.tokens, finished: h.finished, logProb: Number(h.logProb.toFixed(9)) };
}

describe('greedy decoding and beam search', () => {
  // Greedy takes x (0.5) then x (0.4) then END (1): p = 0.2. The better output is y END: 0.4 · 0.9 = 0.36.
  const trap = handTable({ '': { x: 0.5, y: 0.4, end: 0.1 }, x: { x: 0.4, y: 0.3, end: 0.3 }, y: { end: 0.9, x: 0.05, y: 0.05 } });

  it('greedy decoding follows the locally best symbol into a less probable output (hand-computed)', () => {
    const [h] = greedyDecode(new TableStepModel(V, 1, trap), { maxLength: 5 });
    expect(h.tokens).toEqual([X, X]);
    expect(h.finished).toBe(true);
    expect(Math.exp(h.logProb)).toBeCloseTo(0.2, 5);
  });

  it('beam search with K = 2 finds the more probable output and stops once nothing in the beam can beat it', () => {
    const model = new TableStepModel(V, 1, trap);
    const [h] = beamSearch(model, { beamWidth: 2, maxLength: 5, lengthPenalty: 0 });
    expect(h.tokens).toEqual([Y]);
    expect(Math.exp(h.logProb)).toBeCloseTo(0.36, 5);
    // Step 1: one row; step 2: rows x and y; then x x (p 0.2 < 0.36) cannot win, so there is no step 3.
    expect(model.rowsEvaluated).toBe(3);
  });

  it('length normalisation: α = 0 prefers the short output, α = 1 the long one with the better mean (hand-computed)', () => {
    // "" p = 0.5; x x x p = 0.5 · 0.9 · 0.9 · 1 = 0.405: per symbol (END counted) log 0.405 / 4 = −0.226 > log 0.5.
    const table = handTable({ '': { end: 0.5, x: 0.5 }, x: { x: 0.9, end: 0.1 }, xx: { x: 0.9, end: 0.1 }, xxx: { end: 1 } });
    const [short] = beamSearch(new TableStepModel(V, 1, table), { beamWidth: 3, maxLength: 6, lengthPenalty: 0 });
    expect(short.tokens).toEqual([]);
    expect(short.score).toBeCloseTo(Math.log(0.5), 5);
    const [long] = beamSearch(new TableStepModel(V, 1, table), { beamWidth: 3, maxLength: 6, lengthPenalty: 1 });
    expect(long.tokens).toEqual([X, X, X]);
    expect(long.score).toBeCloseTo(Math.log(0.405) / 4, 5);
  });

  it.each([0, 0.6, 1])('a beam wide enough to hold every prefix finds the exhaustive optimum (α = %s, 40 random models)', (alpha) => {
    for (let seed = 0; seed < 40; seed++) {
      const model = new TableStepModel(V, 1, randomTable(V, seed));
      const expected = bruteForce(model, 4, alpha);
      const [h] = beamSearch(model, { beamWidth: 3 ** 4, maxLength: 4, lengthPenalty: alpha });
      expect(h.tokens).toEqual(expected.tokens);
      expect(h.logProb).toBeCloseTo(expected.logProb, 9);
      expect(h.finished).toBe(true);
    }
  });

  it('beam search with K = 1 is greedy decoding, batch of sources, cut outputs and all (60 random models)', () => {
    for (let seed = 0; seed < 60; seed++) {
      const table = randomTable(V, 100 + seed);
      const options = { maxLength: 1 + (seed % 4) };
      const greedy = greedyDecode(new TableStepModel(V, 3, table), options);
      const beam = beamSearch(new TableStepModel(V, 3, table), { ...options, beamWidth: 1, lengthPenalty: 0 });
      expect(beam.map(summary)).toEqual(greedy.map(summary));
    }
  });

  it('never emits PAD or START even when the model gives them most of the probability', () => {
    const table = handTable({ '': { x: 0.1, end: 0.01 }, x: { end: 0.1 } }, 5);
    for (const h of [...greedyDecode(new TableStepModel(V, 1, table), { maxLength: 4 }), ...beamSearch(new TableStepModel(V, 1, table), { beamWidth: 3, maxLength: 4 })]) {
      expect(h.tokens).toEqual([X]);
    }
  });

  it('cuts an output that would go on past maxLength and marks it unfinished', () => {
    const endless: NextSymbolTable = () => [0, 0, 0.01, 0, 0.99, 0];
    const [g] = greedyDecode(new TableStepModel(V, 1, endless), { maxLength: 3 });
    const [b] = beamSearch(new TableStepModel(V, 1, endless), { beamWidth: 2, maxLength: 3, lengthPenalty: 0 });
    expect(summary(g)).toEqual({ tokens: [X, X, X], finished: false, logProb: Number((3 * Math.fround(Math.log(0.99))).toFixed(9)) });
    // The beam also holds finished outputs (x…x END, p ≈ 0.01): a finished one wins over the cut one.
    expect(b.finished).toBe(true);
    expect(b.tokens).toEqual([]);
  });

  it('decodes several sources together exactly as one at a time', () => {
    const table = randomTable(V, 7);
    const together = beamSearch(new TableStepModel(V, 4, table), { beamWidth: 3, maxLength: 5 });
    together.forEach((h, s) => {
      const alone = beamSearch(new TableStepModel(V, 1, (_src, prefix) => table(s, prefix)), { beamWidth: 3, maxLength: 5 });
      expect(summary(h)).toEqual(summary(alone[0]));
    });
  });

  it('refuses bad options with a clear message', () => {
    const model = new TableStepModel(V, 1, randomTable(V, 1));
    expect(() => beamSearch(model, { beamWidth: 0, maxLength: 3 })).toThrow(/beamWidth must be a positive integer, got 0/);
    expect(() => beamSearch(model, { beamWidth: 2, maxLength: 0 })).toThrow(/maxLength must be a positive integer, got 0/);
    expect(() => beamSearch(model, { beamWidth: 2, maxLength: 3, lengthPenalty: -1 })).toThrow(/lengthPenalty must be a finite number/);
    expect(() => greedyDecode(model, { maxLength: 1.5 })).toThrow(/maxLength must be a positive integer/);
  });
});
