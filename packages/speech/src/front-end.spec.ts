import { cmvn, mfcc, withDeltas } from '@rnnkit/audio-features';
import { createRng } from '@rnnkit/common';
import { DEFAULT_FRONT_END, defaultFrontEnd, extractFeatures, featureDim, speechRegion, stackFrames, trimRegion, type FrontEndConfig } from './front-end';
import { blockLevels } from './levels';
import { expectClose, toneClip } from '@rnnkit/test-utils';

const GAINS_DB = [-40, -30, -20, -10, 0];
const gained = (x: Float32Array, db: number) => x.map((v) => v * 10 ** (db / 20));

/** The features of `x` at every gain of GAINS_DB equal those at 0 dB within 1e-3 (float32 FFT and log rounding). */
function expectGainInvariant(x: Float32Array, frontEnd: FrontEndConfig): void {
  const reference0 = extractFeatures(x, frontEnd)!;
  for (const gainDb of GAINS_DB) {
    const features = extractFeatures(gained(x, gainDb), frontEnd)!;
    expect(features.steps).toBe(reference0.steps);
    expectClose(features.data, reference0.data, { atol: 1e-3 });
  }
}

/** One second of seeded noise at 0.05 RMS: white, or pink (−3 dB per octave, Paul Kellet's three-pole filter). */
function noise(kind: 'white' | 'pink', seed: number): Float32Array {
  const rng = createRng(seed);
  const p = [0, 0, 0];
  return Float32Array.from({ length: 8000 }, () => {
    const w = rng.normal();
    if (kind === 'white') return 0.05 * w;
    p[0] = 0.99765 * p[0] + w * 0.099046;
    p[1] = 0.963 * p[1] + w * 0.2965164;
    p[2] = 0.57 * p[2] + w * 1.0526913;
    return 0.02 * (p[0] + p[1] + p[2] + w * 0.1848);
  });
}

/** The reference pipeline spelled out with audio-features: region, relative trim, MFCC, deltas, CMVN, stack. */
function reference(x: Float32Array, lowHz?: number, highHz?: number): Float32Array {
  const region = speechRegion(x, config)!;
  const utterance = x.subarray(region.start, region.end);
  const trim = trimRegion(utterance, config)!;
  const frames = cmvn(withDeltas(mfcc(utterance.subarray(trim.start, trim.end), 8000, { lowHz, highHz })));
  return stackFrames(frames, config.stack).data;
}

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

  it('reports silence, a steady hum and noise alone as no speech, at any gain', () => {
    expect(speechRegion(new Float32Array(8000), config)).toBeNull();
    expect(speechRegion(new Float32Array(10), config)).toBeNull();
    const hum = Float32Array.from({ length: 8000 }, (_, n) => 1e-4 * Math.sin(n));
    for (const gainDb of GAINS_DB) {
      expect(speechRegion(gained(hum, gainDb), config)).toBeNull();
      for (const seed of [1, 2, 3]) {
        expect(speechRegion(gained(noise('white', seed), gainDb), config)).toBeNull();
        expect(speechRegion(gained(noise('pink', seed), gainDb), config)).toBeNull();
      }
    }
  });

  it('finds the same region at −40 … 0 dB: detection is relative to the recording\'s own floor', () => {
    const x = toneClip(4, 7, { leadMs: 400 });
    const region = speechRegion(x, config);
    expect(region).not.toBeNull();
    for (const gainDb of GAINS_DB) expect(speechRegion(gained(x, gainDb), config)).toEqual(region);
  });

  it('finds speech in a recording that starts mid-word (judged against its own quietest block)', () => {
    const x = toneClip(2, 3, { leadMs: 400 });
    const cut = x.subarray(400 * 8 + 1000);
    const region = speechRegion(cut, config);
    expect(region).not.toBeNull();
    expect(region!.start).toBe(0);
  });
});

describe('trimRegion', () => {
  it('keeps the blocks within trimDb of the loudest, plus the margin', () => {
    const x = toneClip(3, 1, { leadMs: 400, seconds: 0.5 });
    const region = trimRegion(x, config)!;
    expect(region.start).toBeGreaterThanOrEqual(3200 - 800 - 80);
    expect(region.start).toBeLessThanOrEqual(3200 - 800 + 160);
    expect(region.end).toBeLessThanOrEqual(7200 + 800 + 80);
    expect(region.end).toBeGreaterThanOrEqual(7200 + 800 - 160);
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
  // The front-end scales the trimmed utterance to a fixed level before the MFCC; after CMVN that changes only float
  // rounding (a gain moves every log energy by one constant, which the mean removes), hence 1e-4 and not 0.
  it('is MFCC + deltas, normalised per utterance, of the trimmed speech, stacked', () => {
    const x = toneClip(5, 2);
    const features = extractFeatures(x, config)!;
    const expected = reference(x);
    expect(features.dim).toBe(featureDim(config));
    expect(features.dim).toBe(117);
    expect(features.steps * features.dim).toBe(expected.length);
    expectClose(features.data, expected, { atol: 1e-4 });
  });

  it('computes the MFCCs over bandHz when it is set, as word mode does by default', () => {
    const x = toneClip(5, 2);
    const word = defaultFrontEnd('word');
    expect(word.bandHz).toEqual([200, 3300]);
    expect(defaultFrontEnd('sequence')).toEqual(DEFAULT_FRONT_END);
    expectClose(extractFeatures(x, word)!.data, reference(x, 200, 3300), { atol: 1e-4 });
    expect(extractFeatures(x, word)!.data).not.toEqual(extractFeatures(x, config)!.data);
  });

  it('does not depend on the input gain, even with digital silence in the utterance (−40 … 0 dB)', () => {
    // Exact zeros hit the log's floor (ln ε) whatever the gain; without the fixed-level scaling they would sit at a
    // gain-dependent distance below the speech and change every normalised value.
    const x = toneClip(6, 4);
    x.fill(0, 1200, 1500);
    x.fill(0, 0, 600);
    expectGainInvariant(x, config);
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

describe('extractFeatures with a dither floor', () => {
  const dithered = { ...config, dither: { colour: 'pink', belowPeakDb: 25 } } as const;

  it('changes the features, the same way every time', () => {
    const x = toneClip(5, 2);
    const features = extractFeatures(x, dithered)!;
    expect(features.steps).toBe(extractFeatures(x, config)!.steps);
    expect(features.data).not.toEqual(extractFeatures(x, config)!.data);
    expect(extractFeatures(x, dithered)!.data).toEqual(features.data);
  });

  it('does not depend on the input gain (−40 … 0 dB): the floor is laid after the level scaling', () => {
    const x = toneClip(6, 4);
    x.fill(0, 1200, 1500);
    expectGainInvariant(x, dithered);
  });

  it('still finds no speech in silence or noise alone, at any gain', () => {
    for (const gainDb of GAINS_DB) {
      expect(extractFeatures(new Float32Array(8000), dithered)).toBeNull();
      expect(extractFeatures(gained(noise('white', 4), gainDb), dithered)).toBeNull();
      expect(extractFeatures(gained(noise('pink', 5), gainDb), dithered)).toBeNull();
    }
  });
});
