import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { exitCodeFor } from '@rnnkit/common';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { SequenceModel, SequenceModelConfig } from '../sequence-model';
import { exportLayersModel, importLayersModel } from './layers-format-node';
import { layersDirectory } from './layers-directory';
import { LayersFormatError } from './layers-format-error';
import { toLayersRecurrent } from './to-layers-model';
import { RecurrentLayer } from '../recurrent-layer';

const CONFIG: SequenceModelConfig = {
  input: { type: 'features', size: 3 },
  layers: [{ cell: 'lstm', units: 2 }],
  output: { units: 3 },
  outputMode: 'sequence',
};
const RNN = { kernelInitializer: 'zeros', recurrentInitializer: 'zeros', recurrentActivation: 'sigmoid' } as const;

/** Import must fail with one line naming the file and the problem, exit code 2, and no tensor left behind. */
async function expectRefused(source: string, pattern: RegExp): Promise<void> {
  let caught: unknown;
  await expectNoLeak(async () => {
    await importLayersModel(source).catch((err) => {
      caught = err;
    });
  });
  expect(caught).toBeInstanceOf(LayersFormatError);
  const message = (caught as Error).message;
  expect(message).toMatch(pattern);
  expect(message).not.toContain('\n');
  expect(exitCodeFor(caught)).toBe(2);
}

describe('Layers-format errors', () => {
  useBackend('cpu');
  let root: string;
  let exported: string;
  let n = 0;
  const fresh = () => path.join(root, `case-${n++}`);
  const copyOfExport = () => {
    const dir = fresh();
    fs.cpSync(exported, dir, { recursive: true });
    return { dir, json: JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) };
  };
  const writeJson = (dir: string, json: unknown) => fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-errors-'));
    exported = path.join(root, 'exported');
    const model = new SequenceModel(CONFIG);
    await exportLayersModel(model, exported);
    model.dispose();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a directory without model.json', async () => {
    await expectRefused(fresh(), /model\.json: not found/);
  });

  it('a model.json that is not a Layers model', async () => {
    const dir = fresh();
    fs.mkdirSync(dir);
    writeJson(dir, { hello: 1 });
    await expectRefused(dir, /model\.json: is not a TensorFlow\.js Layers model/);
    writeJson(dir, { format: 'rnnkit-model', formatVersion: 1 });
    await expectRefused(dir, /is an rnnkit model, not a Layers model; export it first/);
    writeJson(dir, { format: 'graph-model', modelTopology: {}, weightsManifest: [] });
    await expectRefused(dir, /is a TensorFlow\.js graph model/);
    fs.writeFileSync(path.join(dir, 'model.json'), '{"modelTopology": ');
    await expectRefused(dir, /is not valid JSON/);
  });

  it('a missing or truncated shard, and a shard path outside the directory', async () => {
    const missing = copyOfExport();
    fs.rmSync(path.join(missing.dir, missing.json.weightsManifest[0].paths[0]));
    await expectRefused(missing.dir, /weights-[0-9a-f]+\.bin: is missing \(model\.json lists it/);

    const truncated = copyOfExport();
    const shard = path.join(truncated.dir, truncated.json.weightsManifest[0].paths[0]);
    fs.truncateSync(shard, fs.statSync(shard).size - 4);
    await expectRefused(truncated.dir, /need \d+ bytes but its shards hold \d+/);

    const outside = copyOfExport();
    outside.json.weightsManifest[0].paths = ['../exported/' + outside.json.weightsManifest[0].paths[0]];
    writeJson(outside.dir, outside.json);
    await expectRefused(outside.dir, /shards must be plain file names/);
  });

  it('a manifest claiming more weight bytes than allowed, before anything is read', async () => {
    const { dir, json } = copyOfExport();
    json.weightsManifest[0].weights[0].shape = [100000, 100000];
    writeJson(dir, json);
    await expectRefused(dir, /weights of group 0 claim \d+ bytes, more than the \d+ allowed/);
  });

  it('a weight whose shape does not fit the layers', async () => {
    const { dir, json } = copyOfExport();
    const kernel = json.weightsManifest[0].weights.find((w: { name: string }) => w.name === 'output/kernel');
    kernel.shape = [1, 6]; // same bytes as [2, 3]
    writeJson(dir, json);
    await expectRefused(dir, /weight "output\/kernel" has shape \[1,6\]; the model's config needs \[2,3\]/);
  });

  it.each([
    ['an unsupported layer', () => [tfl.layers.lstm({ units: 2, returnSequences: true, batchInputShape: [null, null, 3], ...RNN }), tfl.layers.dropout({ rate: 0.5, name: 'drop' }), tfl.layers.dense({ units: 2 })], /layer "drop" \(Dropout\) is not supported here; supported: InputLayer, Masking/],
    ['hard sigmoid gates', () => [tfl.layers.gru({ units: 2, returnSequences: true, batchInputShape: [null, null, 3], ...RNN, recurrentActivation: 'hardSigmoid', name: 'g' }), tfl.layers.dense({ units: 2 })], /layer "g" \(GRU\) has recurrent_activation="hard_sigmoid"; rnnkit supports only "sigmoid"/],
    ['a multiplying bidirectional merge', () => [tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 2, returnSequences: true, ...RNN }) as tfl.RNN, mergeMode: 'mul', batchInputShape: [null, null, 3], name: 'bi' }), tfl.layers.dense({ units: 2 })], /layer "bi" merges with "mul"; rnnkit supports concat, sum and ave/],
    ['no dense output', () => [tfl.layers.lstm({ units: 2, returnSequences: true, batchInputShape: [null, null, 3], ...RNN, name: 'only' })], /ends with layer "only" \(LSTM\); supported:/],
  ] as const)('%s is refused by name', async (_, layers, pattern) => {
    const reference = tfl.sequential({ layers: layers() as unknown as tfl.layers.Layer[] });
    const dir = fresh();
    await reference.save(layersDirectory(dir));
    reference.dispose();
    await expectRefused(dir, pattern);
  });

  it('a URL no tfjs handler serves', async () => {
    await expect(importLayersModel('nosuch://model')).rejects.toThrow(/nosuch:\/\/model: no TensorFlow\.js IO handler can load here/);
  });

  it('export refuses what tf.layers cannot express, naming it', async () => {
    const peephole = new SequenceModel({ ...CONFIG, layers: [{ cell: 'peepholeLstm', units: 2 }] });
    const unknownOption = new SequenceModel({ ...CONFIG, layers: [{ cell: 'lstm', units: 2, zoneout: 0.1 } as never] });
    const dir = fresh();
    await expectNoLeak(async () => {
      await expect(exportLayersModel(peephole, dir)).rejects.toThrow(/SequenceModel: layer 0 uses the cell "peepholeLstm", which tf\.layers cannot express/);
      await expect(exportLayersModel(unknownOption, dir)).rejects.toThrow(/SequenceModel: layer 0 option "zoneout" has no tf\.layers equivalent/);
    });
    expect(() => toLayersRecurrent(new RecurrentLayer({ cell: 'peepholeLstm', units: 2, inputSize: 3 }), { name: 'p' })).toThrow(
      /p: the cell "peepholeLstm" has no tf\.layers equivalent/,
    );
    const err = await exportLayersModel(peephole, dir).catch((e: unknown) => e);
    expect(exitCodeFor(err)).toBe(2);
    expect(fs.existsSync(dir)).toBe(false);
    for (const m of [peephole, unknownOption]) m.dispose();
  });
});
