import { join } from 'node:path';
import { readWav, resample } from '@rnnkit/audio-features';
import { createRng } from '@rnnkit/common';
import { blockLevelsDb, expectNoLeak, spacedClips, useBackend } from '@rnnkit/test-utils';
import { loadRecognizer, loadSpeechModel } from './model-directory';
import { Recognizer as SpeechRecognizer, type Recognizer } from './recognizer';
import { StreamingRecognizer, Utterance } from './streaming-recognizer';

// The bundled samples and shipped models of apps/speech-demo (read here, never imported).
const APP = join(__dirname, '..', '..', '..', 'apps', 'speech-demo');
const RATE = 8000;

interface Placed {
  label: string;
  /** The clip's speech in the long signal (s): its 10 ms blocks within 35 dB of its loudest, as the front-end trims. */
  start: number;
  end: number;
}

/** The speech span of a clip on its own (s): its blocks within 35 dB of its loudest, the front-end's trimming rule. */
function clipSpeech(clip: Float32Array): [number, number] {
  const levels = blockLevelsDb(clip, RATE);
  const peak = Math.max(...levels);
  const active = levels.map((l, b) => (l >= peak - 35 ? b : -1)).filter((b) => b >= 0);
  return [active[0] / 100, (active[active.length - 1] + 1) / 100];
}

/** The named sample clips at −20 dBFS peak over −60 dBFS noise, 0.8 s apart, with where their speech is. */
function assemble(files: string[]): { signal: Float32Array; placed: Placed[] } {
  const samples = files.map((f) => readWav(join(APP, 'samples', f), { sampleRate: RATE }).samples);
  const { signal, offsets, clips } = spacedClips(samples, RATE);
  const placed = clips.map((clip, k) => {
    const [from, to] = clipSpeech(clip);
    return { label: files[k].split('_')[0], start: offsets[k] / RATE + from, end: offsets[k] / RATE + to };
  });
  return { signal, placed };
}

/** Streams `signal` (at `rate`) through a fresh StreamingRecognizer in chunks of `chunk` samples. */
function listen(recognizer: Recognizer, signal: Float32Array, rate = RATE, chunk = 1024): Utterance[] {
  const live = new StreamingRecognizer(recognizer, rate);
  const heard: Utterance[] = [];
  for (let at = 0; at < signal.length; at += chunk) heard.push(...live.push(signal.subarray(at, at + chunk)));
  return [...heard, ...live.end()];
}

const gained = (x: Float32Array, db: number) => x.map((v) => v * 10 ** (db / 20));
const summary = (heard: Utterance[]) => heard.map((u) => [u.transcript, u.start, u.end]);

