import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listClips, speakersOf } from './dataset';
import { SpeechDemoError } from './errors';
import { tempDir } from './testing/fixtures';

describe('listClips', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  beforeAll(() => {
    mkdirSync(a);
    mkdirSync(b);
    // listClips looks at names only; the contents are read later.
    for (const name of ['1_ann_0.wav', '7_ann_1.wav', '42_ann_2.wav', 'notes.txt', 'noise.wav']) writeFileSync(join(a, name), '');
    for (const name of ['3_bob_0.wav', '905_bob_1.wav']) writeFileSync(join(b, name), '');
  });

  it('keeps one-digit clips in word mode and reports the rest as skipped', () => {
    const { clips, skipped } = listClips([a, b], 'word');
    expect(clips.map((c) => [c.label, c.speaker, c.index])).toEqual([
      ['1', 'ann', 0],
      ['7', 'ann', 1],
      ['3', 'bob', 0],
    ]);
    expect(skipped.map((p) => p.slice(dir.length + 1)).sort()).toEqual(['a/42_ann_2.wav', 'a/noise.wav', 'b/905_bob_1.wav']);
  });

  it('keeps every label in sequence mode', () => {
    const { clips } = listClips([a, b], 'sequence');
    expect(clips.map((c) => c.label)).toEqual(['1', '42', '7', '3', '905']);
    expect(speakersOf(clips)).toEqual(['ann', 'bob']);
  });

  it('names a missing folder, and a folder without clips', () => {
    expect(() => listClips([join(dir, 'none')], 'word')).toThrow(SpeechDemoError);
    expect(() => listClips([join(dir, 'none')], 'word')).toThrow(/none: no such folder/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(() => listClips([empty], 'word')).toThrow(/no one-digit clips/);
  });
});
