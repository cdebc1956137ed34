import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeFor } from '@rnnkit/common';
import { selectBackend } from '@rnnkit/rnn-core';
import { exportCommand } from './layers-command';
import { runCli } from './cli';

function io() {
  const out = { stdout: '', stderr: '' };
  const prepareBackend = async () => {
    await selectBackend({ log: null });
  };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), prepareBackend } };
}

describe('speech-demo export', () => {
  let dir: string;
  const backend = process.env.RNNKIT_BACKEND;
  beforeAll(() => {
    process.env.RNNKIT_BACKEND = 'cpu';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-export-cli-'));
  });
  afterAll(() => {
    process.env.RNNKIT_BACKEND = backend;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the shipped model of a mode and describes it as JSON on stdout', async () => {
    const { out, io: capture } = io();
    const target = path.join(dir, 'sequence');
    await exportCommand(capture, { mode: 'sequence', out: target });
    const summary = JSON.parse(out.stdout);
    expect(summary).toMatchObject({ mode: 'sequence', layers_model: path.join(target, 'model.json') });
    expect(summary.labels).toHaveLength(11);
    expect(JSON.parse(fs.readFileSync(path.join(target, 'model.json'), 'utf8')).userDefinedMetadata.mode).toBe('sequence');
  });

  it('runs from the command line: --help, the shipped word model, a --model of either mode, and exit 2 with one line for a missing model', async () => {
    const { out, io: capture } = io();
    expect(await runCli(['export', '--help'], capture)).toBe(0);
    expect(out.stdout).toContain('--out <dir>');
    const word = path.join(dir, 'word');
    const ok = io();
    expect(await runCli(['export', '--mode', 'word', '--out', word], ok.io)).toBe(0);
    expect(JSON.parse(ok.out.stdout)).toMatchObject({ mode: 'word', layers_model: path.join(word, 'model.json') });
    const wrong = io();
    const sequenceModel = path.join(__dirname, '..', 'models', 'sequence');
    expect(await runCli(['export', '--mode', 'word', '--model', sequenceModel, '--out', path.join(dir, 'y')], wrong.io)).toBe(0);
    expect(JSON.parse(wrong.out.stdout).mode).toBe('sequence');
    const missing = io();
    expect(await runCli(['export', '--model', path.join(dir, 'none'), '--out', path.join(dir, 'z')], missing.io)).toBe(2);
    expect(missing.out.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.out.stderr).toMatch(/^speech-demo: .*none/);
  });

  it('a missing model directory is bad input (exit 2), and nothing is written', async () => {
    const { io: capture } = io();
    const err = await exportCommand(capture, { mode: 'word', model: path.join(dir, 'none'), out: path.join(dir, 'x') }).catch((e: unknown) => e);
    expect(exitCodeFor(err)).toBe(2);
    expect(String((err as Error).message)).toMatch(/none/);
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });
});
