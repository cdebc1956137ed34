import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { readWav, writeWavFile } from './wav-file';
import { writeWav } from './wav-writer';
import { expectClose } from '@rnnkit/test-utils';
import { noise } from './test-utils/signals';

describe('writeWav', () => {
  it('16-bit PCM round-trips values on the 1/32768 grid exactly and clips the rest', () => {
    const grid = Array.from({ length: 200 }, (_, i) => (i * 329 - 32768) / 32768);
    const { samples, info } = readWav(writeWav(Float32Array.from(grid), 16000));
    expect(info).toMatchObject({ encoding: 'pcm', bitsPerSample: 16, sampleRate: 16000 });
    expectClose(samples, grid, { atol: 0 });
    expect(Array.from(readWav(writeWav([1.5, -1.5, 1], 8000)).samples)).toEqual([32767 / 32768, -1, 32767 / 32768]);
  });

  it('32-bit float round-trips float32 values exactly', () => {
    const x = noise(300, 4, 0.3);
    expectClose(readWav(writeWav(x, 44100, { format: 'float32' })).samples, x, { atol: 0 });
  });

  it('writes several channels that wavefile reads back interleaved', () => {
    const left = Float32Array.from([0.5, -0.5]);
    const right = Float32Array.from([0.25, 0]);
    const bytes = writeWav([left, right], 8000);
    const wav = new WaveFile(bytes);
    expect((wav.fmt as { numChannels: number }).numChannels).toBe(2);
    expect(Array.from(wav.getSamples(true, Int16Array) as unknown as Int16Array)).toEqual([16384, 8192, -16384, 0]);
    expect(readWav(bytes, { channel: 0 }).samples[0]).toBe(0.5);
  });

  it('rejects channels of different lengths and bad rates', () => {
    expect(() => writeWav([new Float32Array(2), new Float32Array(3)], 8000)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => writeWav(new Float32Array(2), 0)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });

  it('writes files atomically, leaving no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'af-writer-'));
    try {
      const path = join(dir, 'out.wav');
      writeWavFile(path, Float32Array.from([0.1, 0.2]), 8000);
      expect(readdirSync(dir)).toEqual(['out.wav']);
      expect(readWav(path).samples.length).toBe(2);
      expect(() => writeWavFile(join(dir, 'missing', 'x.wav'), [0], 8000)).toThrow(/cannot write/);
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
