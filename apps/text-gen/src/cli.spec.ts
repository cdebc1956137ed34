import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateText, loadCharModel, loadCorpus, splitCorpus } from '@rnnkit/char-lm';
import { expectNoLeak } from '@rnnkit/test-utils';
import { DEFAULT_MODEL_DIR, runCli } from './cli';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Every file under `dir` with its size and modification time, to show that a failed command changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const s = statSync(full);
      if (s.isDirectory()) walk(full);
      else out[full] = `${s.size}:${s.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

const CORPUS = 'The old man and the sea. The sea was calm, and the man was old.\n'.repeat(12);

describe('text-gen CLI', () => {
  let dir: string;
  let corpus: string;
  let run: string;
  const backend = process.env.RNNKIT_BACKEND;
  beforeAll(async () => {
    process.env.RNNKIT_BACKEND = 'cpu';
    dir = mkdtempSync(join(tmpdir(), 'text-gen-cli-'));
    corpus = join(dir, 'corpus.txt');
    writeFileSync(corpus, CORPUS);
    run = join(dir, 'run');
    const trained = await cli('train', '--corpus', corpus, '--out', run, '--epochs', '3', '--layers', '1', '--hidden', '16', '--embedding', '4', '--batch', '4', '--seq-len', '16', '--lr', '0.01', '--sample-seconds', '0');
    expect([trained.code, trained.stderr]).toEqual([0, expect.stringContaining('text-gen: stopped (budget) after')]);
  });
  afterAll(() => {
    if (backend === undefined) delete process.env.RNNKIT_BACKEND;
    else process.env.RNNKIT_BACKEND = backend;
    rmSync(dir, { recursive: true, force: true });
  });

  it('train writes last/, best/ and a loss-curve SVG, and reports progress, validation and speed on stderr', async () => {
    expect(existsSync(join(run, 'last', 'model.json'))).toBe(true);
    expect(existsSync(join(run, 'best', 'model.json'))).toBe(true);
    const svg = readFileSync(join(run, 'loss.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('class="validation"');
    const last = await loadCharModel(join(run, 'last'));
    expect(last.training?.epoch).toBe(2);
    expect(last.architecture).toMatchObject({ layers: 1, hidden: 16, embedding: 4 });
    last.model.dispose();
    last.optimizer?.dispose();
  });

  it('train prints progress lines with loss, bits/char, chars/s and ETA', async () => {
    const out = join(dir, 'progress');
    const { code, stderr } = await cli('train', '--corpus', corpus, '--out', out, '--epochs', '1', '--layers', '1', '--hidden', '8', '--batch', '4', '--seq-len', '8', '--sample-seconds', '0.001');
    expect(code).toBe(0);
    expect(stderr).toMatch(/\[\d+\.\d%\] step 1 epoch 0 \| loss \d\.\d{3} nats = \d\.\d{3} bits\/char \| [\d,]+ chars\/s \| ETA \d+:\d\d/);
    expect(stderr).toMatch(/\[100\.0%\]/);
    expect(stderr).toMatch(/--- sample ---\n[^]+\n--------------/);
    expect(stderr).toMatch(/validation after \d+ updates: \d\.\d{4} nats\/char \(best so far, saved\)/);
  });

  it('generate streams reproducible text: the prime first, then --length characters', async () => {
    const a = await cli('generate', '--model', run, '--length', '120', '--seed', '7', '--prime', 'The sea');
    const b = await cli('generate', '--model', run, '--length', '120', '--seed', '7', '--prime', 'The sea');
    const c = await cli('generate', '--model', run, '--length', '120', '--seed', '8', '--prime', 'The sea');
    expect(a.code).toBe(0);
    expect(a.stdout.startsWith('The sea')).toBe(true);
    expect([...a.stdout.replace(/\n$/, '')].length).toBeGreaterThanOrEqual(127);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    const options = await cli('generate', '--model', join(run, 'last'), '--length', '50', '--seed', '1', '--temperature', '0.5', '--top-k', '5', '--top-p', '0.9');
    expect(options.code).toBe(0);
  });

  it('generate stops before a --stop string', async () => {
    const full = (await cli('generate', '--model', run, '--length', '300', '--seed', '3')).stdout;
    const { stdout } = await cli('generate', '--model', run, '--length', '300', '--seed', '3', '--stop', '.', 'XYZ');
    expect(stdout).toBe(`${full.slice(0, full.indexOf('.'))}\n`);
  });

  it('eval ends with one JSON line equal to the library figures; --last takes the held-out part', async () => {
    const { code, stdout } = await cli('eval', '--model', run, '--corpus', corpus);
    expect(code).toBe(0);
    const line = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(Object.keys(line)).toEqual(['nats_per_char', 'bits_per_char', 'chars']);
    const { model, vocabulary } = await loadCharModel(run);
    const expected = evaluateText(model, vocabulary, loadCorpus(corpus));
    expect(line.nats_per_char).toBeCloseTo(expected.natsPerChar, 6);
    expect(line.bits_per_char).toBeCloseTo(expected.natsPerChar / Math.LN2, 6);
    expect(line.chars).toBe(CORPUS.length - 1);
    const held = JSON.parse((await cli('eval', '--model', run, '--corpus', corpus, '--last', '0.1')).stdout);
    expect(held.chars).toBe(splitCorpus(CORPUS, 0.1).validation.length - 1);
    expect(held.nats_per_char).toBeCloseTo(evaluateText(model, vocabulary, splitCorpus(CORPUS, 0.1).validation).natsPerChar, 6);
    model.dispose();
  });

  it('train --brown interleaved trains on the first --max-chars of the genre-interleaved corpus', async () => {
    const out = join(dir, 'brown-run');
    const trained = await cli('train', '--brown', 'interleaved', '--max-chars', '3000', '--out', out, '--epochs', '1', '--layers', '1', '--hidden', '8', '--embedding', '0', '--batch', '2', '--seq-len', '16', '--sample-seconds', '0');
    expect(trained.code).toBe(0);
    expect(trained.stderr).toMatch(/from 2700 training characters/);
    const { vocabulary } = await loadCharModel(join(out, 'last'));
    expect(vocabulary.size).toBeGreaterThan(30);
  });

  it('generate and eval leave no tensor behind', async () => {
    await expectNoLeak(() => cli('generate', '--model', run, '--length', '40', '--seed', '1'));
    await expectNoLeak(() => cli('eval', '--model', run, '--corpus', corpus));
  });

  describe('bad input: exit 2, one line on stderr, nothing written or overwritten', () => {
    const expectUsageError = async (argv: string[], pattern: RegExp) => {
      const before = snapshot(dir);
      const { code, stdout, stderr } = await cli(...argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.split('\n').filter((l) => l.startsWith('text-gen:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(snapshot(dir)).toEqual(before);
    };

    it('train: empty, binary, missing or ambiguous corpus; an existing run; nothing to resume; bad numbers', async () => {
      const empty = join(dir, 'empty.txt');
      writeFileSync(empty, '');
      const binary = join(dir, 'image.bin');
      writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe]));
      const out = join(dir, 'new-run');
      await expectUsageError(['train', '--corpus', empty, '--out', out], /empty\.txt: the corpus is empty/);
      await expectUsageError(['train', '--corpus', binary, '--out', out], /image\.bin: this looks like a binary file/);
      await expectUsageError(['train', '--corpus', join(dir, 'missing.txt'), '--out', out], /missing\.txt: cannot read/);
      await expectUsageError(['train', '--out', out], /give a corpus/);
      await expectUsageError(['train', '--corpus', corpus, '--brown', '--out', out], /not both/);
      await expectUsageError(['train', '--brown', 'sideways', '--out', out], /Allowed choices are category, interleaved/);
      await expectUsageError(['train', '--corpus', corpus, '--out', run], /already holds a training run/);
      await expectUsageError(['train', '--corpus', corpus, '--out', out, '--resume'], /no checkpoint to resume/);
      await expectUsageError(['train', '--corpus', corpus, '--out', out, '--minutes', '1', '--epochs', '1'], /cannot be used with/);
      await expectUsageError(['train', '--corpus', corpus, '--out', out, '--layers', '0'], /--layers must be >= 1/);
      await expectUsageError(['train', '--corpus', corpus, '--out', out, '--hidden', 'lots'], /--hidden must be an integer/);
      await expectUsageError(['train', '--corpus', corpus, '--out', out, '--cell', 'rnn'], /Allowed choices are lstm, gru/);
      await expectUsageError(['train', '--corpus', corpus, '--out', run, '--resume', '--batch', '8'], /batchSize: checkpoint \d+, asked 8/);
    });

    it('train --threads N shares each update among N threads and says so; RNNKIT_THREADS sets the default', async () => {
      const two = await cli('train', '--corpus', corpus, '--out', join(dir, 'threads-2'), '--epochs', '1', '--layers', '1', '--hidden', '8', '--batch', '4', '--seq-len', '8', '--sample-seconds', '0', '--threads', '2');
      expect([two.code, two.stderr]).toEqual([0, expect.stringContaining('training on 2 threads')]);
      const saved = process.env.RNNKIT_THREADS;
      process.env.RNNKIT_THREADS = '1';
      try {
        const one = await cli('train', '--corpus', corpus, '--out', join(dir, 'threads-env'), '--epochs', '1', '--layers', '1', '--hidden', '8', '--batch', '4', '--seq-len', '8', '--sample-seconds', '0');
        expect([one.code, one.stderr]).toEqual([0, expect.stringContaining('training on 1 thread\n')]);
        process.env.RNNKIT_THREADS = 'many';
        await expectUsageError(['train', '--corpus', corpus, '--out', join(dir, 'threads-bad')], /RNNKIT_THREADS must be a positive integer number of threads, got "many"/);
      } finally {
        if (saved === undefined) delete process.env.RNNKIT_THREADS;
        else process.env.RNNKIT_THREADS = saved;
      }
      await expectUsageError(['train', '--corpus', corpus, '--out', join(dir, 'threads-bad'), '--threads', '0'], /--threads must be >= 1/);
    });

    it('generate: missing or corrupt model, unknown prime characters, bad length, temperature, top-k, top-p', async () => {
      await expectUsageError(['generate', '--model', join(dir, 'nowhere')], /nowhere: no such model directory/);
      const corrupt = join(dir, 'corrupt');
      mkdirSync(corrupt);
      writeFileSync(join(corrupt, 'model.json'), '{"format": "rnnkit-model", ');
      await expectUsageError(['generate', '--model', corrupt], /model\.json: is not valid JSON/);
      await expectUsageError(['generate', '--model', run, '--prime', 'Üse the'], /prime text has 1 character the model does not know: "Ü" \(U\+00DC\)/);
      for (const length of ['0', '-5', '1e12', 'ten', '2.5']) await expectUsageError(['generate', '--model', run, '--length', length], /--length/);
      for (const t of ['0', '-1', 'hot']) await expectUsageError(['generate', '--model', run, '--temperature', t], /--temperature/);
      await expectUsageError(['generate', '--model', run, '--top-k', '0'], /--top-k/);
      await expectUsageError(['generate', '--model', run, '--top-p', '1.5'], /--top-p/);
      await expectUsageError(['generate', '--model', run, '--seed', '0.5'], /--seed/);
    });

    it('eval: missing corpus option, binary corpus, missing model; unknown commands', async () => {
      await expectUsageError(['eval', '--model', run], /required option '--corpus <path>'/);
      const binary = join(dir, 'image.bin');
      await expectUsageError(['eval', '--model', run, '--corpus', binary], /binary file/);
      await expectUsageError(['eval', '--model', join(dir, 'nowhere'), '--corpus', corpus], /no such model directory/);
      await expectUsageError(['fly'], /unknown command 'fly'/);
    });
  });

  it('a failure that is not the fault of the input exits 1 with one line: an output directory below a file', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const { code, stderr } = await cli('train', '--corpus', corpus, '--out', join(blocker, 'run'), '--epochs', '1', '--layers', '1', '--hidden', '8', '--embedding', '0', '--batch', '2', '--seq-len', '16', '--sample-seconds', '0');
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((l) => l.startsWith('text-gen:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/a-file/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('--help works for the program and every command; no arguments is a usage error', async () => {
    for (const argv of [['--help'], ['train', '--help'], ['generate', '--help'], ['eval', '--help']]) {
      const { code, stdout } = await cli(...argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: text-gen/);
    }
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: text-gen/);
  });

  const shipped = existsSync(join(DEFAULT_MODEL_DIR, 'model.json'));
  (shipped ? it : it.skip)('generate without --model uses the shipped Brown model and writes English-looking text', async () => {
    const { code, stdout } = await cli('generate', '--length', '600', '--seed', '1');
    expect(code).toBe(0);
    const words = stdout.split(/\s+/).filter((w) => w.length > 0);
    const plain = words.filter((w) => /^[A-Za-z]+[,.;:!?'")]*$/.test(w));
    expect(plain.length / words.length).toBeGreaterThan(0.8);
    const common = ['the', 'of', 'and', 'to', 'a', 'in', 'is', 'that', 'was', 'he', 'for', 'it', 'with', 'as', 'his', 'on'];
    const hits = words.filter((w) => common.includes(w.toLowerCase().replace(/[^a-z]/g, '')));
    expect(hits.length / words.length).toBeGreaterThan(0.15);
  });
});
