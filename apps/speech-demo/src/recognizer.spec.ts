import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeWavFile } from '@rnnkit/audio-features';
import { ModelFileError } from '@rnnkit/rnn-core';
import { createRng } from '@rnnkit/common';
import { extractFeatures } from '@rnnkit/speech';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { parseClipName } from './clip-name';
import { readClip } from './audio-input';
import { defaultModelDir, Recognizer } from './recognizer';
import { tempDir } from './testing/fixtures';

const samplesDir = join(__dirname, '..', 'samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.wav')).sort();
const fsddDir = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'fsdd-dev', 'recordings');
const GAINS_DB = [-40, -30, -20, -10, 0];
const gained = (x: Float32Array, db: number) => x.map((v) => v * 10 ** (db / 20));

describe('Recognizer with the shipped models', () => {
  useBackend('wasm');
  let word: Recognizer;
  let sequence: Recognizer;
  beforeAll(async () => {
    word = await Recognizer.load('word');
    sequence = await Recognizer.load('sequence', { decoder: 'beam' });
  });
  afterAll(() => {
    word.dispose();
    sequence.dispose();
  });

  it('loads the models with their front-end and labels', () => {
    expect(word.mode).toBe('word');
    expect(word.extra.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(sequence.mode).toBe('sequence');
    expect(sequence.extra.labels[0]).toBe('<blank>');
    expect(word.frontEnd.sampleRate).toBe(8000);
  });

  it('recognizes the bundled one-digit samples', () => {
    const single = samples.filter((f) => parseClipName(f)!.label.length === 1);
    expect(single.length).toBeGreaterThanOrEqual(3);
    for (const file of single) {
      const result = word.recognizeFile(join(samplesDir, file));
      expect(result.transcript).toBe(parseClipName(file)!.label);
      expect(result.confidence).toBeGreaterThan(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('recognizes the bundled digit strings', () => {
    for (const file of samples.filter((f) => parseClipName(f)!.label.length > 1)) {
      expect(sequence.recognizeFile(join(samplesDir, file)).transcript).toBe(parseClipName(file)!.label);
    }
  });

  it('greedy and beam decoding agree on a confident string', async () => {
    const greedy = await Recognizer.load('sequence', { decoder: 'greedy' });
    const file = join(samplesDir, samples.find((f) => parseClipName(f)!.label.length > 1)!);
    expect(greedy.recognizeFile(file).transcript).toBe(sequence.recognizeFile(file).transcript);
    greedy.dispose();
  });

  it('gives an empty transcript for silence', () => {
    expect(word.recognize(new Float32Array(8000))).toEqual({ transcript: '', confidence: 1 });
    expect(sequence.recognize(new Float32Array(8000)).transcript).toBe('');
  });

  it('gives the same transcripts at −40, −30, −20, −10 and 0 dB (bundled samples, both modes)', () => {
    for (const file of samples) {
      const audio = readClip(join(samplesDir, file), { sampleRate: 8000 });
      const recognizer = parseClipName(file)!.label.length === 1 ? word : sequence;
      const heard = GAINS_DB.map((db) => recognizer.recognize(gained(audio, db)).transcript);
      expect(heard).toEqual(GAINS_DB.map(() => parseClipName(file)!.label));
    }
  });

  // Real recordings, when the data set sits beside the repository (never downloaded): two clips per speaker.
  const fsdd = existsSync(fsddDir) ? ['0_george_0', '7_george_13', '2_jackson_5', '9_jackson_40', '4_lucas_2', '6_lucas_31', '3_nicolas_7', '6_nicolas_38'] : [];
  if (fsdd.length === 0) it.skip(`FSDD clips at every gain: ${fsddDir} is absent`, () => undefined);
  else {
    it('gives the same transcripts for FSDD clips at −40 … 0 dB, in both modes', () => {
      for (const name of fsdd) {
        const audio = readClip(join(fsddDir, `${name}.wav`), { sampleRate: 8000 });
        for (const recognizer of [word, sequence]) {
          const reference = recognizer.recognize(audio).transcript;
          expect(reference).not.toBe('');
          for (const db of GAINS_DB) expect(`${name} ${db} dB: ${recognizer.recognize(gained(audio, db)).transcript}`).toBe(`${name} ${db} dB: ${reference}`);
        }
      }
    });
  }

  it('gives an empty transcript for silence, white noise and pink-ish noise alone at any gain', () => {
    const rng = createRng(9);
    const white = Float32Array.from({ length: 12000 }, () => 0.05 * rng.normal());
    let low = 0;
    const coloured = Float32Array.from({ length: 12000 }, () => (low = 0.9 * low + 0.02 * rng.normal()));
    for (const db of GAINS_DB) {
      for (const clip of [new Float32Array(12000), white, coloured]) {
        expect(word.recognize(gained(clip, db)).transcript).toBe('');
        expect(sequence.recognize(gained(clip, db)).transcript).toBe('');
      }
    }
  });

  it('leaves no tensor behind', async () => {
    const audio = readClip(join(samplesDir, samples[0]), { sampleRate: 8000 });
    word.recognize(audio);
    sequence.recognize(audio);
    await expectNoLeak(() => {
      word.recognize(audio);
      sequence.recognize(audio);
      word.scores(extractFeatures(audio, word.frontEnd)!);
    });
  });

  it('reads any rate and channel count: a 16 kHz stereo copy gives the same digit', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = samples.find((f) => parseClipName(f)!.label.length === 1)!;
      const audio = readClip(join(samplesDir, file), { sampleRate: 16000 });
      const stereo = join(dir, 'stereo.wav');
      writeWavFile(stereo, [audio, audio], 16000, { format: 'float32' });
      expect(word.recognizeFile(stereo).transcript).toBe(parseClipName(file)!.label);
    } finally {
      cleanup();
    }
  });
});

describe('Recognizer.load', () => {
  useBackend('wasm');

  it('refuses a model of the other mode, naming the directory', async () => {
    await expect(Recognizer.load('word', { modelDir: defaultModelDir('sequence') })).rejects.toThrow(/sequence-mode model, but word mode was asked for/);
  });

  it('refuses a missing directory with a ModelFileError (BAD_MODEL)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      await expect(Recognizer.load('word', { modelDir: dir })).rejects.toThrow(ModelFileError);
      await expect(Recognizer.load('word', { modelDir: dir })).rejects.toThrow(/model\.json: is missing — is this a model directory\?/);
    } finally {
      cleanup();
    }
  });
});
