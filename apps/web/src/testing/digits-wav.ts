import { readWav, writeWav } from '@rnnkit/audio-features';
import * as path from 'node:path';

/** Rate of the assembled file: what Chromium's fake capture device delivers. */
const RATE = 44_100;

/**
 * One WAV (16-bit, 44.1 kHz, mono) of sample recordings named `<digits>_<voice>_<n>.wav` (the bundled ones are in
 * apps/speech-demo/samples) with `pauseS` seconds of silence before, between and after them — what a person
 * saying digits with pauses sounds like to the page. Returns the bytes and the digits in order.
 */
export function digitsWav(samplesDir: string, sampleFiles: readonly string[], pauseS = 1.2): { bytes: Uint8Array; digits: string[] } {
  const pause = new Float32Array(Math.round(pauseS * RATE));
  const parts: Float32Array[] = [pause];
  for (const file of sampleFiles) {
    parts.push(readWav(path.join(samplesDir, file), { sampleRate: RATE }).samples, pause);
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Float32Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return { bytes: writeWav(joined, RATE), digits: sampleFiles.map((f) => path.basename(f).split('_')[0]) };
}
