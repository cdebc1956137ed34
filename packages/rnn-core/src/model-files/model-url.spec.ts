import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { SequenceModel, SequenceModelConfig } from '../sequence-model';
import { decodeModelFile, encodeModelFile } from './model-bytes';
import type { EncodedModel } from './model-format';
import { fetchModelFile, modelJsonUrl } from './model-url';
import { SEQUENCE_MODEL_KIND } from './sequence-model-kind';

const config: SequenceModelConfig = {
  input: { type: 'tokens', vocabSize: 6, embeddingSize: 3 },
  layers: [{ cell: 'gru', units: 4, bidirectional: 'concat' }],
  output: { units: 6 },
  outputMode: 'sequence',
  seed: 5,
};

/** What the test server answers for a path: bytes (sent with Content-Length), bytes sent chunked, or a status. */
type Route = Uint8Array | { chunked: Uint8Array } | { status: number };

/** A local HTTP server on 127.0.0.1 that serves `routes` and records the paths asked for. */
async function serve(routes: Map<string, Route>): Promise<{ base: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const route = routes.get(url);
    if (route === undefined || 'status' in route) {
      res.writeHead(route && 'status' in route ? route.status : 404).end();
    } else if ('chunked' in route) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(route.chunked.subarray(0, 10));
      res.end(route.chunked.subarray(10));
    } else {
      res.writeHead(200, { 'content-length': route.byteLength }).end(route);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('loading models from a URL and from bytes', () => {
  useBackend('cpu');
  let model: SequenceModel;
  let encoded: EncodedModel;
  const ids = () => tf.tensor2d([[1, 2, 3, 4, 5]], undefined, 'int32');

  beforeAll(async () => {
    model = new SequenceModel(config);
    encoded = await encodeModelFile(SEQUENCE_MODEL_KIND, model, { extra: { note: 'served' } });
  });
  afterAll(() => model.dispose());

  const routesFor = (json: string, weights: Route = encoded.weights) =>
    new Map<string, Route>([
      ['/m/model.json', new TextEncoder().encode(json)],
      [`/m/${encoded.weightsFile}`, weights],
    ]);
  const withJson = (change: (j: Record<string, unknown>) => void) => {
    const j = JSON.parse(encoded.modelJson);
    change(j);
    return JSON.stringify(j);
  };

  async function expectFailure(routes: Map<string, Route>, pattern: RegExp, url = '/m/'): Promise<string[]> {
    const server = await serve(routes);
    try {
      await expectNoLeak(() => expect(fetchModelFile(SEQUENCE_MODEL_KIND, server.base + url)).rejects.toThrow(pattern));
      return server.requests;
    } finally {
      await server.close();
    }
  }

  it('loads from the directory URL or the model.json URL, giving the saved model', async () => {
    const server = await serve(routesFor(encoded.modelJson));
    try {
      for (const url of [`${server.base}/m`, `${server.base}/m/`, `${server.base}/m/model.json`]) {
        const loaded = await fetchModelFile(SEQUENCE_MODEL_KIND, url);
        expect(loaded.extra).toEqual({ note: 'served' });
        expectClose(loaded.model.predict(ids()), model.predict(ids()), { atol: 0 });
        loaded.model.dispose();
      }
      expect(server.requests).toEqual(Array(3).fill(['/m/model.json', `/m/${encoded.weightsFile}`]).flat());
    } finally {
      await server.close();
    }
  });

  it('leaves no tensor behind', async () => {
    const server = await serve(routesFor(encoded.modelJson));
    try {
      await expectNoLeak(async () => (await fetchModelFile(SEQUENCE_MODEL_KIND, `${server.base}/m/`)).model.dispose());
    } finally {
      await server.close();
    }
  });

  it('a missing model.json or weights file is named with its URL', async () => {
    await expectFailure(new Map(), /\/m\/model\.json: is missing \(HTTP 404\) — is this the URL of a model directory\?/);
    await expectFailure(
      new Map([['/m/model.json', new TextEncoder().encode(encoded.modelJson)]]),
      /\/m\/weights-[0-9a-f]+\.bin: is missing \(HTTP 404\) \(model\.json refers to it\)/,
    );
    await expectFailure(routesFor(encoded.modelJson, { status: 500 }), /weights-[0-9a-f]+\.bin: could not be fetched \(HTTP 500\)/);
  });

  it('truncated weights, announced by Content-Length, are refused before the body is kept', async () => {
    await expectFailure(routesFor(encoded.modelJson, encoded.weights.subarray(0, 40)), new RegExp(`has 40 bytes, model.json expects ${encoded.weights.byteLength} \\(truncated\\?\\)`));
  });

  it('a body longer or shorter than model.json says, without Content-Length, is refused', async () => {
    const longer = new Uint8Array(encoded.weights.byteLength + 8);
    longer.set(encoded.weights);
    await expectFailure(routesFor(encoded.modelJson, { chunked: longer }), /has more than the \d+ bytes model\.json expects/);
    await expectFailure(routesFor(encoded.modelJson, { chunked: encoded.weights.subarray(0, 50) }), /has 50 bytes, model\.json expects \d+ \(truncated\?\)/);
  });

  it('corrupt weights and a wrong checksum fail the checksum check', async () => {
    const corrupt = encoded.weights.slice();
    corrupt[7] ^= 0xff;
    await expectFailure(routesFor(encoded.modelJson, corrupt), /weights-[0-9a-f]+\.bin: does not match its checksum \(corrupt\)/);
    const wrongSum = withJson((j) => (j.sha256 = '0'.repeat(64)));
    await expectFailure(routesFor(wrongSum), /does not match its checksum \(corrupt\)/);
  });

  it('a truncated model.json, and a weights file name that would leave the directory, are refused', async () => {
    await expectFailure(routesFor(encoded.modelJson.slice(0, 60)), /model\.json: is not valid JSON \(truncated or corrupt\)/);
    const escaping = withJson((j) => (j.weightsFile = '../secret.bin'));
    const requests = await expectFailure(routesFor(escaping), /weightsFile "\.\.\/secret\.bin" must be a plain file name/);
    expect(requests).toEqual(['/m/model.json']);
  });

  it('a server that is not there gives one clear error', async () => {
    const server = await serve(new Map());
    const base = server.base;
    await server.close();
    await expect(fetchModelFile(SEQUENCE_MODEL_KIND, `${base}/m/`)).rejects.toThrow(/model\.json: could not be fetched \(.*\); is the server running\?/);
  });

  it('resolves model.json beside a directory URL; relative URLs need a page', () => {
    expect(modelJsonUrl('http://h/a/b').href).toBe('http://h/a/b/model.json');
    expect(modelJsonUrl('http://h/a/b/model.json').href).toBe('http://h/a/b/model.json');
    expect(() => modelJsonUrl('models/x')).toThrow(/is not a valid URL/);
  });

  it('decodes from bytes with the same checks', async () => {
    const loaded = await decodeModelFile(SEQUENCE_MODEL_KIND, { modelJson: encoded.modelJson, weights: encoded.weights });
    expectClose(loaded.model.predict(ids()), model.predict(ids()), { atol: 0 });
    loaded.model.dispose();
    const corrupt = encoded.weights.slice();
    corrupt[3] ^= 1;
    await expectNoLeak(() =>
      expect(decodeModelFile(SEQUENCE_MODEL_KIND, { modelJson: new TextEncoder().encode(encoded.modelJson), weights: corrupt }, { weights: 'dropped.bin' })).rejects.toThrow(
        /dropped\.bin: does not match its checksum/,
      ),
    );
    await expect(decodeModelFile(SEQUENCE_MODEL_KIND, { modelJson: encoded.modelJson, weights: encoded.weights.subarray(1) })).rejects.toThrow(
      /has \d+ bytes, model\.json expects \d+ \(truncated\?\)/,
    );
  });
});
