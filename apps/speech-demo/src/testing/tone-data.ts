import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeWavFile } from '@rnnkit/audio-features';
import { toneClip } from './fixtures';

/** Writes toy clips `{digit}_{speaker}_{index}.wav` (tones whose pitch encodes the digit) into `dir`. */
export function writeToneClips(dir: string, speakers: string[], digits: number[], perDigit: number): void {
  mkdirSync(dir, { recursive: true });
  speakers.forEach((speaker, s) => {
    for (const d of digits) {
      for (let i = 0; i < perDigit; i++) writeWavFile(join(dir, `${d}_${speaker}_${i}.wav`), toneClip(d, 100 * s + 10 * d + i), 8000);
    }
  });
}
