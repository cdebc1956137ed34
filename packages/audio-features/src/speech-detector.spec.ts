import { SpeechDetector, SpeechDetectorOptions, SpeechSegment } from './speech-detector';
import { noise, sine } from './test-utils/signals';

const RATE = 8000;

/** Noise at `noiseRms`, with 300 Hz tone bursts (amplitude `toneAmp`) at the given [start, end) seconds. */
function bursts(seconds: number, spans: Array<[number, number]>, { noiseRms = 3e-4, toneAmp = 0.1, seed = 1 } = {}): Float32Array {
  const x = noise(Math.round(seconds * RATE), seed, noiseRms);
  for (const [from, to] of spans) {
    const tone = sine(300, RATE, Math.round((to - from) * RATE), toneAmp);
    const at = Math.round(from * RATE);
    for (let i = 0; i < tone.length; i++) x[at + i] += tone[i];
  }
  return x;
}

function scaled(x: Float32Array, gainDb: number): Float32Array {
  const g = 10 ** (gainDb / 20);
  return x.map((v) => v * g);
}

function detect(x: Float32Array, chunk = 512, options: SpeechDetectorOptions = {}): SpeechSegment[] {
  const detector = new SpeechDetector(RATE, options);
  const found: SpeechSegment[] = [];
  for (let at = 0; at < x.length; at += chunk) found.push(...detector.push(x.subarray(at, at + chunk)));
  return [...found, ...detector.end()];
}

const seconds = (segments: SpeechSegment[]) => segments.map((s) => [s.start / RATE, s.end / RATE]);

describe('SpeechDetector', () => {
  const spans: Array<[number, number]> = [
    [1.0, 1.5],
    [2.5, 3.3],
    [4.0, 4.4],
  ];
  const signal = bursts(5.5, spans);

  it('finds each burst within one analysis block (10 ms) of its true edges', () => {
    const found = seconds(detect(signal));
    expect(found).toHaveLength(3);
    found.forEach(([start, end], k) => {
      expect(Math.abs(start - spans[k][0])).toBeLessThanOrEqual(0.011);
      expect(Math.abs(end - spans[k][1])).toBeLessThanOrEqual(0.011);
    });
  });

  it('gives the same segments at any input gain (−50 … +10 dB): levels are relative to the noise floor', () => {
    const reference = detect(signal);
    for (const gainDb of [-50, -40, -30, -20, -10, 10]) expect(detect(scaled(signal, gainDb))).toEqual(reference);
  });

  it('gives the same segments however the stream is cut into chunks', () => {
    const reference = detect(signal);
    for (const chunk of [1, 80, 333, 4096, signal.length]) expect(detect(signal, chunk)).toEqual(reference);
  });

  it.each([
    ['white noise', bursts(4, [], { noiseRms: 0.05 })],
    ['quiet noise', bursts(4, [], { noiseRms: 1e-5 })],
    ['digital silence', new Float32Array(4 * RATE)],
    ['a DC offset over noise', bursts(4, [], { noiseRms: 1e-3 }).map((v) => v + 0.3)],
  ])('finds nothing in %s', (_name, x) => {
    expect(detect(x)).toEqual([]);
  });

  it('judges a stream that starts in speech against initialFloorDb (the recording\'s own floor) when given', () => {
    const x = bursts(2, [[0, 0.5]]);
    // Without a floor to start from, the first block (the tone) is taken as the floor and the tone is missed.
    expect(detect(x)).toEqual([]);
    const floorDb = 20 * Math.log10(3e-4);
    const found = seconds(detect(x, 512, { initialFloorDb: floorDb }));
    expect(found).toHaveLength(1);
    expect(found[0][0]).toBe(0);
    expect(Math.abs(found[0][1] - 0.5)).toBeLessThanOrEqual(0.011);
    expect(() => new SpeechDetector(RATE, { initialFloorDb: NaN })).toThrow(/initialFloorDb/);
  });

  it('drops a click shorter than minSpeechMs', () => {
    expect(detect(bursts(3, [[1, 1.05]]))).toEqual([]);
  });

  it('follows a noise floor that rises between utterances: a steady louder background is not speech', () => {
    // The noise steps up 20 dB at 2 s; after steadyMs of it the floor is measured afresh, and the burst at 5 s is found.
    const x = bursts(7, [[5, 5.6]], { noiseRms: 3e-4 });
    const louder = noise(x.length, 9, 3e-3);
    for (let i = 2 * RATE; i < x.length; i++) x[i] += louder[i];
    const found = seconds(detect(x));
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0][0] - 5)).toBeLessThanOrEqual(0.011);
    expect(Math.abs(found[0][1] - 5.6)).toBeLessThanOrEqual(0.011);
  });

  it('keeps a long steady tone when steadyMs allows it, and cuts it at maxSpeechMs', () => {
    const long = detect(bursts(6, [[1, 5]]), 512, { maxSpeechMs: 1500, steadyMs: 2000 });
    expect(long[0]).toMatchObject({ truncated: true });
    expect((long[0].end - long[0].start) / RATE).toBeCloseTo(1.5, 2);
  });
});
