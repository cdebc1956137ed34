import { CharLmError } from './errors';
import { createRng } from '@rnnkit/common';
import { sample, samplingDistribution, type SamplingOptions } from './sampling';

/** Plain softmax as the independent reference (inputs here are small, so no max subtraction is needed). */
function softmax(v: readonly number[]): number[] {
  const e = v.map(Math.exp);
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}

function frequencies(scores: readonly number[], options: SamplingOptions, draws: number, seed: number): number[] {
  const rng = createRng(seed);
  const counts = new Array<number>(scores.length).fill(0);
  for (let i = 0; i < draws; i++) counts[sample(scores, rng, options)]++;
  return counts.map((c) => c / draws);
}

/** Each frequency within 5 binomial standard deviations, sqrt(p(1-p)/N), of its probability; 0 stays exactly 0. */
function expectFrequencies(freq: readonly number[], probs: ArrayLike<number>, draws: number): void {
  for (let i = 0; i < freq.length; i++) {
    const p = probs[i];
    if (p === 0) expect(freq[i]).toBe(0);
    else expect(Math.abs(freq[i] - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / draws));
  }
}

function support(probs: ArrayLike<number>): number[] {
  return Array.from(probs, (p, i) => (p > 0 ? i : -1)).filter((i) => i >= 0);
}

const LOGITS = [0.3, 2.1, -1.0, 1.4, 0.9, -0.2];

describe('samplingDistribution', () => {
  it('is the softmax of the logits by default', () => {
    const expected = softmax(LOGITS);
    samplingDistribution(LOGITS).forEach((p, i) => expect(p).toBeCloseTo(expected[i], 12));
  });

  it('divides logits by the temperature, and raises probabilities to 1/temperature', () => {
    const sharp = softmax(LOGITS.map((l) => l / 0.5));
    samplingDistribution(LOGITS, { temperature: 0.5 }).forEach((p, i) => expect(p).toBeCloseTo(sharp[i], 12));
    const probs = [0.1, 0.2, 0.3, 0.4];
    const squared = probs.map((p) => p * p);
    const total = squared.reduce((a, b) => a + b, 0);
    samplingDistribution(probs, { input: 'probabilities', temperature: 0.5 }).forEach((p, i) =>
      expect(p).toBeCloseTo(squared[i] / total, 12),
    );
  });

  it('renormalises probabilities that do not sum to 1', () => {
    const got = samplingDistribution([2, 0, 6], { input: 'probabilities' });
    [0.25, 0, 0.75].forEach((p, i) => expect(got[i]).toBeCloseTo(p, 12));
  });

  it('keeps exactly the k most likely ids for top-k, renormalised', () => {
    const p = softmax(LOGITS);
    for (let k = 1; k <= LOGITS.length + 1; k++) {
      const best = [...p.keys()].sort((a, b) => p[b] - p[a]).slice(0, k);
      const mass = best.reduce((s, i) => s + p[i], 0);
      const got = samplingDistribution(LOGITS, { topK: k });
      expect(support(got)).toEqual([...best].sort((a, b) => a - b));
      for (const i of best) expect(got[i]).toBeCloseTo(p[i] / mass, 12);
    }
  });

  it('breaks top-k ties in favour of the lower id', () => {
    expect(support(samplingDistribution([1, 2, 2, 2], { topK: 2 }))).toEqual([1, 2]);
  });

  it('keeps for top-p the smallest set reaching p, found by brute force over every subset', () => {
    const p = softmax(LOGITS);
    const n = p.length;
    for (const topP of [0.05, 0.3, 0.5, 0.62, 0.8, 0.95, 0.999, 1]) {
      // Among all subsets with mass >= topP, the smallest; among equally small ones, the heaviest.
      let best: number[] = [];
      let bestMass = -1;
      for (let mask = 1; mask < 1 << n; mask++) {
        const members = [...Array(n).keys()].filter((i) => mask & (1 << i));
        const mass = members.reduce((s, i) => s + p[i], 0);
        if (mass < topP - 1e-12) continue;
        if (bestMass < 0 || members.length < best.length || (members.length === best.length && mass > bestMass)) {
          best = members;
          bestMass = mass;
        }
      }
      const got = samplingDistribution(LOGITS, { topP });
      expect(support(got)).toEqual(best);
      for (const i of best) expect(got[i]).toBeCloseTo(p[i] / bestMass, 12);
    }
  });

  it('applies top-p after top-k, to the renormalised top-k distribution', () => {
    // After top-2 the first id has 0.4 / 0.7 = 0.57 >= 0.5, so top-p keeps only it.
    const probs = [0.4, 0.3, 0.2, 0.1];
    expect(support(samplingDistribution(probs, { input: 'probabilities', topK: 2, topP: 0.5 }))).toEqual([0]);
    expect(support(samplingDistribution(probs, { input: 'probabilities', topP: 0.5 }))).toEqual([0, 1]);
  });

  it('approaches argmax as the temperature goes to 0, without NaN at extreme values', () => {
    const argmax = LOGITS.indexOf(Math.max(...LOGITS));
    const mass = [1, 0.5, 0.1, 0.01].map((temperature) => samplingDistribution(LOGITS, { temperature })[argmax]);
    for (let i = 1; i < mass.length; i++) expect(mass[i]).toBeGreaterThan(mass[i - 1]);
    // The runner-up is 0.7 below the best, so at T = 0.01 the rest weigh about exp(-70) in all.
    expect(mass[3]).toBeGreaterThan(1 - 1e-12);
    expect(Array.from(samplingDistribution([3, 1, 3], { temperature: 1e-300 }))).toEqual([0.5, 0, 0.5]);
    expect(Array.from(samplingDistribution([1e30, -1e30], { temperature: 1e-30 }))).toEqual([1, 0]);
  });

  it('gives -Infinity logits and zero probabilities no chance', () => {
    expect(samplingDistribution([-Infinity, 0, 0])[0]).toBe(0);
    expect(samplingDistribution([0, 1, 0], { input: 'probabilities', temperature: 3 })[0]).toBe(0);
  });

  it('rejects bad options and bad scores with typed errors', () => {
    const codeOf = (scores: number[], options: SamplingOptions) => {
      try {
        samplingDistribution(scores, options);
      } catch (error) {
        if (error instanceof CharLmError) return error.code;
        throw error;
      }
      return 'no error';
    };
    for (const temperature of [0, -1, NaN, Infinity]) expect(codeOf([1, 2], { temperature })).toBe('BAD_OPTION');
    for (const topK of [0, -1, 1.5, NaN]) expect(codeOf([1, 2], { topK })).toBe('BAD_OPTION');
    for (const topP of [0, -0.5, 1.1, NaN]) expect(codeOf([1, 2], { topP })).toBe('BAD_OPTION');
    expect(codeOf([1, 2], { input: 'odds' as 'logits' })).toBe('BAD_OPTION');
    expect(codeOf([], {})).toBe('BAD_SCORES');
    expect(codeOf([1, NaN], {})).toBe('BAD_SCORES');
    expect(codeOf([1, Infinity], {})).toBe('BAD_SCORES');
    expect(codeOf([-Infinity, -Infinity], {})).toBe('BAD_SCORES');
    expect(codeOf([0.5, -0.1], { input: 'probabilities' })).toBe('BAD_SCORES');
    expect(codeOf([0, 0], { input: 'probabilities' })).toBe('BAD_SCORES');
    expect(() => samplingDistribution([1], { temperature: 0 })).toThrow(
      'temperature must be a finite number > 0, got 0',
    );
  });
});

