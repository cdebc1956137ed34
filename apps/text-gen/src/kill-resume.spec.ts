import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCharModel } from '@rnnkit/char-lm';
import { runCli } from './cli';

const LAUNCHER = join(__dirname, 'testing', 'cli-from-source.cjs');
const CORPUS = 'It was the best of times, it was the worst of times; it was the age of wisdom.\n'.repeat(30);

function startTraining(args: string[]): { child: ChildProcess; exited: Promise<number | null>; stderr: () => string } {
  let stderr = '';
  const child = spawn(process.execPath, [LAUNCHER, 'train', ...args], {
    env: { ...process.env, RNNKIT_BACKEND: 'cpu' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function checkpointStep(dir: string): Promise<{ step: number; epoch: number; symbols: readonly string[] }> {
  const loaded = await loadCharModel(join(dir, 'last'));
  loaded.model.dispose();
  loaded.optimizer?.dispose();
  expect(loaded.optimizer).not.toBeNull();
  const { step, epoch } = loaded.training ?? { step: -1, epoch: -1 };
  return { step, epoch, symbols: loaded.vocabulary.symbols };
}

describe('a training run killed with SIGKILL', () => {
  let dir: string;
  let corpus: string;
  const backend = process.env.RNNKIT_BACKEND;
  beforeAll(() => {
    process.env.RNNKIT_BACKEND = 'cpu';
    dir = mkdtempSync(join(tmpdir(), 'text-gen-kill-'));
    corpus = join(dir, 'corpus.txt');
    writeFileSync(corpus, CORPUS);
  });
  afterAll(() => {
    if (backend === undefined) delete process.env.RNNKIT_BACKEND;
    else process.env.RNNKIT_BACKEND = backend;
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves a loadable checkpoint each time, and --resume continues from it with the same vocabulary and optimizer state', async () => {
    const out = join(dir, 'run');
    // A checkpoint after every update, so that the kill lands in the middle of writes as often as between them.
    const common = ['--corpus', corpus, '--out', out, '--layers', '1', '--hidden', '16', '--batch', '4', '--seq-len', '16', '--checkpoint-seconds', '0', '--sample-seconds', '0'];
    let previous = { step: 0, epoch: 0, symbols: [] as readonly string[] };
    for (let round = 0; round < 2; round++) {
      const training = startTraining([...common, '--epochs', '1000', ...(round > 0 ? ['--resume'] : [])]);
      const lastJson = join(out, 'last', 'model.json');
      // After a first checkpoint of this round exists, kill at a random moment within the next 1.5 s.
      await waitFor(() => existsSync(lastJson) && (round === 0 || training.stderr().includes('resuming from')), 'a first checkpoint');
      const delay = Math.floor(Math.random() * 1500);
      await new Promise((r) => setTimeout(r, delay));
      training.child.kill('SIGKILL');
      expect(await training.exited).toBeNull();

      const now = await checkpointStep(out).catch((e: Error) => {
        throw new Error(`round ${round}: checkpoint unloadable after SIGKILL ${delay} ms after the first one: ${e.message}`);
      });
      expect(now.step).toBeGreaterThanOrEqual(previous.step); // a kill before the first update leaves step 0
      if (round > 0) expect(now.symbols).toEqual(previous.symbols);
      previous = now;
    }

    // A last resume in-process, with the budget moved to the end of the next epoch (the kill may have come right at
    // the end of an epoch).
    let stderr = '';
    const argv = ['train', ...common, '--epochs', String(previous.epoch + 2), '--resume'];
    const code = await runCli(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`resuming from .*: step ${previous.step},`));
    const final = await checkpointStep(out);
    expect(final.step).toBeGreaterThan(previous.step);
    expect(final.symbols).toEqual(previous.symbols);
  });
});
