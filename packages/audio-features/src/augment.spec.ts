import { applyBiquad, designBiquad } from './biquad';
import { addNoise, applyGain, augment, changeSpeed, timeShift } from './augment';
import { AudioFeaturesError } from './errors';
import { rms, sine, toneAmplitude } from './test-utils/signals';

const tone = sine(500, 8000, 8000, 0.5);

function snrDb(clean: ArrayLike<number>, noisy: ArrayLike<number>): number {
  const residual = Array.from(noisy, (v, i) => v - clean[i]);
  return 20 * Math.log10(rms(clean) / rms(residual));
}

describe('augmentation', () => {
  it.each([0, 10, 25])('adds white noise at exactly %i dB SNR', (snr) => {
    expect(snrDb(tone, addNoise(tone, snr, { seed: 4 }))).toBeCloseTo(snr, 3);
  });

  it('adds a given noise signal at the SNR, looped from a seeded offset', () => {
    const hum = sine(50, 8000, 1600, 1); // whole periods, so looping keeps the phase
    const noisy = addNoise(tone, 6, { seed: 1, noise: hum });
    expect(snrDb(tone, noisy)).toBeCloseTo(6, 3);
    expect(toneAmplitude(noisy.map((v, i) => v - tone[i]), 50, 8000, 0, 8000)).toBeGreaterThan(0.1);
    expect(() => addNoise(tone, 6, { noise: new Float32Array(10) })).toThrow(AudioFeaturesError);
  });

  it('is reproducible: the same seed gives the same noise, another seed different noise', () => {
    expect(Array.from(addNoise(tone, 10, { seed: 9 }))).toEqual(Array.from(addNoise(tone, 10, { seed: 9 })));
    expect(Array.from(addNoise(tone, 10, { seed: 9 }))).not.toEqual(Array.from(addNoise(tone, 10, { seed: 10 })));
    expect(Array.from(addNoise(new Float32Array(10), 10))).toEqual(new Array(10).fill(0));
  });

  it('applies gain in dB', () => {
    expect(toneAmplitude(applyGain(tone, -6.0206), 500, 8000, 0, 8000)).toBeCloseTo(0.25, 4);
  });

  it('shifts in time with zeros or wrapping, keeping the length', () => {
    const x = [1, 2, 3, 4, 5];
    expect(Array.from(timeShift(x, 2))).toEqual([0, 0, 1, 2, 3]);
    expect(Array.from(timeShift(x, -2))).toEqual([3, 4, 5, 0, 0]);
    expect(Array.from(timeShift(x, 2, { wrap: true }))).toEqual([4, 5, 1, 2, 3]);
    expect(Array.from(timeShift(x, -7, { wrap: true }))).toEqual([3, 4, 5, 1, 2]);
    expect(() => timeShift(x, 0.5)).toThrow(AudioFeaturesError);
  });

  it('changes speed: fewer samples and every frequency scaled, amplitude kept', () => {
    const fast = changeSpeed(tone, 1.25);
    expect(fast.length).toBe(6400);
    expect(toneAmplitude(fast, 625, 8000, 200, 6200)).toBeCloseTo(0.5, 3);
    expect(toneAmplitude(fast, 500, 8000, 200, 6200)).toBeLessThan(0.01);
  });

  it('augment() draws each effect from its range with the seed, reproducibly', () => {
    const options = { seed: 3, speed: [0.9, 1.1], shiftMs: [-50, 50], gainDb: [-6, 6], snrDb: [10, 20] } as const;
    const a = augment(tone, 8000, options);
    const b = augment(tone, 8000, options);
    expect(Array.from(a.samples)).toEqual(Array.from(b.samples));
    expect(a.applied.speed).toBeGreaterThanOrEqual(0.9);
    expect(a.applied.speed).toBeLessThanOrEqual(1.1);
    expect(a.samples.length).toBe(Math.round(8000 / a.applied.speed!));
    expect(a.applied.snrDb).toBeGreaterThanOrEqual(10);
    expect(augment(tone, 8000, { ...options, seed: 4 }).applied).not.toEqual(a.applied);
    expect(Array.from(augment(tone, 8000, { seed: 1 }).samples)).toEqual(Array.from(tone));
  });

  it('augment() colours the signal with the drawn high pass, low pass and peaking band', () => {
    const options = { seed: 5, highPassHz: [50, 300], lowPassHz: [2500, 3500], peak: { gainDb: [-9, 9], hz: [300, 3000] } } as const;
    const { samples, applied } = augment(tone, 8000, options);
    expect(applied.highPassHz).toBeGreaterThanOrEqual(50);
    expect(applied.lowPassHz).toBeLessThanOrEqual(3500);
    expect(applied.peak!.hz).toBeGreaterThanOrEqual(300);
    // Reference: the same three sections applied one after another.
    const sections = [
      designBiquad('highPass', 8000, applied.highPassHz!),
      designBiquad('lowPass', 8000, applied.lowPassHz!),
      designBiquad('peaking', 8000, applied.peak!.hz, { gainDb: applied.peak!.gainDb, q: 1 }),
    ];
    const expected = sections.reduce<Float32Array>((x, section) => applyBiquad(x, section), Float32Array.from(tone));
    expect(Array.from(samples)).toEqual(Array.from(expected));
  });
});
