import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AudioFeaturesError, readWav, writeWav } from '@rnnkit/audio-features';
import { spacedClips, useBackend } from '@rnnkit/test-utils';
import { runCli } from './cli';
import { parseClipName } from './clip-name';
import { formatUtterance, listen, openWavInput } from './listen-command';
import { tempDir } from './testing/fixtures';
import { Recognizer } from './recognizer';

const samplesDir = join(__dirname, '..', 'samples');
const singles = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.wav') && parseClipName(f)!.label.length === 1)
  .sort();

/** The one-digit samples, spaced out in one 16 kHz WAV whose header says "length unknown", as sox writes to a pipe. */
function streamedWav(): Uint8Array {
  const clips = singles.map((f) => readWav(join(samplesDir, f), { sampleRate: 16000 }).samples);
  const bytes = writeWav(spacedClips(clips, 16000).signal, 16000);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(4, 0xffffffff, true);
  view.setUint32(40, 0xffffffff, true); // writeWav's data chunk header follows a 16-byte fmt chunk
  return bytes;
}

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

describe('speech-demo listen', () => {
  useBackend('wasm');
  let word: Recognizer;
  beforeAll(async () => {
    word = await Recognizer.load('word');
  });
  afterAll(() => word.dispose());

  it('prints one line per utterance of a streamed WAV: span, digits, confidence', async () => {
    const bytes = streamedWav();
    expect(new DataView(bytes.buffer).getUint32(36, true)).toBe(0x61746164); // 'data', where the test patched its size
    const lines: string[] = [];
    expect(await listen(word, chunks(bytes, 3000), (l) => lines.push(l))).toBe(singles.length);
    expect(lines.map((l) => l.split('\t')[1])).toEqual(singles.map((f) => parseClipName(f)!.label));
    for (const line of lines) expect(line).toMatch(/^\d+\.\d\d-\d+\.\d\d\t\d\t[01]\.\d{3}$/);
  });

  it('--format json: one object per line with per-digit probabilities', async () => {
    const lines: string[] = [];
    await listen(word, chunks(streamedWav(), 8192), (l) => lines.push(l), { format: 'json' });
    const objects = lines.map((l) => JSON.parse(l));
    expect(objects.map((o) => o.transcript)).toEqual(singles.map((f) => parseClipName(f)!.label));
    for (const o of objects) {
      expect(o.end).toBeGreaterThan(o.start);
      expect(o.digits[0].probabilities).toHaveLength(10);
      expect(o.latencyMs).toBeGreaterThanOrEqual(o.computeMs);
    }
  });

  it('refuses input that is not a WAV stream', async () => {
    await expect(listen(word, chunks(new TextEncoder().encode('not audio at all, sorry'), 5), () => {})).rejects.toThrow(AudioFeaturesError);
  });

  it('formats an utterance with no digits as a dash', () => {
    const u = { transcript: '', confidence: 0.5, digits: [], start: 1, end: 2, truncated: false, latencyMs: 210, computeMs: 10 };
    expect(formatUtterance(u, 'text')).toBe('1.00-2.00\t-\t0.500');
  });

  it('reads --input FILE as a stream, and refuses a missing path or a folder in one line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'long.wav');
      writeFileSync(file, streamedWav());
      const lines: string[] = [];
      await listen(word, openWavInput(file), (l) => lines.push(l));
      expect(lines.map((l) => l.split('\t')[1])).toEqual(singles.map((f) => parseClipName(f)!.label));
      expect(() => openWavInput(join(dir, 'missing.wav'))).toThrow(/missing\.wav: no such file/);
      expect(() => openWavInput(dir)).toThrow(/not a regular file/);
    } finally {
      cleanup();
    }
  });

  describe('on the command line', () => {
    async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { code, stdout, stderr };
    }

    it('speech-demo listen --input FILE [--format json]: one line per utterance, right digits, exit 0', async () => {
      const { dir, cleanup } = tempDir();
      try {
        const file = join(dir, 'long.wav');
        writeFileSync(file, streamedWav());
        const text = await run('listen', '--input', file);
        expect(text.code).toBe(0);
        expect(text.stdout.trim().split('\n').map((l) => l.split('\t')[1])).toEqual(singles.map((f) => parseClipName(f)!.label));
        const json = await run('listen', '--input', file, '--format', 'json');
        expect(json.code).toBe(0);
        expect(json.stdout.trim().split('\n').map((l) => JSON.parse(l).transcript)).toEqual(singles.map((f) => parseClipName(f)!.label));
      } finally {
        cleanup();
      }
    });

    it('bad input exits 2 with one line: not a WAV stream, a missing file, a wrong option', async () => {
      const { dir, cleanup } = tempDir();
      try {
        const text = join(dir, 'notes.wav');
        writeFileSync(text, 'these are notes, not audio');
        for (const argv of [['--input', text], ['--input', join(dir, 'missing.wav')], ['--format', 'xml']]) {
          const { code, stderr } = await run('listen', ...argv);
          expect(code).toBe(2);
          expect(stderr.trim().split('\n')).toHaveLength(1);
          expect(stderr).not.toMatch(/\n\s+at /);
        }
      } finally {
        cleanup();
      }
    });

    it('--help describes the command', async () => {
      const { code, stdout } = await run('listen', '--help');
      expect(code).toBe(0);
      expect(stdout.replace(/\s+/g, " ")).toMatch(/sox -d -t wav - \| speech-demo listen/);
      expect(stdout).toMatch(/--format/);
    });
  });
});
