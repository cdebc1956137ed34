import { createRng } from '@rnnkit/audio-features';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FRONT_END } from './front-end';
import { tempDir, toneClip } from './testing/fixtures';
import { writeToneClips } from './testing/tone-data';
import { listClips } from './dataset';
import { augmentForTraining, cutOnset, joinedStrings, loadClips, targetOf } from './training-data';

describe('targetOf', () => {
  it('gives the digit in word mode and digit + 1 (after the CTC blank) in sequence mode', () => {
    expect(targetOf('7', 'word')).toEqual([7]);
    expect(targetOf('309', 'sequence')).toEqual([4, 1, 10]);
  });
});

describe('cutOnset', () => {
  it('starts the recording the given number of samples before the first block near the peak', () => {
    // 300 ms of a quiet consonant-like hiss (−30 dB relative), then a loud vowel-like tone.
    const x = new Float32Array(8000);
    const rng = createRng(1);
    for (let i = 800; i < 3200; i++) x[i] = 0.01 * rng.normal();
    for (let i = 3200; i < 8000; i++) x[i] = 0.5 * Math.sin(i / 3);
    const cut = cutOnset(x, 8000, 160);
    expect(cut.length).toBe(8000 - (3200 - 160));
    expect(cut[160]).toBe(x[3200]);
    expect(cutOnset(x, 8000, 10000).length).toBe(8000);
  });

  it('leaves silence alone', () => {
    const silence = new Float32Array(800);
    expect(cutOnset(silence, 8000, 100)).toBe(silence);
  });
});

describe('augmentForTraining', () => {
  it('is deterministic in the seed, stays in [-1, 1] and sometimes cuts the onset', () => {
    const x = toneClip(4, 1);
    const a = augmentForTraining(x, 8000, 3, [0.8, 1.2]);
    expect(Array.from(augmentForTraining(x, 8000, 3, [0.8, 1.2]))).toEqual(Array.from(a));
    const lengths = Array.from({ length: 40 }, (_, seed) => augmentForTraining(x, 8000, seed, [1, 1]));
    for (const y of lengths) expect(Math.max(...Array.from(y, Math.abs))).toBeLessThanOrEqual(1);
    // Without a speed change only the onset cut shortens a copy: about one in five.
    const shortened = lengths.filter((y) => y.length < x.length).length;
    expect(shortened).toBeGreaterThan(0);
    expect(shortened).toBeLessThan(20);
  });
});

describe('joinedStrings', () => {
  it('joins one speaker’s recordings of the drawn digits', () => {
    const { dir, cleanup } = tempDir();
    try {
      const data = join(dir, 'clips');
      mkdirSync(data);
      writeToneClips(data, ['ann', 'bob'], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1);
      writeToneClips(data, ['cy'], [1, 2], 1);
      const loaded = loadClips(listClips([data], 'word').clips, DEFAULT_FRONT_END.sampleRate, () => undefined);
      const strings = joinedStrings(loaded, { count: 20, digits: [2, 4], pauseMs: [50, 50], sampleRate: 8000 }, createRng(2));
      expect(strings).toHaveLength(20);
      for (const s of strings) {
        // cy lacks digits, so only ann and bob are drawn.
        expect(['ann', 'bob']).toContain(s.speaker);
        expect(s.label).toMatch(/^[0-9]{2,4}$/);
        // Each tone clip is 0.8 s at 8 kHz; pauses of 50 ms before, between and after.
        expect(s.samples.length).toBe(s.label.length * 6400 + (s.label.length + 1) * 400);
      }
    } finally {
      cleanup();
    }
  });
});
