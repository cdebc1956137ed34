import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as path from 'node:path';

/** Content types by file extension; anything else is served as bytes. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The content type served for `file`. */
export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file inside `root`, or null when it names nothing servable: `/` is index.html, a
 * path without an extension may name `<path>.html` (so `/speech` is speech.html), and nothing outside `root` is
 * reachable — the path is decoded once and normalised before the check, so `..`, `%2e%2e`, encoded slashes and
 * backslashes all stay inside, and NUL bytes are refused.
 */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = path.resolve(root);
  const candidate = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== base && !candidate.startsWith(base + path.sep)) return null;
  const options = candidate === base ? [path.join(base, 'index.html')] : [candidate, `${candidate}.html`, path.join(candidate, 'index.html')];
  for (const file of options) {
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not this one
    }
  }
  return null;
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'only GET and HEAD are served\n');
    return;
  }
  const file = resolveRequestPath(root, req.url ?? '/');
  if (file === null) {
    send(res, 404, 'not found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': mimeTypeOf(file),
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    // Cross-origin isolation: pages may then share memory with their workers (SharedArrayBuffer), which training
    // on several threads needs. Every asset is same-origin, so nothing the pages load is blocked by it.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Options of {@link startStaticServer}. */
export interface StaticServerOptions {
  /** The folder served; nothing outside it is reachable. */
  root: string;
  /** TCP port; 0 (the default) lets the system choose a free one. */
  port?: number;
  /** Address to listen on. Default 127.0.0.1: the site is for this machine only. */
  host?: string;
}

/** A running server and the URL it answers on. */
export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting connections and resolves when the server has closed. */
  close(): Promise<void>;
}

/** Serves the files of `root` over HTTP (GET and HEAD only), resolving once it listens. */
export function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => handle(options.root, req, res));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        server,
        url: `http://${host}:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
