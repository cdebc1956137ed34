import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng } from '@rnnkit/common';
import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { LayerConfig, SequenceModel, SequenceModelConfig } from '../sequence-model';
import { exportLayersModel } from './layers-format-node';
import { layersDirectory } from './layers-directory';
import { registerResetAfterGru } from './reset-after-gru';

const B = 3;
const T = 5;
const F = 4;
const V = 7;
const LENGTHS = [T, T - 2, 2];

const features = (layers: LayerConfig[], outputMode: 'sequence' | 'last' = 'sequence'): SequenceModelConfig => ({
  input: { type: 'features', size: F },
  layers,
  output: { units: 3, activation: 'linear' },
  outputMode,
  seed: 11,
});

const CASES: Array<[string, SequenceModelConfig]> = [
  ['SimpleRNN', features([{ cell: 'simpleRNN', units: 5 }])],
  ['LSTM', features([{ cell: 'lstm', units: 5 }])],
  ['GRU reset after', features([{ cell: 'gru', units: 5 }])],
  ['GRU reset before', features([{ cell: 'gru', units: 5, resetAfter: false }])],
  ...(['concat', 'sum', 'ave'] as const).flatMap((mode): Array<[string, SequenceModelConfig]> => [
    [`Bidirectional LSTM ${mode}`, features([{ cell: 'lstm', units: 4, bidirectional: mode }])],
    [`Bidirectional GRU ${mode}`, features([{ cell: 'gru', units: 4, bidirectional: mode }])],
    [`Bidirectional SimpleRNN ${mode}`, features([{ cell: 'simpleRNN', units: 4, bidirectional: mode }])],
  ]),
  ...(['concat', 'sum', 'ave'] as const).map((mode): [string, SequenceModelConfig] => [
    `stacked LSTM + bidirectional GRU ${mode}, last step`,
    features([{ cell: 'lstm', units: 4 }, { cell: 'gru', units: 3, bidirectional: mode }], 'last'),
  ]),
  ['SimpleRNN, last step, softmax', { ...features([{ cell: 'simpleRNN', units: 4 }], 'last'), output: { units: 3, activation: 'softmax' } }],
  ['embedded tokens, GRU, tanh', { ...features([{ cell: 'gru', units: 4 }]), input: { type: 'tokens', vocabSize: V, embeddingSize: 3 }, output: { units: 3, activation: 'tanh' } }],
  ['one-hot tokens, stacked LSTM, last step', { ...features([{ cell: 'lstm', units: 4 }, { cell: 'lstm', units: 4 }], 'last'), input: { type: 'tokens', vocabSize: V } }],
];

/** A batch and its mask; padded steps hold what the exported model's masking layer recognises (0). */
function batch(config: SequenceModelConfig, masked: boolean): { x: tf.Tensor; mask?: Float32Array } {
  const mask = new Float32Array(B * T).map((_, i) => (!masked || i % T < LENGTHS[Math.floor(i / T)] ? 1 : 0));
  if (config.input.type === 'tokens') {
    const random = createRng(5);
    const ids = new Int32Array(B * T).map((_, i) => (mask[i] ? 1 + random.int(V - 1) : 0));
    return { x: tf.tensor2d(ids, [B, T], 'int32'), mask: masked ? mask : undefined };
  }
  const values = randomArray(B * T * F, 3).map((v, i) => (mask[Math.floor(i / F)] ? v : 0));
  return { x: tf.tensor3d(values, [B, T, F]), mask: masked ? mask : undefined };
}

/** Output rows at real steps only: at padded steps rnnkit outputs zeros, tf.layers repeats the last output. */
function realSteps(output: tf.Tensor, config: SequenceModelConfig, mask?: Float32Array): number[] {
  const values = Array.from(output.dataSync());
  if (config.outputMode === 'last' || !mask) return values;
  const width = config.output.units;
  return values.filter((_, i) => mask[Math.floor(i / width)] === 1);
}

describe.each(BACKENDS_UNDER_TEST)('exportLayersModel → tf.loadLayersModel on %s', (backend) => {
  useBackend(backend);
  let root: string;
  beforeAll(() => {
    registerResetAfterGru();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-export-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  describe.each([false, true])('masked %s', (masked) => {
    it.each(CASES)('%s gives the same outputs within 1e-5', async (name, config) => {
      const model = new SequenceModel(config);
      const dir = path.join(root, `${backend}-${masked}-${name.replace(/\W+/g, '-')}`);
      await expectNoLeak(() => exportLayersModel(model, dir, { mask: masked }));
      const loaded = await tfl.loadLayersModel(layersDirectory(dir));
      const { x, mask } = batch(config, masked);
      const ours = model.predict(x, mask);
      const theirs = loaded.predict(x) as tf.Tensor;
      expect(theirs.shape).toEqual(ours.shape);
      // Same float32 arithmetic in a different association order, over at most 5 steps and 2 layers.
      expectClose(realSteps(theirs, config, mask), realSteps(ours, config, mask), { atol: 1e-5 });
      tf.dispose([x, ours, theirs]);
      loaded.dispose();
      model.dispose();
    });
  });
});

describe('exported files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-files-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keep Keras layout and names: a reset-after GRU says reset_after with a [2, 3·units] bias', async () => {
    const model = new SequenceModel(features([{ cell: 'gru', units: 5, bidirectional: 'sum' }]));
    await exportLayersModel(model, dir, { metadata: { labels: ['a', 'b', 'c'] } });
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    const [bi] = json.modelTopology.config.layers;
    expect(bi.class_name).toBe('Bidirectional');
    expect(bi.config.merge_mode).toBe('sum');
    expect(bi.config.layer.config).toMatchObject({ reset_after: true, recurrent_activation: 'sigmoid', activation: 'tanh' });
    const biases = json.weightsManifest[0].weights.filter((w: { name: string }) => w.name.endsWith('/bias'));
    expect(biases.map((w: { shape: number[] }) => w.shape)).toEqual([[2, 15], [2, 15], [3]]);
    expect(json.userDefinedMetadata).toEqual({ labels: ['a', 'b', 'c'] });
    const shards = fs.readdirSync(dir).filter((f) => f.endsWith('.bin'));
    expect(shards).toEqual(json.weightsManifest[0].paths);
    model.dispose();
  });

  it('overwrites an export in place and leaves no stale shard or temporary file', async () => {
    const first = new SequenceModel(features([{ cell: 'lstm', units: 3 }]));
    const second = new SequenceModel({ ...features([{ cell: 'lstm', units: 3 }]), seed: 99 });
    await exportLayersModel(first, dir);
    await exportLayersModel(second, dir);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    expect(fs.readdirSync(dir).sort()).toEqual([...json.weightsManifest[0].paths, 'model.json'].sort());
    first.dispose();
    second.dispose();
  });
});
