/** What an FSDD-style file name says about its clip. */
export interface ClipName {
  /** The spoken digits, e.g. `7` (isolated mode) or `314` (string mode). */
  label: string;
  /** Who spoke it (FSDD speaker, or a synthetic voice tag). */
  speaker: string;
  /** The clip's number within its label and speaker. */
  index: number;
}

// Speaker names hold letters, digits and dashes only, so that the underscores stay unambiguous.
const PATTERN = /^([0-9]+)_([A-Za-z0-9-]+)_([0-9]+)\.wav$/i;

/**
 * Parses an FSDD-style file name `{label}_{speaker}_{index}.wav` (directories are ignored), or returns null
 * when the name does not follow that pattern.
 *
 * @example parseClipName('recordings/3_jackson_12.wav') // { label: '3', speaker: 'jackson', index: 12 }
 */
export function parseClipName(path: string): ClipName | null {
  const base = path.split(/[\\/]/).pop() ?? '';
  const match = PATTERN.exec(base);
  if (!match) return null;
  return { label: match[1], speaker: match[2], index: Number(match[3]) };
}

/** The FSDD-style file name for a clip: `{label}_{speaker}_{index}.wav`. Throws on a label or speaker that would not parse back. */
export function formatClipName(clip: ClipName): string {
  const name = `${clip.label}_${clip.speaker}_${clip.index}.wav`;
  if (!PATTERN.test(name)) throw new Error(`cannot name a clip label "${clip.label}", speaker "${clip.speaker}", index ${clip.index}`);
  return name;
}
