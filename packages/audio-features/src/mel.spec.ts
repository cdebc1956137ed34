import { hzToMel, melToHz, psfMelFilters } from './mel';

describe('mel scale and filters', () => {
  it('uses 2595·log10(1 + f/700) and inverts it', () => {
    expect(hzToMel(700)).toBeCloseTo(2595 * Math.log10(2), 10);
    expect(hzToMel(1000)).toBeCloseTo(1000, 0);
    for (const f of [0, 123, 4000, 22050]) expect(melToHz(hzToMel(f))).toBeCloseTo(f, 8);
  });

  it('builds triangles between floor((nfft+1)·f/sr) edges from 0 Hz to Nyquist', () => {
    const filters = psfMelFilters(26, 512, 8000);
    expect(filters.length).toBe(26);
    expect(filters[0].start).toBe(0);
    const last = filters[25];
    // The top edge is floor(513 · 4000 / 8000) = 256, excluded.
    expect(last.start + last.weights.length).toBe(256);
    for (const { weights } of filters) {
      expect(weights[0]).toBe(0);
      expect(Math.max(...weights)).toBe(1);
    }
    // Neighbours overlap: each filter's peak bin is where the next one starts.
    for (let j = 0; j + 1 < filters.length; j++) {
      const peak = filters[j].start + filters[j].weights.indexOf(1);
      expect(filters[j + 1].start).toBe(peak);
    }
  });

  it('spaces the edges evenly in mel between lowHz and highHz when given', () => {
    const [low, high, nfft, rate] = [300, 3400, 512, 8000];
    const filters = psfMelFilters(20, nfft, rate, low, high);
    const edgeBin = (i: number) => {
      const mel = hzToMel(low) + (i * (hzToMel(high) - hzToMel(low))) / 21;
      return Math.floor(((nfft + 1) * melToHz(mel)) / rate);
    };
    expect(filters[0].start).toBe(edgeBin(0));
    expect(filters[0].start).toBe(Math.floor((513 * 300) / 8000));
    filters.forEach((filter, j) => expect(filter.start).toBe(edgeBin(j)));
    const last = filters[19];
    expect(last.start + last.weights.length).toBe(Math.floor((513 * 3400) / 8000));
  });

  it('leaves a filter empty when its edges coincide (many filters, small FFT)', () => {
    const filters = psfMelFilters(40, 64, 16000);
    expect(filters.some((f) => f.weights.every((w) => w === 0))).toBe(true);
  });
});
