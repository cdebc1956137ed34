import { createRng } from '@rnnkit/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { augment } from '@rnnkit/audio-features';
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

describe('augmentForTraining with what rooms and devices add', () => {
  const x = toneClip(4, 1, { amplitude: 0.5 });
  const robust = { speed: [1, 1] as const, channel: false, noiseSnr: [0, 20] as const, noiseColours: ['white', 'pink', 'brown'] as const, reverb: 1, clip: 1, dc: 1 };

  it('leaves the earlier recipe as it was when no new option is given (white noise at 10–40 dB inside augment)', () => {
    const expected = augment(x, 8000, { seed: 3, speed: [0.8, 1.2], gainDb: [-12, 6], snrDb: [10, 40] }).samples.map((v) => Math.max(-1, Math.min(1, v)));
    expect(augmentForTraining(x, 8000, 3, { speed: [0.8, 1.2], channel: false })).toEqual(expected);
  });

  it('adds a room (longer by its impulse response), coloured noise, clipping and DC, deterministically in the seed', () => {
    const a = augmentForTraining(x, 8000, 5, robust);
    expect(augmentForTraining(x, 8000, 5, robust)).toEqual(a);
    expect(augmentForTraining(x, 8000, 6, robust)).not.toEqual(a);
    expect(a.length).toBeGreaterThanOrEqual(x.length + 0.1 * 8000 - 1);
    expect(Math.max(...Array.from(a, Math.abs))).toBeLessThanOrEqual(1);
    // Clipping drives the copy over full scale: some samples sit at ±1.
    expect(a.filter((v) => Math.abs(v) === 1).length).toBeGreaterThan(0);
    const none = augmentForTraining(x, 8000, 5, { ...robust, reverb: 0, clip: 0, dc: 0 });
    expect(none.length).toBe(x.length);
    expect(none.filter((v) => Math.abs(v) === 1).length).toBe(0);
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
