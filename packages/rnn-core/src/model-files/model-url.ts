import { ModelFileError } from './model-file-error';
import { decodeModel, MAX_MODEL_JSON_BYTES, MODEL_JSON, parseModelManifest } from './model-format';
import { modelFromContents, type ModelFile, type ModelKind } from './model-kind';

/** Options of {@link fetchModelFile}. */
export interface FetchModelOptions {
  /** The fetch to use (default the global one): e.g. one that adds credentials, or a test double. */
  fetch?: typeof fetch;
  /** Cancels both requests. */
  signal?: AbortSignal;
}

/** The URL of model.json: `url` itself when it names a `.json` file, else `model.json` inside it as a directory. */
export function modelJsonUrl(url: string | URL): URL {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  let resolved: URL;
  try {
    resolved = new URL(url, base);
  } catch {
    throw new ModelFileError(String(url), 'is not a valid URL (relative URLs need a page to resolve against)');
  }
  if (resolved.pathname.endsWith('.json')) return resolved;
  if (!resolved.pathname.endsWith('/')) resolved.pathname += '/';
  return new URL(MODEL_JSON, resolved);
}

/**
 * Reads a response body without trusting its headers: refuses early when Content-Length already says the size
 * is wrong, and stops reading as soon as more than `limit` bytes arrived (so a lying server cannot make it
 * allocate more than it was told to expect).
 */
async function readBody(response: Response, file: string, limit: number, expected?: number): Promise<Uint8Array> {
  const header = response.headers.get('content-length');
  // With a content encoding, Content-Length counts the compressed bytes, not the ones the body yields.
  if (header !== null && !response.headers.get('content-encoding')) {
    const claimed = Number(header);
    if (expected !== undefined && claimed !== expected) {
      throw new ModelFileError(file, `has ${claimed} bytes, model.json expects ${expected} (truncated?)`);
    }
    if (claimed > limit) throw new ModelFileError(file, `is larger than ${limit} bytes; not a model.json`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const tooLong = () =>
    expected !== undefined
      ? new ModelFileError(file, `has more than the ${expected} bytes model.json expects`)
      : new ModelFileError(file, `is larger than ${limit} bytes; not a model.json`);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw tooLong();
      }
      chunks.push(value);
    }
  } else {
    const whole = new Uint8Array(await response.arrayBuffer());
    total = whole.byteLength;
    if (total > limit) throw tooLong();
    chunks.push(whole);
  }
  if (expected !== undefined && total !== expected) {
    throw new ModelFileError(file, `has ${total} bytes, model.json expects ${expected} (truncated?)`);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

async function get(url: URL, options: FetchModelOptions, what: string): Promise<Response> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchFn(url.href, { signal: options.signal });
  } catch (err) {
    throw new ModelFileError(url.href, `could not be fetched (${(err as Error).message}); is the server running?`);
  }
  if (response.status === 404) throw new ModelFileError(url.href, `is missing (HTTP 404)${what}`);
  if (!response.ok) throw new ModelFileError(url.href, `could not be fetched (HTTP ${response.status})`);
  return response;
}

/**
 * Loads a model of `kind` over HTTP: model.json at `url` (or `url/model.json`), then the weights file it names,
 * beside it. The same checks and errors as from disk apply — format, kind and version, the weights file name
 * (plain, so it stays beside model.json), sizes (checked before the body is kept), checksum, names and shapes;
 * errors name the URL.
 */
export async function fetchModelFile<M, E>(kind: ModelKind<M, E>, url: string | URL, options: FetchModelOptions = {}): Promise<ModelFile<M, E>> {
  const jsonUrl = modelJsonUrl(url);
  const jsonResponse = await get(jsonUrl, options, ' — is this the URL of a model directory?');
  const manifest = parseModelManifest(await readBody(jsonResponse, jsonUrl.href, MAX_MODEL_JSON_BYTES), jsonUrl.href);
  const weightsUrl = new URL(manifest.weightsFile, jsonUrl);
  const weightsResponse = await get(weightsUrl, options, ' (model.json refers to it)');
  const bytes = await readBody(weightsResponse, weightsUrl.href, manifest.weightsBytes, manifest.weightsBytes);
  const contents = decodeModel(manifest, bytes, { json: jsonUrl.href, weights: weightsUrl.href });
  return modelFromContents(kind, contents, jsonUrl.href);
}
