import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runCli } from './cli';
import * as features from './features';
import { mfcc } from './features';
import { writeWav } from './wav-writer';
import { readWav } from './wav-file';
import { expectFramesClose } from './test-utils/close';
import { noise, sine } from './test-utils/signals';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('audio-features CLI', () => {
  let dir: string;
  let speech: string;
  let stereo: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'af-cli-'));
    speech = join(dir, 'tone.wav');
    const hiss = noise(4000, 2, 0.02);
    writeFileSync(speech, writeWav(sine(440, 8000, 4000, 0.4).map((v, i) => v + hiss[i]), 8000));
    stereo = join(dir, 'stereo, 16k.wav');
    writeFileSync(stereo, writeWav([sine(300, 16000, 3000, 0.5), sine(900, 16000, 3000, 0.5)], 16000, { format: 'float32' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('mfcc prints one JSON object per file per line, equal to the API result', async () => {
    const { code, stdout, stderr } = await cli('mfcc', speech, stereo);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.sampleRate])).toEqual([[speech, 8000], [stereo, 16000]]);
    const { samples } = readWav(speech);
    // JSON carries 8 significant digits of the float32 values.
    expectFramesClose(lines[0].frames, mfcc(samples, 8000), { rtol: 1e-7, atol: 1e-6 });
    expect(lines[1].frames[0].length).toBe(13);
  });

  it('mfcc honours the feature options and --sample-rate, and writes CSV', async () => {
    const { code, stdout } = await cli(
      'mfcc', stereo, '--format', 'csv', '--num-ceps', '20', '--num-filters', '40', '--nfft', '1024',
      '--win-ms', '32', '--hop-ms', '16', '--sample-rate', '8000',
    );
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header.split(',')).toEqual(['file', 'sample_rate', 'frame', ...Array.from({ length: 20 }, (_, i) => `c${i}`)]);
    expect(rows[0].startsWith(`"${stereo}",8000,0,`)).toBe(true);
    const { samples } = readWav(stereo, { sampleRate: 8000 });
    const expected = mfcc(samples, 8000, { numCeps: 20, numFilters: 40, nfft: 1024, winMs: 32, hopMs: 16 });
    expect(rows.length).toBe(expected.length);
    expect(Number(rows[3].split(',').at(-1))).toBeCloseTo(expected[3][19], 4);
  });

  it('mfcc --flavour meyda uses the meyda flavour', async () => {
    const { stdout } = await cli('mfcc', speech, '--flavour', 'meyda');
    const { samples } = readWav(speech);
    expect(JSON.parse(stdout).frames[2][1]).toBeCloseTo(mfcc(samples, 8000, { flavour: 'meyda' })[2][1], 4);
  });

  it('info describes each file, as text or JSON', async () => {
    const text = await cli('info', speech, stereo);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${speech}: PCM 16-bit, 1 channel, 8000 Hz, 0.500 s (4000 samples per channel)`);
    expect(text.stdout).toContain('IEEE float 32-bit, 2 channels, 16000 Hz');
    const json = JSON.parse((await cli('info', '--format', 'json', stereo)).stdout);
    expect(json).toMatchObject({ file: stereo, encoding: 'float', channels: 2, sampleRate: 16000, bitsPerSample: 32, frames: 3000 });
  });

  it('spectrogram writes a PNG or an SVG', async () => {
    const png = join(dir, 'spec.png');
    expect((await cli('spectrogram', speech, '--out', png)).code).toBe(0);
    const image = PNG.sync.read(readFileSync(png));
    expect([image.width, image.height]).toEqual([2 * mfcc(new Float32Array(4000), 8000).length, 4 * 40]);
    const svg = join(dir, 'spec.svg');
    expect((await cli('spectrogram', speech, '--out', svg, '--num-filters', '20')).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('height="80"');
    expect((await cli('spectrogram', speech, '--out', join(dir, 'spec.gif'))).code).toBe(2);
  });

  it.each([
    ['a file that is not a WAV', ['mfcc', 'NOTWAV'], /not a WAV file/],
    ['a missing file', ['info', 'missing.wav'], /missing\.wav: no such file/],
    ['a non-numeric option', ['mfcc', 'x.wav', '--num-ceps', 'many'], /--num-ceps must be an integer/],
    ['an impossible option', ['mfcc', 'SPEECH', '--nfft', '128'], /nfft 128 is shorter/],
    ['an unknown flavour', ['mfcc', 'x.wav', '--flavour', 'htk'], /'--flavour <name>' argument 'htk' is invalid. Allowed choices are psf, meyda/],
    ['an unknown command', ['transcode'], /unknown command/],
    ['no files', ['mfcc'], /missing required argument/],
  ])('%s: exit 2, one line on stderr, no stack', async (_name, args, message) => {
    const notWav = join(dir, 'not.wav');
    writeFileSync(notWav, 'just some text, no audio here');
    const argv = args.map((a) => (a === 'NOTWAV' ? notWav : a === 'SPEECH' ? speech : a));
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('follows the exit-code table: unreadable file 2, failed write 1, internal failure 1', async () => {
    const folder = await cli('info', dir);
    expect([folder.code, folder.stderr]).toEqual([2, `audio-features: ${dir}: not a regular file; give the path of a WAV file\n`]);
    const unwritable = await cli('spectrogram', speech, '--out', join(dir, 'no-such-dir', 'x.png'));
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/^audio-features: .*x\.png: cannot write \(ENOENT\); check that its directory exists/);
    const crash = jest.spyOn(features, 'mfcc').mockImplementation(() => {
      throw new TypeError('an internal bug');
    });
    try {
      const internal = await cli('mfcc', speech);
      expect([internal.code, internal.stderr]).toEqual([1, 'audio-features: unexpected failure: an internal bug (run with --verbose for details)\n']);
    } finally {
      crash.mockRestore();
    }
  });

  it('--verbose adds the stack trace', async () => {
    const { code, stderr } = await cli('info', 'missing.wav', '--verbose');
    expect(code).toBe(2);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('--help prints usage to stdout and exits 0', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: audio-features/);
    const sub = await cli('mfcc', '--help');
    expect(sub.stdout).toMatch(/--flavour <name>/);
    expect(sub.code).toBe(0);
  });
});
