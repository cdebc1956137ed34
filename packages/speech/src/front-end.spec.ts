import { cmvn, mfcc, withDeltas } from '@rnnkit/audio-features';
import { blockLevels, DEFAULT_FRONT_END, defaultFrontEnd, extractFeatures, featureDim, speechRegion, stackFrames } from './front-end';
import { expectClose, toneClip } from '@rnnkit/test-utils';

const config = { ...DEFAULT_FRONT_END };

describe('blockLevels', () => {
  it('gives the level of a sine in dBFS: 20·log10(A/√2)', () => {
    // 500 Hz at 8 kHz repeats every 16 samples, so each 80-sample block holds whole periods.
    const x = Float32Array.from({ length: 800 }, (_, n) => 0.5 * Math.sin((2 * Math.PI * 500 * n) / 8000));
    const levels = blockLevels(x, 8000);
    expect(levels.length).toBe(10);
    expectClose(Array.from(levels), new Array(10).fill(20 * Math.log10(0.5 / Math.SQRT2)), { atol: 0.05 });
  });
});

describe('speechRegion', () => {
  it('finds the tone inside silence, with the margin either side', () => {
    const x = toneClip(3, 1, { leadMs: 400, seconds: 0.5 });
    const region = speechRegion(x, config);
    expect(region).not.toBeNull();
    // The tone occupies 3200–7200; its sine envelope is within 35 dB of the peak from about 1.1% in.
    expect(region!.start).toBeGreaterThanOrEqual(3200 - 800 - 80);
    expect(region!.start).toBeLessThanOrEqual(3200 - 800 + 160);
    expect(region!.end).toBeLessThanOrEqual(7200 + 800 + 80);
    expect(region!.end).toBeGreaterThanOrEqual(7200 + 800 - 160);
  });

  it('reports silence and near-silence as no speech', () => {
    expect(speechRegion(new Float32Array(8000), config)).toBeNull();
    const hiss = Float32Array.from({ length: 8000 }, (_, n) => 1e-4 * Math.sin(n));
    expect(speechRegion(hiss, config)).toBeNull();
    expect(speechRegion(new Float32Array(10), config)).toBeNull();
  });
});

describe('stackFrames', () => {
  it('concatenates runs of frames and repeats the last frame to fill the final run', () => {
    const frames = [1, 2, 3, 4, 5].map((v) => Float32Array.from([v, -v]));
    const stacked = stackFrames(frames, 2);
    expect(stacked.steps).toBe(3);
    expect(stacked.dim).toBe(4);
    expect(Array.from(stacked.data)).toEqual([1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 5, -5]);
  });
});

describe('extractFeatures', () => {
  it('is MFCC + deltas, normalised per utterance, of the trimmed speech, stacked', () => {
    const x = toneClip(5, 2);
    const features = extractFeatures(x, config)!;
    const region = speechRegion(x, config)!;
    // Reference: the same steps spelled out with audio-features directly.
    const frames = cmvn(withDeltas(mfcc(x.subarray(region.start, region.end), 8000)));
    const expected = stackFrames(frames, config.stack);
    expect(features.dim).toBe(featureDim(config));
    expect(features.dim).toBe(117);
    expect(features.steps).toBe(Math.ceil(frames.length / 3));
    expectClose(features.data, expected.data, { atol: 0 });
  });

  it('computes the MFCCs over bandHz when it is set, as word mode does by default', () => {
    const x = toneClip(5, 2);
    const word = defaultFrontEnd('word');
    expect(word.bandHz).toEqual([200, 3300]);
    expect(defaultFrontEnd('sequence')).toEqual(DEFAULT_FRONT_END);
    const region = speechRegion(x, word)!;
    const frames = cmvn(withDeltas(mfcc(x.subarray(region.start, region.end), 8000, { lowHz: 200, highHz: 3300 })));
    expectClose(extractFeatures(x, word)!.data, stackFrames(frames, config.stack).data, { atol: 0 });
    expect(extractFeatures(x, word)!.data).not.toEqual(extractFeatures(x, config)!.data);
  });

  it('gives each dimension zero mean and unit variance before stacking', () => {
    const features = extractFeatures(toneClip(2, 3), { ...config, stack: 1 })!;
    for (let d = 0; d < features.dim; d += 7) {
      let mean = 0;
      let square = 0;
      for (let t = 0; t < features.steps; t++) {
        mean += features.data[t * features.dim + d] / features.steps;
        square += features.data[t * features.dim + d] ** 2 / features.steps;
      }
      expect(Math.abs(mean)).toBeLessThan(1e-4);
      expect(Math.abs(square - mean * mean - 1)).toBeLessThan(1e-3);
    }
  });

  it('returns null for silence', () => {
    expect(extractFeatures(new Float32Array(4000), config)).toBeNull();
  });
});
