// Chooses the TensorFlow.js backend of a page or worker. The default is wasm (see the README's "Backend in the
// browser" for the measurement behind it); `?backend=webgl` or `?backend=cpu` in the page's URL overrides it.
import { selectBackend, tf } from '@rnnkit/rnn-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** Backends a page can run on. */
export type PageBackend = 'wasm' | 'webgl' | 'cpu';

/** The backend pages use unless the URL asks for another. */
export const DEFAULT_BACKEND: PageBackend = 'wasm';

/** The backend asked for by a page URL's `backend` parameter, else the default. */
export function backendFromUrl(url: string): PageBackend {
  const asked = new URL(url).searchParams.get('backend');
  return asked === 'webgl' || asked === 'cpu' || asked === 'wasm' ? asked : DEFAULT_BACKEND;
}

/**
 * Starts `name`: wasm loads its binaries from the site's own /tfjs/ folder (never a CDN); webgl's code is fetched
 * only when asked for. Rejects with rnn-core's one-line reason when the backend cannot start here.
 */
export async function startBackend(name: PageBackend): Promise<PageBackend> {
  setWasmPaths(new URL('/tfjs/', self.location.href).href);
  // The site is cross-origin isolated (for training on several threads), which would let tfjs pick its
  // multi-threaded wasm binary: a pool of threads in every worker, fighting the training workers for the cores. One
  // thread per backend keeps the pages as they were before isolation and leaves the cores to the training workers.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  await selectBackend({ backend: name, log: null });
  return name;
}
