import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cli';
import { loadShippedModel } from './shipped-models';
import { saveSeq2SeqModel } from './model/model-files';
import { Seq2SeqModel } from './model/seq2seq-model';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** The error lines of a run, without the backend notice every model command starts with. */
const errors = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('rnnkit: backend'));

describe('seq2seq-demo export', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-export-cli-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the shipped model’s encoder and decoder as Layers models and names them on stdout', async () => {
    const out = path.join(dir, 'dates');
    const r = await run(['export', '--task', 'dates', '--out', out]);
    expect(errors(r.stderr)).toEqual([]);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout);
    expect(files).toEqual({ encoder: path.join(out, 'encoder', 'model.json'), decoder: path.join(out, 'decoder', 'model.json') });
    for (const file of Object.values(files) as string[]) expect(JSON.parse(fs.readFileSync(file, 'utf8')).format).toBe('layers-model');
  });

  it('bad input exits 2 with one line: a missing model directory, a model that cannot be expressed', async () => {
    const missing = await run(['export', '--task', 'dates', '--model', path.join(dir, 'nope'), '--out', path.join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(errors(missing.stderr)).toHaveLength(1);
    expect(errors(missing.stderr)[0]).toMatch(/^seq2seq-demo: .*nope/);

    const { model: shipped } = loadShippedModel('dates');
    const additive = new Seq2SeqModel({
      sourceVocabulary: shipped.sourceVocabulary, targetVocabulary: shipped.targetVocabulary,
      attention: 'additive', embeddingSize: 4, encoderUnits: 4, decoderUnits: 4, attentionUnits: 4,
    });
    shipped.dispose();
    const additiveDir = path.join(dir, 'additive');
    saveSeq2SeqModel(additive, additiveDir, { task: 'dates' });
    additive.dispose();
    const refused = await run(['export', '--task', 'dates', '--model', additiveDir, '--out', path.join(dir, 'y')]);
    expect(refused.code).toBe(2);
    expect(errors(refused.stderr)).toEqual([
      'seq2seq-demo: Seq2SeqModel: additive attention cannot be expressed with tf.layers (its pairwise broadcast over two unknown lengths has no layer); only multiplicative attention is exported',
    ]);
    expect(fs.existsSync(path.join(dir, 'y'))).toBe(false);
  });

  it('an --out that cannot be written exits 1 with one line', async () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'not a directory');
    const r = await run(['export', '--task', 'dates', '--out', file]);
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toHaveLength(1);
    expect(errors(r.stderr)[0]).toMatch(/^seq2seq-demo: .*a-file.*: cannot write the model here/);
  });
});
