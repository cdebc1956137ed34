import { applyBiquad, designBiquad, SpeechDetector } from '@rnnkit/audio-features';
import { createRng } from '@rnnkit/common';
import { DETECTION_BAND_HZ, findSpeech, SPEECH_DETECTION, SpeechFinder } from './speech-detection';

const RATE = 8000;

/** Seeded white noise at `rms` with 300 Hz bursts of amplitude 0.1 at the given [start, end) seconds. */
function bursts(seconds: number, spans: Array<[number, number]>, rms = 3e-4): Float32Array {
  const rng = createRng(3);
  const x = Float32Array.from({ length: Math.round(seconds * RATE) }, () => rms * rng.normal());
  for (const [from, to] of spans) {
    for (let i = Math.round(from * RATE); i < Math.round(to * RATE); i++) x[i] += 0.1 * Math.sin((2 * Math.PI * 300 * i) / RATE);
  }
  return x;
}

function stream(x: Float32Array, chunk: number) {
  const finder = new SpeechFinder(RATE);
  const found = [];
  for (let at = 0; at < x.length; at += chunk) found.push(...finder.push(x.subarray(at, at + chunk)));
  return [...found, ...finder.end()];
}

describe('SpeechFinder', () => {
  const x = bursts(4, [
    [0.5, 1.0],
    [2.0, 2.6],
  ]);

  it('is SpeechDetector with SPEECH_DETECTION over the band-passed audio, for any chunking', () => {
    const detector = new SpeechDetector(RATE, SPEECH_DETECTION);
    const [low, high] = DETECTION_BAND_HZ;
    const filtered = applyBiquad(applyBiquad(x, designBiquad('highPass', RATE, low)), designBiquad('lowPass', RATE, high));
    const expected = [...detector.push(filtered), ...detector.end()];
    expect(expected).toHaveLength(2);
    for (const chunk of [1, 77, 1024, x.length]) expect(stream(x, chunk)).toEqual(expected);
  });

  it('finds the bursts within one 20 ms block (plus the filters\' ringing) of their edges', () => {
    const found = stream(x, 512).map((s) => [s.start / RATE, s.end / RATE]);
    expect(found).toHaveLength(2);
    expect(Math.abs(found[0][0] - 0.5)).toBeLessThanOrEqual(0.025);
    expect(Math.abs(found[0][1] - 1.0)).toBeLessThanOrEqual(0.025);
    expect(Math.abs(found[1][0] - 2.0)).toBeLessThanOrEqual(0.025);
    expect(Math.abs(found[1][1] - 2.6)).toBeLessThanOrEqual(0.025);
  });

  it('does not hear rumble below the detection band as speech', () => {
    // A 40 Hz hum 20 dB above the noise for 0.6 s: the plain detector takes it for speech; over 30 dB down after
    // the 250 Hz high pass, it is below the noise.
    const hum = bursts(3, []);
    for (let i = RATE; i < 1.6 * RATE; i++) hum[i] += 3e-3 * Math.sin((2 * Math.PI * 40 * i) / RATE);
    expect(stream(hum, 512)).toEqual([]);
    const plain = new SpeechDetector(RATE, SPEECH_DETECTION);
    expect([...plain.push(hum), ...plain.end()].length).toBeGreaterThan(0);
  });
});

describe('findSpeech', () => {
  it('finds speech that starts at the first sample of a recording', () => {
    const x = bursts(1.5, [[0, 0.6]]);
    const found = findSpeech(x, RATE);
    expect(found).toHaveLength(1);
    expect(found[0].start).toBe(0);
    expect(Math.abs(found[0].end / RATE - 0.6)).toBeLessThanOrEqual(0.025);
    // A stream cannot know the floor before its first block: the tone is taken for the background.
    expect(stream(x, 512)).toEqual([]);
  });

  it('gives the same segments at any gain and nothing for noise alone', () => {
    const x = bursts(3, [[1, 1.4]]);
    const reference = findSpeech(x, RATE);
    expect(reference).toHaveLength(1);
    for (const db of [-40, -30, -20, -10, 0, 10]) expect(findSpeech(x.map((v) => v * 10 ** (db / 20)), RATE)).toEqual(reference);
    expect(findSpeech(bursts(3, [], 0.05), RATE)).toEqual([]);
    expect(findSpeech(new Float32Array(0), RATE)).toEqual([]);
  });
});
