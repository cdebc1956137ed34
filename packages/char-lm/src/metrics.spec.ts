import { CharLmError } from './errors';
import { bitsToNats, natsFromPerplexity, natsToBits, perplexity } from './metrics';

describe('loss units', () => {
  it('gives a uniform model over V characters log2(V) bits and perplexity V', () => {
    // Brute force: the mean negative log-likelihood of a uniform model over a 27-character text.
    const V = 27;
    const text = 'the quick brown fox jumps over the lazy dog';
    const nats = [...text].reduce((sum) => sum - Math.log(1 / V), 0) / text.length;
    expect(natsToBits(nats)).toBeCloseTo(Math.log2(V), 12);
    expect(perplexity(nats)).toBeCloseTo(V, 10);
  });

  it('converts one bit to ln 2 nats and back', () => {
    expect(natsToBits(Math.LN2)).toBeCloseTo(1, 15);
    expect(bitsToNats(1)).toBeCloseTo(Math.LN2, 15);
    for (const nats of [0, 0.5, 1.3, 4.2]) expect(bitsToNats(natsToBits(nats))).toBeCloseTo(nats, 14);
  });

  it('agrees that perplexity is 2 to the bits, and inverts it', () => {
    for (const nats of [0, 0.9, 1.5, 3]) {
      expect(perplexity(nats)).toBeCloseTo(2 ** natsToBits(nats), 10);
      expect(natsFromPerplexity(perplexity(nats))).toBeCloseTo(nats, 12);
    }
  });

  it('rejects negative or non-finite losses and perplexities below 1', () => {
    for (const bad of [-0.1, NaN, Infinity]) {
      expect(() => natsToBits(bad)).toThrow(CharLmError);
      expect(() => bitsToNats(bad)).toThrow(CharLmError);
      expect(() => perplexity(bad)).toThrow(/nats must be a finite number >= 0/);
    }
    for (const bad of [0.5, NaN, Infinity]) expect(() => natsFromPerplexity(bad)).toThrow(CharLmError);
  });
});
