import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readWavInfo } from '@rnnkit/audio-features';
import { parseClipName } from './clip-name';
import { augmentClip, BASE_VOICES, planClips, prepareData, speakerTag } from './synthetic-data';
import { tempDir } from './testing/fixtures';

const hasEspeak = !spawnSync('espeak-ng', ['--version']).error;
if (!hasEspeak) console.warn('espeak-ng is not installed: prepare-data tests are skipped (apt-get install espeak-ng)');
const withEspeak = hasEspeak ? it : it.skip;

describe('planClips', () => {
  const options = { words: 12, strings: 5, stringDigits: [2, 4] as const, seed: 3 };

  it('cycles the digits for words and draws strings within the length range', () => {
    const plans = planClips(options);
    expect(plans.slice(0, 12).map((p) => p.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '1']);
    for (const p of plans.slice(12)) {
      expect(p.label).toMatch(/^[0-9]{2,4}$/);
      expect(p.text.replace(/,/g, '').split(' ')).toHaveLength(p.label.length);
    }
    for (const p of plans) {
      expect(BASE_VOICES).toContain(p.speak.voice.split('+')[0]);
      expect(p.speaker).toBe(speakerTag(p.speak.voice));
      expect(parseClipName(`${p.label}_${p.speaker}_${p.index}.wav`)).not.toBeNull();
    }
    expect(new Set(plans.map((p) => p.index)).size).toBe(plans.length);
  });

  it('is deterministic in the seed', () => {
    expect(planClips(options)).toEqual(planClips(options));
    expect(planClips({ ...options, seed: 4 })).not.toEqual(planClips(options));
  });
});

describe('augmentClip', () => {
  it('keeps samples in [-1, 1], adds lead-in and noise, and repeats for a seed', () => {
    const x = Float32Array.from({ length: 4000 }, (_, n) => 0.9 * Math.sin(n / 5));
    const a = augmentClip(x, 8000, 11);
    expect(Array.from(augmentClip(x, 8000, 11))).toEqual(Array.from(a));
    expect(Math.max(...Array.from(a, Math.abs))).toBeLessThanOrEqual(1);
    // Speed 0.9–1.1 of 4000 samples plus up to 150 ms (1200 samples) of lead-in.
    expect(a.length).toBeGreaterThan(4000 / 1.1 - 1);
    expect(a.length).toBeLessThan(4000 / 0.9 + 1201);
    expect(a[0]).not.toBe(0);
  });
});

describe('prepareData', () => {
  withEspeak('writes parsable 8 kHz clips, the same for the same seed', async () => {
    const one = tempDir();
    const two = tempDir();
    try {
      const options = { words: 3, strings: 2, stringDigits: [2, 3] as const, sampleRate: 8000, seed: 5, jobs: 2 };
      const result = await prepareData({ ...options, out: one.dir });
      await prepareData({ ...options, out: two.dir });
      const names = readdirSync(one.dir).sort();
      expect(result.files).toBe(5);
      expect(names).toHaveLength(5);
      const lengths = names.map((n) => parseClipName(n)!.label.length).sort();
      expect(lengths.slice(0, 3)).toEqual([1, 1, 1]);
      for (const n of lengths.slice(3)) expect([2, 3]).toContain(n);
      for (const name of names) {
        const info = readWavInfo(join(one.dir, name));
        expect([info.sampleRate, info.channels, info.bitsPerSample]).toEqual([8000, 1, 16]);
        expect(info.duration).toBeGreaterThan(0.2);
        expect(readFileSync(join(two.dir, name))).toEqual(readFileSync(join(one.dir, name)));
      }
    } finally {
      one.cleanup();
      two.cleanup();
    }
  });
});
