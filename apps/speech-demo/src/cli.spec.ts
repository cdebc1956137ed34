import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWavFile } from '@rnnkit/audio-features';
import { useBackend } from '@rnnkit/test-utils';
import { runCli } from './cli';
import { parseClipName } from './clip-name';
import { Recognizer } from './recognizer';
import { tempDir } from './testing/fixtures';
import { writeToneClips } from './testing/tone-data';

const samplesDir = join(__dirname, '..', 'samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.wav')).sort();
const single = samples.filter((f) => parseClipName(f)!.label.length === 1);

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()!;
}

describe('speech-demo recognize', () => {
  useBackend('wasm');

  it('prints file<TAB>transcript, one line per file', async () => {
    const files = single.map((f) => join(samplesDir, f));
    const { code, stdout, stderr } = await run('recognize', ...files);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.split('\n').filter(Boolean)).toEqual(files.map((f) => `${f}\t${parseClipName(f)!.label}`));
  });

  it('recognizes every bundled clip, strings and single digits, exactly in sequence mode', async () => {
    // The shipped sequence model transcribes all bundled samples exactly (measured with both decoders).
    const files = samples.map((f) => join(samplesDir, f));
    expect(files.some((f) => parseClipName(f)!.label.length > 1)).toBe(true);
    const { code, stdout, stderr } = await run('recognize', '--mode', 'sequence', ...files);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n').filter(Boolean)).toEqual(files.map((f) => `${f}\t${parseClipName(f)!.label}`));
  });
});

describe('speech-demo eval', () => {
  useBackend('wasm');

  it('word mode ends with {"n","accuracy"} over the one-digit clips', async () => {
    const { code, stdout } = await run('eval', '--data', samplesDir);
    expect(code).toBe(0);
    const result = JSON.parse(lastLine(stdout));
    expect(Object.keys(result)).toEqual(['n', 'accuracy']);
    expect(result.n).toBe(single.length);
    expect(result.accuracy).toBe(1);
  });

  it('sequence mode ends with {"n","sequence_accuracy","digit_error_rate"} over every clip', async () => {
    const { code, stdout } = await run('eval', '--data', samplesDir, '--mode', 'sequence', '--decoder', 'greedy');
    expect(code).toBe(0);
    const result = JSON.parse(lastLine(stdout));
    expect(Object.keys(result)).toEqual(['n', 'sequence_accuracy', 'digit_error_rate']);
    expect(result.n).toBe(samples.length);
    // Greedy decoding gets every bundled string right, so both figures are exact.
    expect(result.sequence_accuracy).toBe(1);
    expect(result.digit_error_rate).toBe(0);
  });

  it('writes the confusion matrix picture on request', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const picture = join(dir, 'confusion.png');
      const { code } = await run('eval', '--data', samplesDir, '--confusion', picture);
      expect(code).toBe(0);
      expect(readFileSync(picture).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      cleanup();
    }
  });
});

describe('speech-demo train', () => {
  useBackend('wasm');

  it('trains from the command line, prints a JSON summary and writes a model with the asked front-end', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const data = join(dir, 'data');
      writeToneClips(data, ['ann', 'cy'], [0, 1, 2], 2);
      const out = join(dir, 'model');
      const { code, stdout, stderr } = await run(
        'train', '--data', data, '--out', out, '--val-speakers', 'cy', '--epochs', '1', '--layers', '1', '--units', '4',
        '--batch-size', '2', '--ceps', '8', '--band', '100,3600', '--margin-ms', '50', '--stack', '2', '--max-steps', '2', '--threads', '2',
        '--dither', 'pink,25',
      );
      expect([code, stderr]).toEqual([0, expect.stringContaining('best epoch 1')]);
      expect(stderr).toContain('training on 2 threads\n');
      expect(JSON.parse(lastLine(stdout))).toMatchObject({ mode: 'word', best_epoch: 1, out });
      const recognizer = await Recognizer.load('word', { modelDir: out });
      expect(recognizer.frontEnd).toMatchObject({ numCeps: 8, stack: 2, marginMs: 50, bandHz: [100, 3600], dither: { colour: 'pink', belowPeakDb: 25 } });
      recognizer.dispose();
    } finally {
      cleanup();
    }
  });

  it('passes the room and device augmentation options to training and records them with the model', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const data = join(dir, 'data');
      writeToneClips(data, ['ann', 'cy'], [0, 1], 2);
      const out = join(dir, 'model');
      const { code } = await run(
        'train', '--data', data, '--out', out, '--val-speakers', 'cy', '--epochs', '1', '--layers', '1', '--units', '4', '--max-steps', '1',
        '--threads', '1', '--augment', '1', '--augment-except', 'none', '--noise-snr', '0,20', '--noise-colours', 'pink,brown', '--reverb', '0.5', '--clip', '0.1', '--dc', '1',
      );
      expect(code).toBe(0);
      const { training } = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).extra;
      expect(training).toMatchObject({ noiseSnr: [0, 20], noiseColours: ['pink', 'brown'], reverb: 0.5, clip: 0.1, dc: 1 });
    } finally {
      cleanup();
    }
  });
});

