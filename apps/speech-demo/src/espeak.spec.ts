import { spawnSync } from 'node:child_process';
import { readWav, writeWav } from '@rnnkit/audio-features';
import { SpeechDemoError } from './errors';
import { checkEspeak, fixStreamedWavSizes, speak } from './espeak';

const hasEspeak = !spawnSync('espeak-ng', ['--version']).error;
if (!hasEspeak) console.warn('espeak-ng is not installed: synthesis tests are skipped (apt-get install espeak-ng)');
const withEspeak = hasEspeak ? it : it.skip;

describe('fixStreamedWavSizes', () => {
  it('replaces the placeholder sizes of a streamed header with the real ones', () => {
    const wav = writeWav(Float32Array.from([0.5, -0.5, 0.25]), 8000);
    const streamed = Uint8Array.from(wav);
    const view = new DataView(streamed.buffer);
    view.setUint32(4, 0x7ffff024, true);
    view.setUint32(40, 0x7ffff000, true);
    expect(() => readWav(streamed)).toThrow(/claims/);
    const fixed = fixStreamedWavSizes(streamed);
    expect(Array.from(fixed)).toEqual(Array.from(wav));
    expect(Array.from(readWav(fixed).samples)).toEqual(Array.from(readWav(wav).samples));
  });
});

describe('checkEspeak', () => {
  it('says how to install espeak-ng when it cannot run', () => {
    expect(() => checkEspeak('/nonexistent/espeak-ng')).toThrow(SpeechDemoError);
    expect(() => checkEspeak('/nonexistent/espeak-ng')).toThrow(/apt-get install espeak-ng/);
  });

  withEspeak('returns the version line of an installed espeak-ng', () => {
    expect(checkEspeak()).toMatch(/eSpeak NG/i);
  });
});

describe('speak', () => {
  withEspeak('synthesizes audible speech at the requested rate', async () => {
    const samples = await speak('seven', { voice: 'en-us', pitch: 50, speed: 175 }, 8000);
    // "seven" lasts a few tenths of a second.
    expect(samples.length).toBeGreaterThan(0.2 * 8000);
    expect(samples.length).toBeLessThan(2 * 8000);
    expect(Math.max(...Array.from(samples, Math.abs))).toBeGreaterThan(0.05);
  });

  it('rejects with the install hint when the program is missing', async () => {
    const missing = speak('one', { voice: 'en-us', pitch: 50, speed: 175, command: '/nonexistent/espeak-ng' }, 8000);
    await expect(missing).rejects.toThrow(/apt-get install espeak-ng/);
  });
});
