import Meyda from 'meyda';
import { mfcc } from './features';
import { expectClose } from '@rnnkit/test-utils';
import { noise, sine } from './test-utils/signals';

/**
 * Meyda 5.6.3's MFCC written out from the quirks the README documents, with a naive DFT: symmetric Hann window
 * over the whole buffer, |X|² of the first B/2 bins (no 1/N), mel = 1125·ln(1 + f/700), edges
 * floor((B+1)·f/sr), ln(energy + 1), unnormalised DCT-II with factor 2. If the flavour or the README drifts
 * from Meyda, this fails.
 */
function documentedMeyda(frame: ArrayLike<number>, sampleRate: number, bufferSize: number, numFilters: number, numCeps: number) {
  const windowed = Array.from({ length: bufferSize }, (_, i) =>
    (i < frame.length ? frame[i] : 0) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (bufferSize - 1))),
  );
  const power = Array.from({ length: bufferSize / 2 }, (_, k) => {
    let re = 0;
    let im = 0;
    windowed.forEach((x, n) => {
      re += x * Math.cos((2 * Math.PI * k * n) / bufferSize);
      im -= x * Math.sin((2 * Math.PI * k * n) / bufferSize);
    });
    return re * re + im * im;
  });
  const top = 1125 * Math.log(1 + sampleRate / 2 / 700);
  const edges = Array.from({ length: numFilters + 2 }, (_, i) =>
    Math.floor(((bufferSize + 1) * 700 * (Math.exp((i * top) / (numFilters + 1) / 1125) - 1)) / sampleRate),
  );
  const bands = Array.from({ length: numFilters }, (_, j) => {
    let sum = 0;
    for (let k = edges[j]; k < edges[j + 2] && k < bufferSize / 2; k++) {
      const w = k < edges[j + 1] ? (k - edges[j]) / (edges[j + 1] - edges[j]) : (edges[j + 2] - k) / (edges[j + 2] - edges[j + 1]);
      sum += w * power[k];
    }
    return Math.log(sum + 1);
  });
  return Array.from({ length: numCeps }, (_, c) =>
    2 * bands.reduce((acc, b, j) => acc + b * Math.cos((Math.PI / numFilters) * (j + 0.5) * c), 0),
  );
}

describe('meyda flavour', () => {
  const signal = sine(700, 16000, 2400, 0.4).map((v, i) => v + 0.02 * Math.sin(i * 1.7));

  it('each frame is what Meyda.extract("mfcc") returns for that frame zero-padded to nfft', () => {
    const frames = mfcc(signal, 16000, { flavour: 'meyda' });
    Meyda.sampleRate = 16000;
    Meyda.bufferSize = 512;
    Meyda.melBands = 26;
    Meyda.numberOfMFCCCoefficients = 13;
    for (const t of [0, 3, frames.length - 1]) {
      const buffer = new Float32Array(512);
      buffer.set(signal.subarray(t * 160, t * 160 + 400));
      const expected = Meyda.extract('mfcc', buffer) as unknown as number[];
      expect(Array.from(frames[t])).toEqual(Array.from(Float32Array.from(expected)));
    }
  });

  it('matches the documented definition (float32 inside Meyda, so 1e-4 relative)', () => {
    const frames = mfcc(signal, 16000, { flavour: 'meyda' });
    const expected = documentedMeyda(signal.subarray(320, 720), 16000, 512, 26, 13);
    expectClose(frames[2], expected, { atol: 1e-3, rtol: 1e-4 });
  });

  it('is not fooled by the stale filter bank Meyda keeps after a rate or size change', () => {
    mfcc(signal, 16000, { flavour: 'meyda' });
    const x = noise(2000, 3, 0.2);
    const frames = mfcc(x, 8000, { flavour: 'meyda', nfft: 256, numFilters: 20, numCeps: 12 });
    expectClose(frames[4], documentedMeyda(x.subarray(320, 520), 8000, 256, 20, 12), { atol: 1e-3, rtol: 1e-4 });
  });
});
