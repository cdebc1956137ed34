import * as tf from '@tensorflow/tfjs-core';
import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { CtcInputError, ctcBeamSearchDecode, ctcGreedyDecode, type CtcScores } from './index';
import { labelingProbabilities, logSoftmax64 } from './testing/ctc-brute-force';

/** Log-probability rows where `path[t]` gets probability 0.7 and the other classes share the rest. */
function peaked(path: number[], classes: number): number[][] {
  return path.map((c) => Array.from({ length: classes }, (_, k) => Math.log(k === c ? 0.7 : 0.3 / (classes - 1))));
}

/** Brute-force labelings of one item sorted by decreasing probability (testing/ctc-brute-force.ts). */
function rankedLabelings(x: ArrayLike<number>, frames: number, classes: number, blank: number) {
  const probs = labelingProbabilities(logSoftmax64(x, 0, frames, classes), frames, classes, blank);
  return [...probs.entries()]
    .map(([key, p]) => ({ labels: key === '' ? [] : key.split(',').map(Number), logProb: Math.log(p) }))
    .sort((a, b) => b.logProb - a.logProb);
}

describe.each(BACKENDS_UNDER_TEST)('CTC decoding on %s', (backend) => {
  useBackend(backend);

  describe('ctcGreedyDecode', () => {
    it('takes the best class per frame, collapses repeats and drops blanks (hand-built paths)', () => {
      const a = peaked([1, 1, 0, 1, 2, 2, 0], 3); // blank 0 → 1 (repeat across a blank kept) 1 2
      const b = peaked([0, 0, 0, 0, 0, 0, 0], 3); // all blank → nothing
      expect(ctcGreedyDecode([a, b])).toEqual([[1, 1, 2], []]);
      const c = peaked([0, 0, 2, 0, 1, 1, 2], 3); // blank 2 → 0 0 1
      expect(ctcGreedyDecode([c], { blank: 2 })).toEqual([[0, 0, 1]]);
    });

    it('reads a tensor, nested arrays and a flat array alike, and honours inputLengths', () => {
      const rows = [peaked([1, 0, 2, 2], 3), peaked([2, 2, 1, 1], 3)];
      const flat = Float32Array.from(rows.flat(2));
      const forms: CtcScores[] = [rows, { values: flat, shape: [2, 4, 3] }];
      const tensor = tf.tensor3d(flat, [2, 4, 3]);
      forms.push(tensor);
      for (const scores of forms) {
        expect(ctcGreedyDecode(scores)).toEqual([[1, 2], [2, 1]]);
        expect(ctcGreedyDecode(scores, { inputLengths: [2, 0] })).toEqual([[1], []]);
      }
      tensor.dispose();
    });
  });

  describe('ctcBeamSearchDecode', () => {
    // Reference: brute-force sum over all classes^frames paths per labeling, in float64. With a beam wider than the
    // number of prefixes nothing is pruned, so the search must reproduce the ranking and log-probabilities exactly
    // (1e-9: both sides are float64 log-softmax of the same values).
    it.each([
      { frames: 4, classes: 3, blank: 0 },
      { frames: 5, classes: 3, blank: 1 },
      { frames: 5, classes: 4, blank: 3 },
    ])('with an unpruned beam finds the brute-force most probable labelings: %j', ({ frames, classes, blank }) => {
      for (const seed of [1, 2, 3, 4]) {
        const x = Float64Array.from(randomArray(frames * classes, seed * 31 + classes, 2));
        const expected = rankedLabelings(x, frames, classes, blank).slice(0, 3);
        const [got] = ctcBeamSearchDecode({ values: x, shape: [1, frames, classes] }, {
          blank,
          beamWidth: 1000,
          topPaths: 3,
        });
        expect(got.map((h) => h.labels)).toEqual(expected.map((h) => h.labels));
        expectClose(got.map((h) => h.logProb), expected.map((h) => h.logProb), { atol: 1e-9 });
      }
    });

    it('finds the best labeling where best-path decoding misses it, and beam width 1 does not (hand-computed)', () => {
      // Two frames, p(blank) = 0.6, p(1) = 0.4 each. Best path: blank blank → [] with p = 0.36. But [1] has
      // p = 0.4·0.4 + 0.4·0.6 + 0.6·0.4 = 0.64. Width 1 keeps only "" after frame 1 (0.6 > 0.4), so it returns [].
      const frame = [Math.log(0.6), Math.log(0.4)];
      const scores = [[frame, frame]];
      expect(ctcGreedyDecode(scores)).toEqual([[]]);
      const [[wide]] = ctcBeamSearchDecode(scores, { beamWidth: 2 });
      expect(wide.labels).toEqual([1]);
      expect(wide.logProb).toBeCloseTo(Math.log(0.64), 12);
      const [[narrow]] = ctcBeamSearchDecode(scores, { beamWidth: 1 });
      expect(narrow.labels).toEqual([]);
      expect(narrow.logProb).toBeCloseTo(Math.log(0.36), 12);
    });

    // Many seeds, because a pruned prefix re-entering the beam (whose stale state must be reset) is rare.
    it('with narrow beams returns distinct labelings, best first, each a lower bound (brute force)', () => {
      for (const [frames, classes] of [[5, 4], [5, 3], [4, 3]]) {
        for (let seed = 1; seed <= 150; seed++) {
          const x = Float64Array.from(randomArray(frames * classes, seed, 2));
          const exact = new Map(rankedLabelings(x, frames, classes, 0).map((r) => [r.labels.join(), r.logProb]));
          for (const beamWidth of [1, 2, 3]) {
            const scores = { values: x, shape: [1, frames, classes] as [number, number, number] };
            const [hyps] = ctcBeamSearchDecode(scores, { beamWidth, topPaths: beamWidth });
            const keys = hyps.map((h) => h.labels.join());
            expect(new Set(keys).size).toBe(keys.length);
            hyps.forEach((h, i) => {
              expect(h.logProb).toBeLessThanOrEqual(exact.get(keys[i])! + 1e-12);
              if (i > 0) expect(h.logProb).toBeLessThanOrEqual(hyps[i - 1].logProb);
            });
          }
        }
      }
    });

    it('with beam width 1 follows the greedy labeling on confident frames', () => {
      const confident = [[0, 2, 2, 0, 2, 1, 1, 3].map((c) => Array.from({ length: 4 }, (_, k) => (k === c ? 8 : 0)))];
      expect(ctcBeamSearchDecode(confident, { beamWidth: 1 })[0][0].labels).toEqual(ctcGreedyDecode(confident)[0]);
      expect(ctcGreedyDecode(confident)[0]).toEqual([2, 2, 1, 3]);
    });

    it('decodes a float32 tensor of logits per item with inputLengths (brute force, 1e-5)', () => {
      const [batch, time, classes] = [2, 5, 3];
      const x = randomArray(batch * time * classes, 9, 2);
      const logits = tf.tensor3d(x, [batch, time, classes]);
      const got = ctcBeamSearchDecode(logits, { beamWidth: 50, topPaths: 2, inputLengths: [5, 3] });
      logits.dispose();
      [5, 3].forEach((frames, b) => {
        const expected = rankedLabelings(x.subarray(b * time * classes), frames, classes, 0).slice(0, 2);
        expect(got[b].map((h) => h.labels)).toEqual(expected.map((h) => h.labels));
        expectClose(got[b].map((h) => h.logProb), expected.map((h) => h.logProb), { atol: 1e-5 });
      });
      const empty = { values: [], shape: [1, 0, 3] as [number, number, number] };
      expect(ctcBeamSearchDecode(empty, { topPaths: 2 })).toEqual([[{ labels: [], logProb: 0 }]]);
    });
  });

  it('decoders leave no tensor behind', async () => {
    const logits = tf.tensor3d(randomArray(2 * 4 * 3, 2, 1), [2, 4, 3]);
    await expectNoLeak(() => ctcGreedyDecode(logits));
    await expectNoLeak(() => ctcBeamSearchDecode(logits, { topPaths: 2 }));
    logits.dispose();
  });

  describe('rejects bad input with a CtcInputError naming the problem', () => {
    const ok = [peaked([1, 0], 3)];
    const cases: Array<[string, () => unknown, RegExp]> = [
      ['a rank-2 tensor', () => ctcGreedyDecode(tf.zeros([2, 3]) as unknown as tf.Tensor3D), /rank-3.*\[2, 3\]/],
      ['nested scores without frames', () => ctcGreedyDecode([[]]), /at least one frame/],
      ['ragged frames', () => ctcGreedyDecode([ok[0], [ok[0][0]]]), /scores\[1\] must hold 2 frames/],
      ['ragged classes', () => ctcGreedyDecode([[ok[0][0], [0, 1]]]), /scores\[0\]\[1\] must hold 3 class scores/],
      ['a short flat array', () => ctcGreedyDecode({ values: [1, 2], shape: [1, 1, 3] }), /has 2 entries.*needs 3/],
      ['a bad shape', () => ctcGreedyDecode({ values: [], shape: [1, -1, 3] as [number, number, number] }), /shape/],
      ['not scores at all', () => ctcGreedyDecode(42 as unknown as CtcScores), /must be a Tensor3D/],
      ['blank out of range', () => ctcBeamSearchDecode(ok, { blank: 3 }), /blank.*\[0, 3\).*3/],
      ['an input length past time', () => ctcGreedyDecode(ok, { inputLengths: [3] }), /inputLengths\[0\] = 3/],
      ['beam width 0', () => ctcBeamSearchDecode(ok, { beamWidth: 0 }), /beamWidth.*got 0/],
      ['topPaths above beamWidth', () => ctcBeamSearchDecode(ok, { beamWidth: 2, topPaths: 3 }), /topPaths.*got 3/],
    ];
    it.each(cases)('%s', (_name, call, message) => {
      tf.tidy(() => {
        expect(call).toThrow(CtcInputError);
        expect(call).toThrow(message);
      });
    });
  });
});
