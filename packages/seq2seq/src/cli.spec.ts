import { tf } from '@rnnkit/rnn-core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from './cli';
import { loadSeq2SeqModel } from './model/model-files';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdin: Readable.from([stdin]),
  });
  return { code, stdout, stderr };
}

/** stderr without the backend notice that every model command starts with. */
function messages(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => l && !l.startsWith('rnnkit: backend'));
}

describe('seq2seq-demo', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-cli-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help for the program and every command, exit 0', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['train', 'translate', 'eval', 'attention']) expect(top.stdout).toContain(command);
    for (const command of ['train', 'translate', 'eval', 'attention']) {
      const r = await run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('--task');
    }
  });

  it('translates TEXT arguments with the shipped dates model, one line each', async () => {
    const r = await run(['translate', '--task', 'dates', '27 November 2026', 'Friday, November 27, 2026', '11/27/2026', '27 de novembro de 2026']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2026-11-27\n2026-11-27\n2026-11-27\n2026-11-27\n');
    expect(messages(r)).toEqual([]);
  });

  it('decodes en-fr with a beam of 4 unless --beam says otherwise (the preset\'s default)', async () => {
    const sentence = 'I have never eaten horse meat.';
    const json = async (...flags: string[]) => JSON.parse((await run(['translate', '--task', 'en-fr', '--format', 'json', ...flags, sentence])).stdout);
    const [byDefault, beam4, greedy] = [await json(), await json('--beam', '4'), await json('--beam', '1')];
    expect(byDefault).toEqual(beam4);
    // The shipped model's greedy and beam outputs differ on this sentence, so the first check can fail.
    expect(greedy.text).not.toBe(beam4.text);
  });

  it('reads stdin: exactly one output line per input line, an empty line for an empty or refused line, messages on stderr', async () => {
    const long = `3 May 1955${' '.repeat(40)}`;
    const input = ['3 MAY 1955', '', 'nov 3 1999\r', '27 Nov 2026 ✓', long, '   ', 'tomorrow'].join('\n');
    const r = await run(['translate', '--task', 'dates', '--beam', '3'], input);
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(messages(r)).toEqual([
      'seq2seq-demo: line 4: "✓": characters the dates model does not know (outside its input domain)',
      `seq2seq-demo: line 5: input is longer than the model's limit of 48 characters; only the first 48 were read`,
      // Forty trailing spaces are unlike any training input: the model's reading is no date, so it is refused.
      'seq2seq-demo: line 5: the model read it as "1550-05-53", which is not a date in 1900-2099: the input is probably not a date it knows how to read',
      'seq2seq-demo: line 7: "w": characters the dates model does not know (outside its input domain)',
      'seq2seq-demo: 3 of 7 inputs refused (see above); the others were translated',
    ]);
    expect(lines).toEqual(['1955-05-03', '', '1999-11-03', '', '', '', '']);
  });

  it('refuses arguments outside the task: one error line each, the others translated, exit 2 at the end', async () => {
    const r = await run(['translate', '--task', 'numbers-en', '2500', '1234567', '-5', '14']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('two thousand five hundred\n\n\nfourteen\n');
    expect(messages(r)).toEqual([
      'seq2seq-demo: argument 2: 1234567 is out of range: numbers are spelled from 0 to 999999',
      'seq2seq-demo: argument 3: "-5" is not a plain number: write digits only (0-9), like 2500',
      'seq2seq-demo: 2 of 4 inputs refused (see above); the others were translated',
    ]);
  });

  it('--format json gives each input with its output, confidence and refusal; --min-confidence withholds unsure outputs', async () => {
    const r = await run(['translate', '--task', 'dates', '--format', 'json', '27 November 2026', 'the fifth of may 1990']);
    expect(r.code).toBe(2);
    const [ok, bad] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(ok).toMatchObject({ input: '27 November 2026', text: '2026-11-27', refusal: null });
    expect(ok.confidence).toBeLessThanOrEqual(0);
    expect(bad).toMatchObject({ input: 'the fifth of may 1990', text: '', refusal: expect.stringMatching(/is not a date in 1900-2099/) });
    expect(typeof bad.confidence).toBe('number');
    // A threshold just above the output's own confidence withholds it; just below keeps it.
    const above = await run(['translate', '--task', 'dates', '--min-confidence', String(ok.confidence / 2 || -1e-12), '27 November 2026']);
    expect(above.code).toBe(2);
    expect(above.stdout).toBe('\n');
    expect(messages(above)[0]).toMatch(/^seq2seq-demo: argument 1: confidence -?\d\.\d{3} is below the minimum/);
    const below = await run(['translate', '--task', 'dates', '--min-confidence', String(ok.confidence * 2 - 1e-9), '27 November 2026']);
    expect([below.code, below.stdout]).toEqual([0, '2026-11-27\n']);
    const bad2 = await run(['translate', '--task', 'dates', '--min-confidence', '0.5', 'x']);
    expect(bad2.code).toBe(2);
    expect(messages(bad2)[0]).toMatch(/--min-confidence must be at most 0/);
  });

  it('warns when an output is cut at --max-length (here also refused: "1955" is no date)', async () => {
    const r = await run(['translate', '--task', 'dates', '--max-length', '4', '3 MAY 1955']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('\n');
    expect(messages(r)).toEqual([
      'seq2seq-demo: argument 1: output reached the maximum length without ending',
      'seq2seq-demo: argument 1: the model read it as "1955", which is not a date in 1900-2099: the input is probably not a date it knows how to read',
      'seq2seq-demo: 1 of 1 inputs refused (see above)',
    ]);
  });

  it('translates numbers with --task numbers --lang en|pt (the shipped numbers-en / numbers-pt models)', async () => {
    const en = await run(['translate', '--task', 'numbers', '--lang', 'en', '2026', '14', '999999']);
    expect(en.stdout).toBe('two thousand twenty-six\nfourteen\nnine hundred ninety-nine thousand nine hundred ninety-nine\n');
    const pt = await run(['translate', '--task', 'numbers-pt', '2500', '']);
    expect(pt.stdout).toBe('dois mil e quinhentos\n\n');
  });

  it('translates English sentences with the shipped en-pt model', async () => {
    const r = await run(['translate', '--task', 'en-pt', 'the girls bought an old car', 'she will not be tall']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(3);
  });

  it('eval ends with one JSON line of the issue\'s shape', async () => {
    const r = await run(['eval', '--task', 'dates', '--n', '100']);
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop() as string);
    expect(Object.keys(last)).toEqual(['task', 'n', 'exact_match', 'cer', 'bleu']);
    expect(last).toMatchObject({ task: 'dates', n: 100 });
    expect(last.exact_match).toBeGreaterThan(0.95);
  });

  it('draws the attention map of one translation as SVG', async () => {
    const file = path.join(dir, 'map.svg');
    const r = await run(['attention', '--task', 'dates', '3 MAY 1955', '--out', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1955-05-03\n');
    const svg = fs.readFileSync(file, 'utf8');
    // 11 output rows (10 characters and END) × 10 input characters.
    expect(svg.match(/<rect class="cell"/g)).toHaveLength(110);
    const empty = await run(['attention', '--task', 'dates', '', '--out', file]);
    expect(empty.code).toBe(2);
    expect(messages(empty)).toEqual(['seq2seq-demo: the input is empty: there is no attention to draw']);
    const bad = await run(['attention', '--task', 'dates', '3 MAY 1955', '--out', path.join(dir, 'map.png')]);
    expect(bad.code).toBe(2);
    expect(messages(bad)).toEqual([`seq2seq-demo: --out must end in .svg, got "${path.join(dir, 'map.png')}"`]);
  });

  it.each([
    [['translate', '--task', 'weather', 'x'], /^seq2seq-demo: unknown task "weather"; known tasks: dates, numbers-en, numbers-pt, en-pt, en-fr$/],
    [['translate', '--task', 'numbers', '12'], /^seq2seq-demo: --task numbers needs --lang en or --lang pt/],
    [['translate', '--task', 'dates', '--beam', '0', 'x'], /^seq2seq-demo: option '--beam <k>' argument '0' is invalid/],
    [['translate', '--task', 'dates', '--model', '/nonexistent/model', 'x'], /^seq2seq-demo: \/nonexistent\/model\/model\.json: (not found|is missing)/],
    [['eval'], /^seq2seq-demo: required option '--task <name>' not specified/],
    [['fly'], /^seq2seq-demo: unknown command 'fly'/],
  ])('bad usage %j: exit 2 and one line on stderr', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(messages(r)).toHaveLength(1);
    expect(messages(r)[0]).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 for a model directory whose model.json is not a model (bad input), with one line naming the file', async () => {
    const broken = path.join(dir, 'broken-model');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'model.json'), '{ not json');
    const r = await run(['translate', '--task', 'dates', '--model', broken, 'x']);
    expect(r.code).toBe(2);
    expect(messages(r)).toHaveLength(1);
    expect(messages(r)[0]).toMatch(new RegExp(`^seq2seq-demo: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/model\\.json: `));
  });

  it('refuses a model trained for another task', async () => {
    const r = await run(['translate', '--task', 'dates', '--model', path.join(__dirname, '..', 'models', 'numbers-en'), '12']);
    expect(r.code).toBe(2);
    expect(messages(r)[0]).toMatch(/holds a model for task numbers-en, not dates$/);
  });

  it('trains a (tiny) model that translate and eval can use, and reports the run as JSON', async () => {
    const out = path.join(dir, 'tiny');
    const flags = ['--steps', '4', '--validate-every', '2', '--validation-size', '16', '--batch-size', '8'];
    const arch = ['--embedding-size', '4', '--encoder-units', '4', '--decoder-units', '8', '--attention-units', '8', '--cell', 'lstm', '--attention', 'additive'];
    const r = await run(['train', '--task', 'numbers', '--lang', 'pt', '--out', out, ...flags, ...arch, '--threads', '2']);
    expect(r.code).toBe(0);
    expect(messages(r).some((l) => /^seq2seq-demo: training numbers-pt: .* on 2 threads; best model → /.test(l))).toBe(true);
    const summary = JSON.parse(r.stdout.trim());
    expect(summary).toMatchObject({ task: 'numbers-pt', out, steps: 4, skipped_steps: 0 });
    expect(messages(r).filter((l) => l.startsWith('step 2: validation'))).toHaveLength(1);
    const { model, metadata } = loadSeq2SeqModel(out);
    expect(model.config).toMatchObject({ encoderCell: 'lstm', decoderCell: 'lstm', attention: 'additive', encoderUnits: 4 });
    expect(metadata.task).toBe('numbers-pt');
    model.dispose();
    const t = await run(['translate', '--task', 'numbers-pt', '--model', out, '12', '345']);
    expect(t.code).toBe(0);
    expect(t.stdout.split('\n')).toHaveLength(3);
  });

  it('keeps a checkpoint in OUT/checkpoint: a new run there is refused, --resume continues it with its own settings', async () => {
    const out = path.join(dir, 'resumable');
    const flags = ['--steps', '4', '--validate-every', '2', '--validation-size', '8', '--batch-size', '8', '--encoder-units', '4', '--decoder-units', '8'];
    expect((await run(['train', '--task', 'numbers-pt', '--out', out, ...flags, '--threads', '1'])).code).toBe(0);
    const again = await run(['train', '--task', 'numbers-pt', '--out', out, ...flags]);
    expect(again.code).toBe(2);
    expect(messages(again)[0]).toMatch(/checkpoint\/? holds the checkpoint of an earlier run: add --resume/);
    const other = await run(['train', '--task', 'numbers-pt', '--out', out, '--resume', '--batch-size', '16']);
    expect(other.code).toBe(2);
    expect(messages(other).join('\n')).toMatch(/was trained with other settings \(batchSize/);
    // Threads are not a setting of the run: the one-thread run resumes on two.
    const resumed = await run(['train', '--task', 'numbers-pt', '--out', out, '--resume', '--threads', '2']);
    expect(resumed.code).toBe(0);
    expect(messages(resumed).some((l) => / on 2 threads; /.test(l))).toBe(true);
    expect(messages(resumed)[0]).toMatch(/^seq2seq-demo: resuming numbers-pt from .* at update 4/);
    expect(JSON.parse(resumed.stdout.trim())).toMatchObject({ steps: 4 });
  });

  it('a failure that is not bad input exits 1 with one line, the stack only under --verbose', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const argv = ['train', '--task', 'dates', '--out', path.join(blocker, 'model'), '--steps', '1', '--validation-size', '4', '--encoder-units', '4', '--decoder-units', '4'];
    const r = await run(argv);
    expect(r.code).toBe(1);
    expect(messages(r).filter((l) => l.startsWith('seq2seq-demo: unexpected failure'))).toHaveLength(1);
    expect(r.stderr).toMatch(/run with --verbose for details/);
    const verbose = await run([...argv, '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('leaves no tensor behind after translate', async () => {
    await run(['translate', '--task', 'dates', 'warm-up']);
    const before = tf.memory().numTensors;
    await run(['translate', '--task', 'dates', '--beam', '4', '27 November 2026', '']);
    expect(tf.memory().numTensors).toBe(before);
  });
});
