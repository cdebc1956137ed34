import { spawn, spawnSync } from 'node:child_process';
import { readWav } from '@rnnkit/audio-features';
import { SpeechDemoError } from './errors';

/** How to install espeak-ng, for the error message. */
export const ESPEAK_INSTALL_HINT =
  'install it with `sudo apt-get install espeak-ng` (Debian/Ubuntu), `sudo dnf install espeak-ng` (Fedora) or `brew install espeak-ng` (macOS)';

/**
 * Checks that the espeak-ng program runs and returns its version line.
 *
 * @throws {@link SpeechDemoError} `MISSING_TOOL` saying how to install it.
 */
export function checkEspeak(command = 'espeak-ng'): string {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    const problem = `speech synthesis needs espeak-ng, which is not installed or does not run ("${command}")`;
    throw new SpeechDemoError('MISSING_TOOL', `${problem}; ${ESPEAK_INSTALL_HINT}`);
  }
  return result.stdout.split('\n')[0].trim();
}

/** One way of speaking. */
export interface SpeakOptions {
  /** espeak-ng voice, optionally with a variant: `en-us`, `en-gb+f3`. */
  voice: string;
  /** Pitch 0–99 (espeak-ng's default is 50). */
  pitch: number;
  /** Words per minute (espeak-ng's default is 175). */
  speed: number;
  /** Pause between words in units of 10 ms at the default speed. */
  wordGap?: number;
  /** The program to run. Default `espeak-ng`. */
  command?: string;
}

/**
 * espeak-ng writes a streaming WAV header to stdout whose RIFF and data sizes are placeholders; this sets them
 * to the bytes actually present so that an ordinary WAV reader accepts the file.
 */
export function fixStreamedWavSizes(bytes: Uint8Array): Uint8Array {
  const fixed = Uint8Array.from(bytes);
  const view = new DataView(fixed.buffer);
  if (fixed.length < 12) return fixed;
  view.setUint32(4, fixed.length - 8, true);
  let at = 12;
  while (at + 8 <= fixed.length) {
    const id = String.fromCharCode(fixed[at], fixed[at + 1], fixed[at + 2], fixed[at + 3]);
    if (id === 'data') {
      view.setUint32(at + 4, fixed.length - at - 8, true);
      break;
    }
    at += 8 + view.getUint32(at + 4, true) + (view.getUint32(at + 4, true) % 2);
  }
  return fixed;
}

/** Speaks `text` with espeak-ng and returns mono samples at `sampleRate` (resampled from espeak-ng's 22,050 Hz). */
export function speak(text: string, options: SpeakOptions, sampleRate: number): Promise<Float32Array> {
  const args = ['-v', options.voice, '-p', String(options.pitch), '-s', String(options.speed), '--stdout'];
  if (options.wordGap) args.push('-g', String(options.wordGap));
  const command = options.command ?? 'espeak-ng';
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, text], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', () => reject(new SpeechDemoError('MISSING_TOOL', `cannot run "${command}"; ${ESPEAK_INSTALL_HINT}`)));
    child.on('close', (status) => {
      if (status !== 0) {
        reject(new Error(`espeak-ng failed (exit ${status}) for voice ${options.voice}: ${stderr.trim().split('\n')[0]}`));
        return;
      }
      try {
        resolve(readWav(fixStreamedWavSizes(Buffer.concat(chunks)), { sampleRate }).samples);
      } catch (err) {
        reject(err);
      }
    });
  });
}
