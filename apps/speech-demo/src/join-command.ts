import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeWavFile } from '@rnnkit/audio-features';
import { createRng } from '@rnnkit/common';
import { formatClipName } from './clip-name';
import { listClips } from './dataset';
import { SpeechDemoError } from './errors';
import { joinedStrings, loadClips } from './training-data';

/** Options of {@link writeJoinedStrings}. */
export interface WriteJoinedOptions {
  dataDirs: string[];
  out: string;
  count: number;
  /** Only these speakers' recordings (default: all). */
  speakers?: string[];
  digits: readonly [number, number];
  pauseMs: readonly [number, number];
  sampleRate: number;
  seed: number;
}

/**
 * Builds connected digit strings from isolated-digit recordings (one speaker per string, short pauses) and
 * writes them as `{digits}_{speaker}_{index}.wav`: test material for sequence mode from held-out speakers.
 */
export function writeJoinedStrings(options: WriteJoinedOptions, skip: (file: string, reason: string) => void): number {
  const clips = listClips(options.dataDirs, 'word').clips.filter((c) => !options.speakers || options.speakers.includes(c.speaker));
  const where = options.dataDirs.join(', ');
  if (clips.length === 0) throw new SpeechDemoError('BAD_INPUT', `no one-digit clips of ${options.speakers?.join(', ')}`, where);
  const loaded = loadClips(clips, options.sampleRate, skip);
  const { count, digits, pauseMs, sampleRate } = options;
  const strings = joinedStrings(loaded, { count, digits, pauseMs, sampleRate }, createRng(options.seed));
  if (strings.length === 0) throw new SpeechDemoError('BAD_INPUT', 'no speaker has recordings of all ten digits', where);
  mkdirSync(options.out, { recursive: true });
  strings.forEach((s, index) => {
    writeWavFile(join(options.out, formatClipName({ label: s.label, speaker: s.speaker, index })), s.samples, sampleRate);
  });
  return strings.length;
}