describe('sample', () => {
  const DRAWS = 40_000;

  it('draws with frequencies that converge to the distribution', () => {
    const freq = frequencies(LOGITS, {}, DRAWS, 1);
    expectFrequencies(freq, softmax(LOGITS), DRAWS);
  });

  it('never picks outside the top k, and matches the renormalised top-k distribution', () => {
    const options = { topK: 3, temperature: 1.3 };
    const freq = frequencies(LOGITS, options, DRAWS, 2);
    const scaled = softmax(LOGITS.map((l) => l / 1.3));
    const top = [...scaled.keys()].sort((a, b) => scaled[b] - scaled[a]).slice(0, 3);
    const mass = top.reduce((s, i) => s + scaled[i], 0);
    const expected = scaled.map((p, i) => (top.includes(i) ? p / mass : 0));
    expectFrequencies(freq, expected, DRAWS);
  });

  it('never picks outside the top-p nucleus', () => {
    const options = { topP: 0.8 };
    const freq = frequencies(LOGITS, options, DRAWS, 3);
    expectFrequencies(freq, samplingDistribution(LOGITS, options), DRAWS);
    expect(support(freq)).toEqual(support(samplingDistribution(LOGITS, options)));
    expect(support(freq).length).toBeLessThan(LOGITS.length);
  });

  it('picks the argmax every time at a very low temperature', () => {
    const argmax = LOGITS.indexOf(Math.max(...LOGITS));
    const freq = frequencies(LOGITS, { temperature: 0.01 }, 2_000, 4);
    expect(freq[argmax]).toBe(1);
  });

  it('is reproducible for a seed', () => {
    const run = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 200 }, () => sample(LOGITS, rng, { temperature: 1.5 }));
    };
    expect(run(9)).toEqual(run(9));
    expect(run(9)).not.toEqual(run(10));
  });

  it('accepts a Float32Array of logits', () => {
    const logits = Float32Array.from([0, 5, 0]);
    expect(sample(logits, createRng(0), { topK: 1 })).toBe(1);
  });
});
