import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Mode } from '@rnnkit/speech';
import { parseClipName } from './clip-name';
import { SpeechDemoError } from './errors';

/** The two recognition modes (from @rnnkit/speech): isolated digits or connected digit strings. */
export type { Mode };

/** One labelled recording on disk. */
export interface ClipFile {
  path: string;
  /** The digits spoken, e.g. `7` or `314`. */
  label: string;
  speaker: string;
  index: number;
}

/** What {@link listClips} found. */
export interface ClipListing {
  /** The usable clips, sorted by path. */
  clips: ClipFile[];
  /** WAV files whose names do not follow `{label}_{speaker}_{index}.wav`, or whose label does not fit the mode. */
  skipped: string[];
}

/**
 * Lists the FSDD-style clips (`{label}_{speaker}_{index}.wav`) in one or more folders (not recursive). Word
 * mode keeps one-digit labels; sequence mode keeps every label (a one-digit clip is a string of length one).
 *
 * @throws {@link SpeechDemoError} `BAD_INPUT` when a folder is missing or no clip fits.
 */
export function listClips(dirs: readonly string[], mode: Mode): ClipListing {
  const clips: ClipFile[] = [];
  const skipped: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new SpeechDemoError('BAD_INPUT', 'is not a folder', dir);
      names = readdirSync(dir);
    } catch (err) {
      if (err instanceof SpeechDemoError) throw err;
      throw new SpeechDemoError('BAD_INPUT', 'no such folder', dir);
    }
    for (const name of names.filter((n) => n.toLowerCase().endsWith('.wav'))) {
      const parsed = parseClipName(name);
      const path = join(dir, name);
      if (!parsed || (mode === 'word' && parsed.label.length !== 1)) skipped.push(path);
      else clips.push({ path, ...parsed });
    }
  }
  if (clips.length === 0) {
    const kind = mode === 'word' ? 'one-digit clips named {digit}_{speaker}_{index}.wav' : 'clips named {digits}_{speaker}_{index}.wav';
    throw new SpeechDemoError('BAD_INPUT', `no ${kind} found`, dirs.join(', '));
  }
  clips.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { clips, skipped };
}

/** The speakers of a clip list, sorted. */
export function speakersOf(clips: readonly ClipFile[]): string[] {
  return [...new Set(clips.map((c) => c.speaker))].sort();
}
