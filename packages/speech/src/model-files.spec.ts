import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelFileError, readModelDirectory, saveModelFile, SequenceModel, tf, writeModelDirectory } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { DEFAULT_FRONT_END, defaultFrontEnd } from './front-end';
import { loadSpeechModel } from './model-directory';
import { decodeSpeechModel, fetchSpeechModel, labelsFor, SPEECH_MODEL_KIND, type SpeechModelExtra } from './model-files';

const extraOf = (frontEnd: unknown): SpeechModelExtra => ({ mode: 'word', frontEnd, labels: labelsFor('word') }) as SpeechModelExtra;

describe('the speech model kind', () => {
  it('accepts a front-end with a mel band, and one without (models made before the band existed)', () => {
    expect(SPEECH_MODEL_KIND.parseExtra(extraOf(defaultFrontEnd('word'))).frontEnd.bandHz).toEqual([200, 3300]);
    expect(SPEECH_MODEL_KIND.parseExtra(extraOf({ ...DEFAULT_FRONT_END })).frontEnd.bandHz).toBeUndefined();
  });

  it('accepts a dither floor, and keeps a front-end without one (models made before it existed) without one', () => {
    const dither = { colour: 'pink', belowPeakDb: 25 };
    expect(SPEECH_MODEL_KIND.parseExtra(extraOf({ ...defaultFrontEnd('word'), dither })).frontEnd.dither).toEqual(dither);
    expect(SPEECH_MODEL_KIND.parseExtra(extraOf(defaultFrontEnd('word'))).frontEnd.dither).toBeUndefined();
  });

  it.each([
    ['a band of one number', { ...DEFAULT_FRONT_END, bandHz: [200] }],
    ['a band of strings', { ...DEFAULT_FRONT_END, bandHz: ['200', '3300'] }],
    ['no cepstra count', { ...DEFAULT_FRONT_END, numCeps: undefined }],
    ['a dither of an unknown colour', { ...DEFAULT_FRONT_END, dither: { colour: 'blue', belowPeakDb: 25 } }],
    ['a dither without a level', { ...DEFAULT_FRONT_END, dither: { colour: 'pink' } }],
  ])('refuses a front-end with %s', (_name, frontEnd) => {
    expect(() => SPEECH_MODEL_KIND.parseExtra(extraOf(frontEnd))).toThrow(/the front-end must give sampleRate, numCeps/);
  });

  it('refuses an unknown mode and labels that are not strings', () => {
    expect(() => SPEECH_MODEL_KIND.parseExtra({ ...extraOf(DEFAULT_FRONT_END), mode: 'phone' })).toThrow(/mode must be "word" or "sequence", got "phone"/);
    expect(() => SPEECH_MODEL_KIND.parseExtra({ ...extraOf(DEFAULT_FRONT_END), labels: [1, 2] })).toThrow(/labels must be a list of strings/);
  });
});

describe('speech model files', () => {
  useBackend('cpu');
  let dir: string;
  let model: SequenceModel;
  const frontEnd = defaultFrontEnd('word');
  const features = () => tf.tensor3d(Float32Array.from({ length: 2 * 5 * 6 }, (_, i) => Math.sin(i)), [2, 5, 6]);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-model-'));
    model = new SequenceModel({
      input: { type: 'features', size: 6 },
      layers: [{ cell: 'gru', units: 4, bidirectional: 'concat' }],
      output: { units: 10 },
      outputMode: 'sequence',
      seed: 2,
    });
  });
  afterEach(() => {
    model.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a version 1 file (a SequenceModel marked app: speech-demo, as the shipped models) as the same model', async () => {
    const weights = model.namedWeights.map(({ name, variable }) => ({ name, tensor: variable as tf.Tensor }));
    writeModelDirectory(dir, { kind: 'SequenceModel', config: model.config, extra: { app: 'speech-demo', ...extraOf(frontEnd), training: { epochs: 3 } }, weights });
    const loaded = await loadSpeechModel(dir, 'word');
    expect(loaded.extra).toEqual({ ...extraOf(frontEnd), training: { epochs: 3 } });
    expectClose(loaded.model.predict(features()), model.predict(features()), { atol: 0 });
    loaded.model.dispose();
  });

  it('writes version 2, and refuses another mode, another kind and outputs that do not fit the labels', async () => {
    await saveModelFile(SPEECH_MODEL_KIND, model, dir, { extra: extraOf(frontEnd) });
    const saved = readModelDirectory(dir);
    expect([saved.kind, saved.kindVersion]).toEqual(['SpeechModel', 2]);
    await expectNoLeak(() =>
      expect(loadSpeechModel(dir, 'sequence')).rejects.toThrow(
        new ModelFileError(path.join(dir, 'model.json'), 'holds a word-mode model, but sequence mode was asked for (use --mode word)'),
      ),
    );
    writeModelDirectory(dir, { ...saved, extra: { ...extraOf(frontEnd), labels: labelsFor('sequence') } });
    await expect(loadSpeechModel(dir)).rejects.toThrow(/has an unusable config: model outputs do not match its 11 labels in word mode/);
    writeModelDirectory(dir, { ...saved, kind: 'SequenceModel', kindVersion: undefined, extra: { note: 'no speech here' } });
    await expect(loadSpeechModel(dir)).rejects.toMatchObject({ code: 'BAD_MODEL', message: expect.stringMatching(/holds a SequenceModel, not a SpeechModel/) });
    tf.dispose(saved.weights.map((w) => w.tensor));
  });

  it('loads over HTTP and from bytes, with the same checks', async () => {
    await saveModelFile(SPEECH_MODEL_KIND, model, dir, { extra: extraOf(frontEnd) });
    const server = http.createServer((req, res) => {
      const file = path.join(dir, path.basename(req.url ?? ''));
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/word/`;
    try {
      const fetched = await fetchSpeechModel(url, 'word');
      expect(fetched.extra).toEqual(extraOf(frontEnd));
      expectClose(fetched.model.predict(features()), model.predict(features()), { atol: 0 });
      fetched.model.dispose();
      await expect(fetchSpeechModel(url, 'sequence')).rejects.toThrow(/holds a word-mode model, but sequence mode was asked for/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const bin = fs.readdirSync(dir).find((f) => f.endsWith('.bin')) as string;
    const bytes = { modelJson: fs.readFileSync(path.join(dir, 'model.json')), weights: fs.readFileSync(path.join(dir, bin)) };
    const decoded = await decodeSpeechModel(bytes);
    expectClose(decoded.model.predict(features()), model.predict(features()), { atol: 0 });
    decoded.model.dispose();
    await expect(decodeSpeechModel({ ...bytes, weights: bytes.weights.subarray(8) })).rejects.toThrow(/truncated/);
  });
});
