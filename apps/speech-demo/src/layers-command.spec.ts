import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeFor } from '@rnnkit/common';
import { exportCommand } from './layers-command';

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
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

  it('a missing model directory is bad input (exit 2), and nothing is written', async () => {
    const { io: capture } = io();
    const err = await exportCommand(capture, { mode: 'word', model: path.join(dir, 'none'), out: path.join(dir, 'x') }).catch((e: unknown) => e);
    expect(exitCodeFor(err)).toBe(2);
    expect(String((err as Error).message)).toMatch(/none/);
    expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
  });
});
