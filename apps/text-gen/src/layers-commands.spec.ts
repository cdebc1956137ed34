import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadCharModel } from '@rnnkit/char-lm';
import { layersDirectory, tf } from '@rnnkit/rnn-core';
import { randomArray } from '@rnnkit/test-utils';
import { runCli } from './cli';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Lines of stderr that are not the backend notice. */
const lines = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('rnnkit: backend'));

const SYMBOLS = ['\uFFFD', '\n', ' ', '.', 'T', 'a', 'c', 'd', 'e', 'h', 'l', 'm', 'n', 'o', 's', 'w'];
const CORPUS = 'The old man and the sea. The sea was calm, and the man was old.\n'.repeat(8);

describe('text-gen export and import', () => {
  let dir: string;
  const backend = process.env.RNNKIT_BACKEND;
  beforeAll(() => {
    process.env.RNNKIT_BACKEND = 'cpu';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'text-gen-layers-cli-'));
  });
  afterAll(() => {
    process.env.RNNKIT_BACKEND = backend;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--help works for export and import', async () => {
    for (const command of ['export', 'import']) {
      const r = await cli(command, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('--out <dir>');
    }
  });

  it('export writes the shipped model in the Layers format and names the files on stdout', async () => {
    const out = path.join(dir, 'exported');
    const r = await cli('export', '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ model: expect.stringContaining(path.join('models', 'default')), layers_model: path.join(out, 'model.json') });
    const json = JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.userDefinedMetadata.vocabulary.symbols).toHaveLength(86);
  });

  it('import makes a tf.layers character model a checkpoint that train --resume fine-tunes', async () => {
    const reference = tfl.sequential({
      layers: [
        tfl.layers.embedding({ inputDim: SYMBOLS.length, outputDim: 4, batchInputShape: [null, null] }),
        tfl.layers.gru({ units: 6, returnSequences: true, recurrentActivation: 'sigmoid', kernelInitializer: 'zeros', recurrentInitializer: 'zeros' }),
        tfl.layers.dense({ units: SYMBOLS.length }),
      ],
    });
    const values = reference.getWeights().map((w, i) => tf.tensor(randomArray(w.size, 90 + i, 0.4), w.shape));
    reference.setWeights(values);
    tf.dispose(values);
    const from = path.join(dir, 'tfl');
    await reference.save(layersDirectory(from));
    reference.dispose();
    const symbols = path.join(dir, 'symbols.json');
    fs.writeFileSync(symbols, JSON.stringify(SYMBOLS));
    const corpus = path.join(dir, 'corpus.txt');
    fs.writeFileSync(corpus, CORPUS);
    const run = path.join(dir, 'run');

    const imported = await cli('import', '--from', from, '--out', run, '--vocabulary', symbols, '--batch', '2', '--seq-len', '8');
    expect(lines(imported.stderr)[0]).toBe(`text-gen: fine-tune with: text-gen train --corpus FILE --out ${run} --resume --minutes N`);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ checkpoint: path.join(run, 'last'), vocabulary: SYMBOLS.length, architecture: { cell: 'gru', layers: 1, hidden: 6, embedding: 4 } });
    const before = await loadCharModel(run);
    const initial = Array.from(before.model.weights[1].dataSync());
    before.model.dispose();
    before.optimizer?.dispose();

    const trained = await cli('train', '--corpus', corpus, '--out', run, '--resume', '--epochs', '1', '--sample-seconds', '0');
    expect(trained.code).toBe(0);
    const after = await loadCharModel(path.join(run, 'last'));
    expect(after.training?.step).toBeGreaterThan(0);
    expect(Array.from(after.model.weights[1].dataSync())).not.toEqual(initial);
    after.model.dispose();
    after.optimizer?.dispose();
  });

  it.each([
    ['import of a directory without model.json', () => ['import', '--from', path.join(dir, 'none'), '--out', path.join(dir, 'o1')], /model\.json: not found/],
    ['import of an rnnkit model', () => ['import', '--from', path.join(__dirname, '..', 'models', 'default'), '--out', path.join(dir, 'o2')], /is an rnnkit model, not a Layers model; export it first/],
    ['import without a vocabulary', () => ['import', '--from', path.join(dir, 'tfl'), '--out', path.join(dir, 'o3')], /holds no vocabulary .*give --vocabulary FILE/],
    ['export of a missing model', () => ['export', '--model', path.join(dir, 'none'), '--out', path.join(dir, 'o4')], /none/],
  ])('%s exits 2 with one line', async (_, argv, pattern) => {
    const r = await cli(...argv());
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(lines(r.stderr)[0]).toMatch(/^text-gen: /);
    expect(lines(r.stderr)[0]).toMatch(pattern);
    expect(r.stdout).toBe('');
  });
});
