import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeWavFile } from '@rnnkit/audio-features';
import { ModelFileError } from '@rnnkit/rnn-core';
import { extractFeatures } from '@rnnkit/speech';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { parseClipName } from './clip-name';
import { readClip } from './audio-input';
import { defaultModelDir, Recognizer } from './recognizer';
import { tempDir } from './testing/fixtures';

const samplesDir = join(__dirname, '..', 'samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.wav')).sort();

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