describe('StreamingRecognizer with the shipped models', () => {
  useBackend('wasm');
  let word: Recognizer;
  let sequence: Recognizer;
  beforeAll(async () => {
    word = await loadRecognizer(join(APP, 'models', 'word'), 'word');
    sequence = await loadRecognizer(join(APP, 'models', 'sequence'), 'sequence', { decoder: 'beam' });
  });
  afterAll(() => {
    word.dispose();
    sequence.dispose();
  });

  const singles = assemble([
    '1_esp-en-us-nyc-m7_1.wav',
    '3_esp-en-gb-x-rp-linda_3.wav',
    '0_esp-en-gb-x-gbclan-klatt3_0.wav',
    '2_esp-en-us-nyc-annie_2.wav',
  ]);
  const strings = assemble(['123_esp-en-us-nyc-f5_5.wav', '9280_esp-en-gb-scotland-f1_4.wav', '123_esp-en-us-nyc-f5_5.wav']);

  /** Right digits in the right order, each span within 100 ms of the clip's speech. */
  function expectHeard(heard: Utterance[], placed: Placed[]): void {
    expect(heard.map((u) => u.transcript)).toEqual(placed.map((p) => p.label));
    heard.forEach((u, k) => {
      expect(Math.abs(u.start - placed[k].start)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(u.end - placed[k].end)).toBeLessThanOrEqual(0.1);
    });
  }

  it('word mode: one result per utterance, right digits and order, spans within 100 ms, per-digit probabilities', () => {
    const heard = listen(word, singles.signal);
    expectHeard(heard, singles.placed);
    for (const u of heard) {
      expect(u.digits).toHaveLength(1);
      expect(u.digits[0].digit).toBe(u.transcript);
      expect(u.digits[0].probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(u.digits[0].probability).toBe(Math.max(...u.digits[0].probabilities));
      expect(u.latencyMs).toBeGreaterThanOrEqual(u.computeMs);
    }
  });

  it('sequence mode: digit strings, with one distribution per digit', () => {
    const heard = listen(sequence, strings.signal);
    expectHeard(heard, strings.placed);
    for (const u of heard) expect(u.digits.map((d) => d.digit).join('')).toBe(u.transcript);
  });

  it('hears the same at −30 dB: detection is relative to the recording’s own noise floor', () => {
    expect(summary(listen(word, gained(singles.signal, -30)))).toEqual(summary(listen(word, singles.signal)));
    expectHeard(listen(sequence, gained(strings.signal, -30)), strings.placed);
  });

  it('hears nothing in noise or silence', () => {
    const rng = createRng(11);
    const noise = Float32Array.from({ length: 5 * RATE }, () => 0.01 * rng.normal());
    expect(listen(word, noise)).toEqual([]);
    expect(listen(word, new Float32Array(5 * RATE))).toEqual([]);
  });

  it('gives the same result whatever the chunk size, and at other input rates', () => {
    const reference = summary(listen(word, singles.signal));
    for (const chunk of [128, 4096]) expect(summary(listen(word, singles.signal, RATE, chunk))).toEqual(reference);
    // Two clips are enough to compare rates (resampling is the slow part of this test).
    const pair = singles.signal.subarray(0, Math.round(3.2 * RATE));
    const pairReference = summary(listen(word, pair));
    expect(pairReference.map(([t]) => t)).toEqual(['1', '3']);
    for (const rate of [16000, 44100]) {
      const heard = listen(word, resample(pair, RATE, rate), rate, 4096);
      expect(heard.map((u) => u.transcript)).toEqual(['1', '3']);
      // Resampled audio differs by its filtering only: spans move by at most a couple of 10 ms blocks.
      heard.forEach((u, k) => {
        expect(Math.abs(u.start - (pairReference[k][1] as number))).toBeLessThanOrEqual(0.02);
        expect(Math.abs(u.end - (pairReference[k][2] as number))).toBeLessThanOrEqual(0.02);
      });
    }
  });

  it('leaves no tensor behind', async () => {
    await expectNoLeak(() => {
      listen(word, singles.signal);
    });
  });

  it('refuses a nonsensical input rate and input after end()', () => {
    expect(() => new StreamingRecognizer(word, 0)).toThrow(/sample rate/);
    const live = new StreamingRecognizer(word, RATE);
    live.end();
    expect(() => live.push(new Float32Array(10))).toThrow(/after end\(\)/);
  });
});

describe('a model whose front-end lays a dither floor (the shipped word model given one)', () => {
  useBackend('wasm');
  let dithered: Recognizer;
  beforeAll(async () => {
    const { model, extra } = await loadSpeechModel(join(APP, 'models', 'word'), 'word');
    dithered = new SpeechRecognizer(model, { ...extra, frontEnd: { ...extra.frontEnd, dither: { colour: 'pink', belowPeakDb: 25 } } });
  });
  afterAll(() => dithered.dispose());

  const files = ['1_esp-en-us-nyc-m7_1.wav', '3_esp-en-gb-x-rp-linda_3.wav', '0_esp-en-gb-x-gbclan-klatt3_0.wav', '2_esp-en-us-nyc-annie_2.wav'];

  it('recognizes the samples alike at −40 … 0 dB, whole and streamed, and hears nothing in noise or silence', () => {
    const { signal, placed } = assemble(files);
    for (const db of [-40, -30, -20, -10, 0]) {
      for (const file of files) {
        const clip = readWav(join(APP, 'samples', file), { sampleRate: RATE }).samples;
        expect(`${file} ${db} dB: ${dithered.recognize(gained(clip, db)).transcript}`).toBe(`${file} ${db} dB: ${file.split('_')[0]}`);
      }
      expect(listen(dithered, gained(signal, db)).map((u) => u.transcript)).toEqual(placed.map((p) => p.label));
    }
    const rng = createRng(12);
    const noise = Float32Array.from({ length: 3 * RATE }, () => 0.01 * rng.normal());
    for (const db of [-40, 0]) {
      expect(listen(dithered, gained(noise, db))).toEqual([]);
      expect(dithered.recognize(gained(noise, db)).transcript).toBe('');
      expect(dithered.recognize(new Float32Array(RATE)).transcript).toBe('');
    }
  });

  it('leaves no tensor behind', async () => {
    const clip = readWav(join(APP, 'samples', files[0]), { sampleRate: RATE }).samples;
    await expectNoLeak(() => {
      dithered.recognize(clip);
    });
  });
});
