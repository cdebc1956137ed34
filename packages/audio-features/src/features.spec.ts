import { logMelEnergies, mfcc } from './features';
import { frameCount, frameGeometry } from './framing';
import { resolveOptions } from './options';
import { noise, sine } from './test-utils/signals';

const LOG_FLOOR = Math.log(Number.EPSILON);

function allFinite(frames: Float32Array[]): boolean {
  return frames.every((f) => f.every((v) => Number.isFinite(v)));
}

describe('framing', () => {
  it('rounds window and hop halves up, as the psf definition does', () => {
    expect(frameGeometry(8000, 25, 10)).toEqual({ frameLength: 200, hopLength: 80 });
    expect(frameGeometry(44100, 25, 10)).toEqual({ frameLength: 1103, hopLength: 441 });
    expect(frameGeometry(22050, 25, 10)).toEqual({ frameLength: 551, hopLength: 221 });
  });

  it('counts frames so the last sample is covered, padding the last frame', () => {
    const g = { frameLength: 400, hopLength: 160 };
    expect([0, 1, 399, 400, 401, 560, 561, 16000].map((n) => frameCount(n, g))).toEqual([0, 1, 1, 1, 2, 2, 3, 99]);
  });

  it('gives mfcc() exactly that many frames of numCeps values', () => {
    for (const n of [1, 399, 400, 401, 561, 5000]) {
      const frames = mfcc(noise(n, n), 16000, { numCeps: 12 });
      expect(frames.length).toBe(frameCount(n, { frameLength: 400, hopLength: 160 }));
      expect(frames.every((f) => f.length === 12)).toBe(true);
    }
  });
});

describe('options', () => {
  it('fills in psf defaults and grows the default FFT to hold long windows', () => {
    expect(resolveOptions(16000)).toMatchObject({
      flavour: 'psf', numCeps: 13, numFilters: 26, nfft: 512, frameLength: 400, hopLength: 160, preEmphasis: 0.97, lifter: 22, useEnergy: true,
    });
    expect(resolveOptions(44100).nfft).toBe(2048);
    expect(resolveOptions(48000, { winMs: 10 }).nfft).toBe(512);
  });

  it.each([
    [{ nfft: 256 }, /shorter than the 400-sample window/],
    [{ nfft: 600 }, /power of two/],
    [{ numCeps: 27 }, /numCeps/],
    [{ numFilters: 0 }, /numFilters/],
    [{ winMs: -1 }, /winMs/],
    [{ hopMs: NaN }, /hopMs/],
    [{ flavour: 'htk' }, /flavour/],
    [{ flavour: 'meyda', lifter: 22 }, /psf flavour only/],
    [{ flavour: 'meyda', highHz: 3000 }, /psf flavour only/],
    [{ highHz: 9000 }, /highHz must be a number from 0 to 8000/],
    [{ lowHz: 3000, highHz: 2000 }, /lowHz must be a number from 0 to 2000/],
    [{ lowHz: 500, highHz: 500 }, /band is empty/],
    [{ flavour: 'meyda', numCeps: 41, numFilters: 64 }, /numCeps/],
  ])('rejects %j with a typed error', (options, message) => {
    expect(() => resolveOptions(16000, options as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => resolveOptions(16000, options as never)).toThrow(message);
  });
});

describe('edge cases', () => {
  it('a signal shorter than one frame gives one zero-padded frame', () => {
    const frames = mfcc(noise(100, 1), 16000);
    expect(frames.length).toBe(1);
    expect(allFinite(frames)).toBe(true);
  });

  it('an empty signal gives no frames', () => {
    expect(mfcc(new Float32Array(0), 16000)).toEqual([]);
    expect(logMelEnergies([], 8000)).toEqual([]);
  });

  it('digital silence gives the log floor, never -Infinity or NaN, in both flavours', () => {
    const silence = new Float32Array(4000);
    const psf = mfcc(silence, 16000);
    expect(allFinite(psf)).toBe(true);
    for (const f of psf) {
      expect(f[0]).toBeCloseTo(LOG_FLOOR, 5);
      // A constant log spectrum has no higher cepstra.
      for (let c = 1; c < f.length; c++) expect(Math.abs(f[c])).toBeLessThan(1e-4);
    }
    expect(logMelEnergies(silence, 16000).every((f) => f.every((v) => Math.abs(v - LOG_FLOOR) < 1e-5))).toBe(true);
    const meyda = mfcc(silence, 16000, { flavour: 'meyda' });
    expect(meyda.every((f) => f.every((v) => v === 0))).toBe(true);
  });

  it('DC offset and clipping give finite features, and DC shows up in the lowest band', () => {
    const clipped = sine(300, 16000, 4000, 1.4).map((v) => Math.max(-1, Math.min(1, v + 0.3)));
    for (const flavour of ['psf', 'meyda'] as const) expect(allFinite(mfcc(clipped, 16000, { flavour }))).toBe(true);
    const dc = new Float32Array(4000).fill(0.5);
    const bands = logMelEnergies(dc, 16000, { preEmphasis: 0 });
    const middle = bands[10];
    expect(middle[0]).toBe(Math.max(...middle));
  });

  it('options change the output the way the definition says', () => {
    const x = noise(3200, 5);
    const plain = mfcc(x, 16000, { lifter: 0 });
    const lifted = mfcc(x, 16000);
    // Lifter weight for c3 with L = 22: 1 + 11·sin(3π/22).
    expect(lifted[5][3] / plain[5][3]).toBeCloseTo(1 + 11 * Math.sin((3 * Math.PI) / 22), 4);
    expect(lifted[5][0]).toBe(plain[5][0]);
    const noEnergy = mfcc(x, 16000, { useEnergy: false });
    expect(noEnergy[5][0]).not.toBeCloseTo(lifted[5][0], 2);
    expect(noEnergy[5][1]).toBe(lifted[5][1]);
  });
});
