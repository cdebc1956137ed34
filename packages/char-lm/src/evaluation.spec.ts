import { tf, type SequenceModel } from '@rnnkit/rnn-core';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { evaluateIds, evaluateText } from './evaluation';
import { createCharModel } from './model';
import { perturbWeights } from './test-utils/perturb';
import { Vocabulary } from './vocabulary';

/**
 * Independent reference: the negative log-likelihood of ids[t + 1] at every position t of one piece of text,
 * from ONE model.apply over the whole piece from a zero state (no windows, no carried state), with the
 * log-softmax done in float64 in JS.
 */
function positionNats(model: SequenceModel, ids: Int32Array): number[] {
  const n = ids.length - 1;
  const logits = tf.tidy(() => model.predict(tf.tensor2d(ids.subarray(0, n), [1, n], 'int32'))).dataSync();
  const V = logits.length / n;
  return Array.from({ length: n }, (_, t) => {
    const row = Array.from(logits.subarray(t * V, (t + 1) * V));
    const max = Math.max(...row);
    return max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) - row[ids[t + 1]];
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const pieceNats = (model: SequenceModel, ids: Int32Array) => sum(positionNats(model, ids));

describe('evaluateIds', () => {
  useBackend('cpu');
  const vocabulary = Vocabulary.fromCorpus('the quick brown fox jumps over a lazy dog.\n');
  const text = 'the lazy dog jumps over the quick brown fox.\na quick fox.\n'.repeat(2);
  const ids = vocabulary.encode(text).ids;
  let model: SequenceModel;
  beforeAll(() => {
    model = createCharModel(vocabulary.size, { hidden: 12, layers: 2, embedding: 5, seed: 3 });
    perturbWeights(model);
  });
  afterAll(() => model.dispose());

  it('with one stream and short windows equals one pass over the whole text: the state carries across windows', () => {
    const { nats, chars } = evaluateIds(model, ids, { batchSize: 1, seqLen: 7 });
    expect(chars).toBe(ids.length - 1);
    // float32 logits, float64 sums over ~115 characters: 1e-4 relative.
    expect(nats).toBeCloseTo(pieceNats(model, ids), 3);
  });

  it('without warm-up, equals the streams evaluated apart from zero states, the leftover continuing the last one', () => {
    const streams = 4;
    const L = Math.floor((ids.length - 1) / streams);
    let expected = 0;
    for (let b = 0; b < streams - 1; b++) expected += pieceNats(model, ids.subarray(b * L, (b + 1) * L + 1));
    expected += pieceNats(model, ids.subarray((streams - 1) * L)); // last stream plus the leftover positions
    expect((ids.length - 1) % streams).not.toBe(0); // the leftover path is exercised
    const { nats, chars } = evaluateIds(model, ids, { batchSize: streams, seqLen: 5, warmup: 0 });
    expect(chars).toBe(ids.length - 1);
    expect(nats).toBeCloseTo(expected, 3);
  });

  it('with warm-up, each stream after the first reads the characters before its part first, unscored', () => {
    const streams = 4;
    const W = 9;
    const L = Math.floor((ids.length - 1) / streams);
    let expected = sum(positionNats(model, ids.subarray(0, L + 1)));
    for (let b = 1; b < streams; b++) {
      const end = b === streams - 1 ? ids.length : (b + 1) * L + 1; // the last stream takes the leftover too
      expected += sum(positionNats(model, ids.subarray(b * L - W, end)).slice(W));
    }
    const { nats, chars } = evaluateIds(model, ids, { batchSize: streams, seqLen: 5, warmup: W });
    expect(chars).toBe(ids.length - 1);
    expect(nats).toBeCloseTo(expected, 3);
  });

  it('gives every stream at least one window, and with a warm-up as long as a stream equals one pass', () => {
    const two = ids.subarray(0, 2);
    expect(evaluateIds(model, two, { batchSize: 32 }).nats).toBeCloseTo(pieceNats(model, two), 4);
    const short = ids.subarray(0, 40);
    expect(evaluateIds(model, short, { batchSize: 32, seqLen: 20 }).nats).toBeCloseTo(pieceNats(model, short), 4);
    // 39 positions, seqLen 19: two streams of 19 (and one leftover); stream 1 warms up on all of stream 0's text.
    expect(evaluateIds(model, short, { batchSize: 32, seqLen: 19 }).nats).toBeCloseTo(pieceNats(model, short), 4);
    const halves = pieceNats(model, short.subarray(0, 20)) + pieceNats(model, short.subarray(19));
    expect(evaluateIds(model, short, { batchSize: 32, seqLen: 19, warmup: 0 }).nats).toBeCloseTo(halves, 4);
  });

  it('refuses a text shorter than 2 characters and bad options', () => {
    expect(() => evaluateIds(model, ids.subarray(0, 1))).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => evaluateIds(model, ids, { seqLen: 0 })).toThrow(/seqLen/);
    expect(() => evaluateIds(model, ids, { batchSize: 1.5 })).toThrow(/batchSize/);
    expect(() => evaluateIds(model, ids, { warmup: -1 })).toThrow(/warmup/);
  });

  it('leaves no tensor behind', async () => {
    await expectNoLeak(() => evaluateIds(model, ids, { batchSize: 3, seqLen: 4 }));
    await expectNoLeak(() => evaluateIds(model, ids, { batchSize: 3, seqLen: 4, warmup: 0 }));
  });

  it('evaluateText reports nats, bits and unknown characters (scored as UNK, not dropped)', () => {
    const odd = 'the fox ate a café. XY';
    const result = evaluateText(model, vocabulary, odd, { batchSize: 2, seqLen: 4 });
    expect(result.chars).toBe([...odd].length - 1);
    expect(result.unknownCount).toBe(3);
    expect([...result.unknown]).toEqual([['é', 1], ['X', 1], ['Y', 1]]);
    expect(result.natsPerChar).toBeCloseTo(evaluateIds(model, vocabulary.encode(odd).ids, { batchSize: 2, seqLen: 4 }).nats / result.chars, 6);
    expect(result.bitsPerChar).toBeCloseTo(result.natsPerChar / Math.LN2, 9);
  });
});
