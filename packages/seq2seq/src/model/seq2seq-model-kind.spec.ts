import { readModelDirectory, tf, writeModelDirectory } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { shippedModelDir } from '../shipped-models';
import { tinyBatch, tinyModel } from '../test-utils/tiny';
import { translate } from '../translate';
import { loadSeq2SeqModel, saveSeq2SeqModel } from './model-files';
import { decodeSeq2SeqModel, fetchSeq2SeqModel } from './seq2seq-model-kind';

/** Serves the files of `dir` under /model/ on 127.0.0.1. */
async function serveDirectory(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '').replace(/^\/model\//, '');
    const file = path.join(dir, name);
    if (!/^[\w.-]+$/.test(name) || !fs.existsSync(file)) return void res.writeHead(404).end();
    const bytes = fs.readFileSync(file);
    res.writeHead(200, { 'content-length': bytes.byteLength }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/model/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the Seq2Seq model-file kind', () => {
  useBackend('cpu');
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq2seq-kind-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes version 2 and reads a version 1 file (old weight names, no kindVersion) as the same model', () => {
    for (const bidirectional of [true, false]) {
      const model = tinyModel({ bidirectional, encoderLayers: 2 });
      saveSeq2SeqModel(model, dir, { task: 'reverse' });
      const saved = readModelDirectory(dir);
      expect([saved.kind, saved.kindVersion]).toEqual(['Seq2Seq', 2]);
      // Version 1's names, as the hand-written scheme before namedWeights(prefix) spelled them.
      const v1Name = (name: string) =>
        name.replace(/^(encoder|decoder)\/embedding\/table$/, '$1/embedding').replace(/^encoder\/layer(\d+)\/(kernel|recurrent_kernel|bias)$/, 'encoder/layer$1/forward/$2');
      writeModelDirectory(dir, { ...saved, kindVersion: undefined, weights: saved.weights.map((w) => ({ name: v1Name(w.name), tensor: w.tensor })) });
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')).weights.map((w: { name: string }) => w.name)).toContain(
        bidirectional ? 'encoder/layer1/backward/kernel' : 'encoder/layer1/forward/kernel',
      );
      tf.dispose(saved.weights.map((w) => w.tensor));
      const loaded = loadSeq2SeqModel(dir);
      expect(loaded.metadata).toEqual({ task: 'reverse' });
      const batch = tinyBatch(model);
      tf.tidy(() => expectClose(loaded.model.loss(batch), model.loss(batch), { atol: 0 }));
      loaded.model.dispose();
      model.dispose();
    }
  });

  it('the shipped models (version 1 files) still load and translate as they did before the upgrade path existed', () => {
    // Outputs recorded with the loader of commit 57aefb4, before this kind existed (npm run demo and seq2seq-demo translate).
    const expected: Array<[string, string[], string[]]> = [
      ['dates', ['27 November 2026', 'Friday, November 27, 2026', '11/27/2026', '27 de novembro de 2026', 'nov 3 1999'], ['2026-11-27', '2026-11-27', '2026-11-27', '2026-11-27', '1999-11-03']],
      ['numbers-en', ['2026', '999999', '14'], ['two thousand twenty-six', 'nine hundred ninety-nine thousand nine hundred ninety-nine', 'fourteen']],
      ['numbers-pt', ['2026', '17'], ['dois mil e vinte e seis', 'dezessete']],
      ['en-pt', ['the cat is on the table', 'I like to read books'], ['o gato é encontrar os bolos', 'eu como os livros']],
    ];
    for (const [task, sources, targets] of expected) {
      expect(JSON.parse(fs.readFileSync(path.join(shippedModelDir(task), 'model.json'), 'utf8')).kindVersion).toBeUndefined();
      const { model } = loadSeq2SeqModel(shippedModelDir(task));
      expect(translate(model, sources).map((t) => t.text)).toEqual(targets);
      model.dispose();
    }
  });

  it('loads a shipped model over HTTP and from bytes, identical to the one read from disk', async () => {
    const modelDir = shippedModelDir('dates');
    const server = await serveDirectory(modelDir);
    try {
      const fromDisk = loadSeq2SeqModel(modelDir);
      const fromUrl = await fetchSeq2SeqModel(server.url);
      const files = fs.readdirSync(modelDir);
      const fromBytes = await decodeSeq2SeqModel({
        modelJson: fs.readFileSync(path.join(modelDir, 'model.json')),
        weights: fs.readFileSync(path.join(modelDir, files.find((f) => f.endsWith('.bin')) as string)),
      });
      expect(fromUrl.metadata).toEqual(fromDisk.metadata);
      for (const other of [fromUrl.model, fromBytes.model]) {
        other.namedWeights.forEach((w, i) => expectClose(w.variable, fromDisk.model.namedWeights[i].variable, { atol: 0 }));
        expect(translate(other, ['27 de novembro de 2026'])[0].text).toBe('2026-11-27');
        other.dispose();
      }
      fromDisk.model.dispose();
      await expectNoLeak(async () => (await fetchSeq2SeqModel(server.url)).model.dispose());
      await expect(fetchSeq2SeqModel(server.url.replace('/model/', '/nothing/'))).rejects.toThrow(/nothing\/model\.json: is missing \(HTTP 404\)/);
    } finally {
      await server.close();
    }
  });
});
