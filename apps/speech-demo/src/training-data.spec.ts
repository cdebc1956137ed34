import { createRng } from '@rnnkit/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FRONT_END } from '@rnnkit/speech';
import { tempDir, toneClip } from './testing/fixtures';
import { writeToneClips } from './testing/tone-data';
import { listClips } from './dataset';
import { augmentForTraining, joinedStrings, loadClips, targetOf } from './training-data';

describe('targetOf', () => {
  it('gives the digit in word mode and digit + 1 (after the CTC blank) in sequence mode', () => {
    expect(targetOf('7', 'word')).toEqual([7]);
    expect(targetOf('309', 'sequence')).toEqual([4, 1, 10]);
  });
});

describe('augmentForTraining', () => {
  it.each([false, true])('is deterministic in the seed, stays in [-1, 1] and changes the length by the speed drawn (channel %s)', (channel) => {
    const plan = { speed: [0.8, 1.2] as const, channel };
    const x = toneClip(4, 1, { amplitude: 0.9 });
    const a = augmentForTraining(x, 8000, 3, plan);
    expect(Array.from(augmentForTraining(x, 8000, 3, plan))).toEqual(Array.from(a));
    expect(Array.from(augmentForTraining(x, 8000, 4, plan))).not.toEqual(Array.from(a));
    for (let seed = 0; seed < 10; seed++) {
      const y = augmentForTraining(x, 8000, seed, plan);
      expect(Math.max(...Array.from(y, Math.abs))).toBeLessThanOrEqual(1);
      expect(y.length).toBeGreaterThanOrEqual(Math.floor(x.length / 1.2));
      expect(y.length).toBeLessThanOrEqual(Math.ceil(x.length / 0.8));
    }
  });

  it('colours the copy when the plan asks for the channel', () => {
    const x = toneClip(4, 1, { amplitude: 0.5 });
    const plain = augmentForTraining(x, 8000, 3, { speed: [1, 1], channel: false });
    const coloured = augmentForTraining(x, 8000, 3, { speed: [1, 1], channel: true });
    expect(coloured.length).toBe(plain.length);
    expect(Array.from(coloured)).not.toEqual(Array.from(plain));
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
