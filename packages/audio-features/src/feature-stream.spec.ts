import { FeatureStream, FeatureStreamOptions } from './feature-stream';
import { logMelEnergies, mfcc } from './features';
import { createRng } from '@rnnkit/common';
import { noise, sine } from './test-utils/signals';

function chunked(signal: Float32Array, sampleRate: number, options: FeatureStreamOptions, seed: number, maxChunk: number) {
  const rng = createRng(seed);
  const stream = new FeatureStream(sampleRate, options);
  const frames: Float32Array[] = [];
  for (let at = 0; at < signal.length; ) {
    const size = Math.floor(rng.next() * maxChunk);
    frames.push(...stream.push(signal.subarray(at, at + size)));
    at += size;
  }
  frames.push(...stream.end());
  return frames;
}

const asArrays = (frames: Float32Array[]) => frames.map((f) => Array.from(f));

describe('FeatureStream', () => {
  const hiss = noise(7777, 8, 0.05);
  const signal = sine(440, 16000, 7777, 0.3).map((v, i) => v + hiss[i]);

  it.each([
    ['psf mfcc', {}],
    ['psf log-mel', { features: 'logMel' }],
    ['meyda mfcc', { flavour: 'meyda' }],
    ['psf, hop longer than the window', { winMs: 10, hopMs: 25 }],
  ] as [string, FeatureStreamOptions][])('%s: any chunking gives the whole-signal frames bit for bit', (_name, options) => {
    const whole = options.features === 'logMel' ? logMelEnergies(signal, 16000, options) : mfcc(signal, 16000, options);
    for (const [seed, maxChunk] of [[1, 3], [2, 170], [3, 1000], [4, 9000]]) {
      expect(asArrays(chunked(signal, 16000, options, seed, maxChunk))).toEqual(asArrays(whole));
    }
  });

  it('returns each frame as soon as its window is complete', () => {
    const stream = new FeatureStream(8000);
    expect(stream.push(new Float32Array(199)).length).toBe(0);
    expect(stream.push(new Float32Array(1)).length).toBe(1);
    expect(stream.push(new Float32Array(80)).length).toBe(1);
    expect(stream.end().length).toBe(0);
  });

  it('pads a short signal to one frame at the end, and takes nothing after end()', () => {
    const stream = new FeatureStream(8000);
    expect(stream.push(noise(50, 1))).toEqual([]);
    expect(stream.end().length).toBe(1);
    expect(stream.end()).toEqual([]);
    expect(() => stream.push([0])).toThrow(/after end/);
  });
});
