import { cmvn, RunningCmvn } from './cmvn';
import { createRng } from '@rnnkit/common';
import { expectClose } from '@rnnkit/test-utils';

function randomFrames(count: number, dim: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Array.from({ length: dim }, (_, i) => 5 * i - 3 + (i + 1) * rng.normal()));
}

/** Reference: mean and population standard deviation of column i over rows [0, upTo], two-pass. */
function stats(frames: number[][], upTo: number, i: number): [number, number] {
  const column = frames.slice(0, upTo + 1).map((f) => f[i]);
  const mean = column.reduce((a, b) => a + b, 0) / column.length;
  const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
  return [mean, Math.sqrt(variance)];
}

describe('cmvn', () => {
  const frames = randomFrames(200, 5, 1);

  it('gives every dimension zero mean and unit variance over the utterance', () => {
    const out = cmvn(frames);
    for (let i = 0; i < 5; i++) {
      const [mean, std] = stats(out.map((f) => Array.from(f)), out.length - 1, i);
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(std).toBeCloseTo(1, 5);
    }
  });

  it('subtracts the mean only when variance is off', () => {
    const out = cmvn(frames, { variance: false });
    const [mean] = stats(frames, frames.length - 1, 2);
    expect(out[7][2]).toBeCloseTo(frames[7][2] - mean, 4);
  });

  it('leaves constant dimensions at zero instead of NaN', () => {
    const out = cmvn([[1, 2], [1, 4], [1, 6]]);
    expect(out.map((f) => f[0])).toEqual([0, 0, 0]);
  });
});

describe('RunningCmvn', () => {
  const frames = randomFrames(60, 4, 2);

  it('normalises each frame by the statistics of the frames so far', () => {
    const running = new RunningCmvn(4);
    frames.forEach((frame, t) => {
      const out = running.push(frame);
      const expected = frame.map((v, i) => {
        const [mean, std] = stats(frames, t, i);
        return (v - mean) / Math.sqrt(std * std + 1e-10);
      });
      expectClose(out, expected, { atol: 1e-4, rtol: 1e-5, label: `frame ${t}` });
    });
  });

  it('ends with the per-utterance statistics', () => {
    const running = new RunningCmvn(4);
    frames.forEach((f) => running.update(f));
    expectClose(running.normalize(frames[10]), cmvn(frames)[10], { atol: 1e-5 });
  });

  it('rejects frames of the wrong size', () => {
    expect(() => new RunningCmvn(3).push([1, 2])).toThrow(/expected 3/);
  });
});
