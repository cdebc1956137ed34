import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { mimeTypeOf, resolveRequestPath, startStaticServer, type RunningServer } from './static-server';

/** A raw GET: the path is sent exactly as given (no client-side normalisation of `..`). */
function get(url: string, rawPath: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status and headers of a GET of `rawPath`. */
function headersOf(url: string, rawPath: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let dir: string;
  let site: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rnnkit-web-'));
    site = path.join(dir, 'site');
    mkdirSync(path.join(site, 'tfjs'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<h1>home</h1>');
    writeFileSync(path.join(site, 'speech.html'), '<h1>speech</h1>');
    writeFileSync(path.join(site, 'tfjs', 'backend.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
    writeFileSync(path.join(dir, 'secret.txt'), 'outside the site');
    server = await startStaticServer({ root: site });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every file cross-origin isolated (COOP same-origin, COEP require-corp), so pages may share memory', async () => {
    for (const file of ['/', '/speech', '/tfjs/backend.wasm']) {
      const { status, headers } = await headersOf(server.url, file);
      expect(status).toBe(200);
      expect(headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
    }
  });

  it('listens on 127.0.0.1 only and serves the index at /', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get(server.url, '/');
    expect(res).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>home</h1>' });
  });

  it('serves /speech as speech.html and wasm as application/wasm', async () => {
    expect((await get(server.url, '/speech')).body).toBe('<h1>speech</h1>');
    expect((await get(server.url, '/speech.html')).body).toBe('<h1>speech</h1>');
    expect((await get(server.url, '/tfjs/backend.wasm')).type).toBe('application/wasm');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/tfjs/../../secret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/speech.html%00.png',
    '/%E0%A4%A',
  ])('never serves anything outside the site folder: %s', async (raw) => {
    const res = await get(server.url, raw);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the site');
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await get(server.url, '/nothing.js')).status).toBe(404);
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const req = request({ hostname, port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });

  it('resolves paths without touching the network', () => {
    expect(resolveRequestPath(site, '/speech?x=1')).toBe(path.join(site, 'speech.html'));
    expect(resolveRequestPath(site, '/../secret.txt')).toBeNull();
    expect(mimeTypeOf('a/b/model.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeOf('weights-00.bin')).toBe('application/octet-stream');
  });
});