describe('bad input', () => {
  useBackend('wasm');
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const good = join(samplesDir, single[0]);
  const files = {
    text: join(dir, 'notes.wav'),
    empty: join(dir, 'empty.wav'),
    truncated: join(dir, 'truncated.wav'),
    silence: join(dir, 'silence.wav'),
    long: join(dir, 'ten-minutes.wav'),
    missing: join(dir, 'missing.wav'),
  };
  beforeAll(() => {
    writeFileSync(files.text, 'this is not audio\n');
    writeFileSync(files.empty, '');
    writeFileSync(files.truncated, readFileSync(good).subarray(0, 1000));
    writeWavFile(files.silence, new Float32Array(8000), 8000);
    writeWavFile(files.long, new Float32Array(600 * 8000), 8000);
  });

  const unreadable: Array<[keyof typeof files, RegExp]> = [
    ['text', /notes\.wav: .*(RIFF|WAV)/i],
    ['empty', /empty\.wav: /],
    ['truncated', /truncated\.wav: .*(truncated|claims)/i],
    ['long', /ten-minutes\.wav: recording is 600\.0 s long; at most 60 s/],
    ['missing', /missing\.wav: no such file/],
  ];
  it.each(unreadable)('%s file: exit 2 with one line naming the file, no stack trace', async (kind, message) => {
    const { code, stdout, stderr } = await run('recognize', files[kind]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('silence: an empty transcript and exit 0', async () => {
    for (const mode of ['word', 'sequence']) {
      const { code, stdout } = await run('recognize', '--mode', mode, files.silence);
      expect(code).toBe(0);
      expect(stdout).toBe(`${files.silence}\t\n`);
    }
  });

  it('good files are still recognized next to bad ones; the exit status reports the bad one', async () => {
    const { code, stdout, stderr } = await run('recognize', good, files.text, good);
    expect(code).toBe(2);
    const line = `${good}\t${parseClipName(good)!.label}`;
    expect(stdout).toBe(`${line}\n${line}\n`);
    expect(stderr).toMatch(/^speech-demo: .*notes\.wav: [^\n]*\n$/);
  });

  it('--verbose adds the stack trace', async () => {
    const { code, stderr } = await run('--verbose', 'recognize', files.text);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('eval scores the readable files and reports the others', async () => {
    const data = join(dir, 'data');
    require('node:fs').mkdirSync(data);
    copyFileSync(good, join(data, single[0]));
    writeFileSync(join(data, '5_bad_0.wav'), 'junk');
    const { code, stdout, stderr } = await run('eval', '--data', data);
    expect(code).toBe(0);
    expect(JSON.parse(lastLine(stdout)).n).toBe(1);
    expect(stderr).toMatch(/5_bad_0\.wav/);
    expect(stderr).toMatch(/1 of 2 files could not be read/);
  });
});

describe('bad usage', () => {
  useBackend('wasm');

  const cases: Array<[string, string[], RegExp]> = [
    ['unknown mode', ['recognize', '--mode', 'letters', 'x.wav'], /--mode/],
    ['no files', ['recognize'], /missing required argument/],
    ['unknown command', ['transcribe'], /unknown command/],
    ['eval without data', ['eval'], /--data/],
    ['missing data folder', ['eval', '--data', '/nonexistent/folder'], /\/nonexistent\/folder: no such folder/],
    ['bad range', ['join', '--data', 'x', '--out', 'y', '--digits', '5,2'], /--digits/],
    ['too many cepstra', ['train', '--data', 'x', '--out', 'y', '--ceps', '40'], /--ceps must be at most 26/],
    ['band above Nyquist', ['train', '--data', 'x', '--out', 'y', '--band', '100,5000'], /--band must be .* ≤ 4000/],
    ['empty band', ['train', '--data', 'x', '--out', 'y', '--band', '300,300'], /--band must be/],
    ['zero threads', ['train', '--data', 'x', '--out', 'y', '--threads', '0'], /--threads must be/],
    ['unknown noise colour', ['train', '--data', 'x', '--out', 'y', '--noise-colours', 'white,purple'], /--noise-colours takes white, pink, brown .*"purple"/],
    ['a share above 1', ['train', '--data', 'x', '--out', 'y', '--reverb', '1.5'], /--reverb must be/],
    ['a dither of no level', ['train', '--data', 'x', '--out', 'y', '--dither', 'pink'], /--dither must be COLOUR,DB .*"pink"/],
    ['a dither of an unknown colour', ['train', '--data', 'x', '--out', 'y', '--dither', 'blue,20'], /--dither must be COLOUR,DB .*"blue,20"/],
    ['not a model', ['recognize', '--model', '/nonexistent/model', 'x.wav'], /model\.json: is missing — is this a model directory\?/],
  ];
  it.each(cases)('%s: exit 2 with one line', async (_name, argv, message) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('a model of the other mode is refused', async () => {
    const { code, stderr } = await run('recognize', '--mode', 'sequence', '--model', join(__dirname, '..', 'models', 'word'), join(samplesDir, single[0]));
    expect(code).toBe(2);
    expect(stderr).toMatch(/word-mode model, but sequence mode was asked for/);
  });

  it('--help exits 0 and lists the commands', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['recognize', 'eval', 'train', 'prepare-data', 'join']) expect(stdout).toContain(command);
  });

  it('an internal failure exits 1 with one line; the stack only with --verbose', async () => {
    const load = jest.spyOn(Recognizer, 'load').mockImplementation(() => {
      throw new TypeError('an internal bug');
    });
    try {
      const quiet = await run('recognize', join(samplesDir, single[0]));
      expect([quiet.code, quiet.stderr]).toEqual([1, 'speech-demo: unexpected failure: an internal bug (run with --verbose for details)\n']);
      const verbose = await run('--verbose', 'recognize', join(samplesDir, single[0]));
      expect(verbose.code).toBe(1);
      expect(verbose.stderr).toMatch(/\n\s+at /);
    } finally {
      load.mockRestore();
    }
  });

  it('prepare-data without espeak-ng says how to install it (exit 1)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { code, stderr } = await run('prepare-data', '--out', dir, '--words', '1', '--espeak', '/nonexistent/espeak-ng');
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/needs espeak-ng.*apt-get install espeak-ng/);
    } finally {
      cleanup();
    }
  });
});

describe('join', () => {
  it('writes digit strings named by their digits, from one speaker each', async () => {
    const { dir, cleanup } = tempDir();
    try {
      // One speaker with all ten digits: tones stand in for speech.
      const { writeToneClips } = await import('./testing/tone-data');
      writeToneClips(join(dir, 'in'), ['ann'], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1);
      const { code, stderr } = await run('join', '--data', join(dir, 'in'), '--out', join(dir, 'out'), '--count', '5', '--digits', '2,3');
      expect(code).toBe(0);
      expect(stderr).toMatch(/wrote 5 digit strings/);
      const names = readdirSync(join(dir, 'out')).map((n) => parseClipName(n)!);
      expect(names).toHaveLength(5);
      for (const n of names) {
        expect(n.speaker).toBe('ann');
        expect(n.label).toMatch(/^[0-9]{2,3}$/);
      }
    } finally {
      cleanup();
    }
  });
});
