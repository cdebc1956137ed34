import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfjs from '@tensorflow/tfjs';
import { useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { SequenceModel } from '../sequence-model';
import { exportLayersModel } from './layers-format-node';
import { layersDirectory } from './layers-directory';

const README = path.join(__dirname, '..', '..', 'README.md');
const SYMBOLS = [' ', 'a', 'c', 'e', 'h', 't'];

/** The README's plain-tfjs example, as an async function of (tf, url, console). */
function readmeExample(): (tf: unknown, url: unknown, console: { log: (line: string) => void }) => Promise<void> {
  const readme = fs.readFileSync(README, 'utf8');
  const block = /<!-- layers-example -->\n```js\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README has no layers-example block');
  const lines = block[1].split('\n');
  expect(lines.filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(10);
  const body = lines.filter((l) => !l.startsWith('import ')).join('\n');
  return new Function('tf', 'url', 'console', `return (async () => {\n${body}\n})();`) as never;
}

describe('README: loading an export with plain @tensorflow/tfjs', () => {
  useBackend('cpu');

  it('runs as written and predicts what rnnkit predicts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-readme-'));
    const model = new SequenceModel({
      input: { type: 'tokens', vocabSize: SYMBOLS.length, embeddingSize: 4 },
      layers: [{ cell: 'lstm', units: 8 }],
      output: { units: SYMBOLS.length },
      outputMode: 'sequence',
      seed: 3,
    });
    await exportLayersModel(model, dir, { metadata: { symbols: SYMBOLS } });
    const printed: string[] = [];
    // Node has no file handler in plain tfjs (tfjs-node brings one): the test hands it ours as the "url".
    await readmeExample()(tfjs, layersDirectory(dir), { log: (line) => printed.push(line) });

    const text = 'the cat';
    const ids = tf.tensor2d([Array.from(text, (ch) => SYMBOLS.indexOf(ch))], undefined, 'int32');
    const scores = model.predict(ids);
    const last = tf.slice(scores, [0, text.length - 1, 0], [1, 1, -1]);
    const expected = SYMBOLS[tf.argMax(last, -1).dataSync()[0]];
    expect(printed).toEqual([`after "${text}" the model expects "${expected}"`]);
    tf.dispose([ids, scores, last]);
    model.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
