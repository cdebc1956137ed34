import { closeSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { AudioFeaturesError, writeWavFile } from '@rnnkit/audio-features';
import { MAX_FILE_BYTES, readClip } from './audio-input';
import { SpeechDemoError } from './errors';
import { tempDir } from './testing/fixtures';

describe('readClip', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('downmixes and resamples to the requested rate', () => {
    const file = join(dir, 'stereo.wav');
    const left = Float32Array.from({ length: 16000 }, (_, n) => 0.5 * Math.sin((2 * Math.PI * 300 * n) / 16000));
    writeWavFile(file, [left, left], 16000);
    const samples = readClip(file, { sampleRate: 8000 });
    expect(samples.length).toBe(8000);
    expect(Math.max(...Array.from(samples))).toBeCloseTo(0.5, 2);
  });

  it('refuses recordings over the length limit without decoding them', () => {
    const file = join(dir, 'long.wav');
    writeWavFile(file, new Float32Array(3 * 8000), 8000);
    expect(() => readClip(file, { sampleRate: 8000, maxSeconds: 2 })).toThrow(SpeechDemoError);
    expect(() => readClip(file, { sampleRate: 8000, maxSeconds: 2 })).toThrow(/long\.wav: recording is 3\.0 s long; at most 2 s/);
  });

  it('refuses a file over the byte limit before reading it', () => {
    // A sparse file: large on paper, nothing on disk.
    const file = join(dir, 'huge.wav');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_FILE_BYTES + 1);
    closeSync(fd);
    expect(() => readClip(file, { sampleRate: 8000 })).toThrow(/huge\.wav: file is 64\.0 MB, over the 64\.0 MB limit/);
  });

  it('passes on audio-features errors with the file named', () => {
    const file = join(dir, 'text.wav');
    writeFileSync(file, 'not audio');
    expect(() => readClip(file, { sampleRate: 8000 })).toThrow(AudioFeaturesError);
    expect(() => readClip(file, { sampleRate: 8000 })).toThrow(/text\.wav: /);
    expect(() => readClip(join(dir, 'absent.wav'), { sampleRate: 8000 })).toThrow(/absent\.wav: no such file/);
  });
});
