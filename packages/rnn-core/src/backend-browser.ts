// Importing the wasm backend registers it with tfjs; its .wasm files are fetched when it is first selected.
import '@tensorflow/tfjs-backend-wasm';
import { BackendName, BackendPlatform, chooseBackend, SelectBackendOptions } from './backend-choice';
import { tf } from './tfjs';

export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * Preference order in a browser when nothing is forced: WebAssembly (XNNPACK), then WebGL when the page has
 * registered it (`import '@tensorflow/tfjs-backend-webgl'`), then pure JS.
 */
export const BROWSER_BACKEND_PREFERENCE: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

const BROWSER: BackendPlatform = {
  preference: BROWSER_BACKEND_PREFERENCE,
  register: (name) => tf.findBackendFactory(name) !== null,
  defaultLog: (line) => console.info(line),
  defaultEnv: () => ({}),
  hint: (name) =>
    name === 'wasm'
      ? 'the wasm backend did not start: serve its .wasm files and call setWasmPaths(url) before selectBackend'
      : '',
};

/**
 * Picks the fastest backend that loads in a browser — `wasm` → `webgl` (if registered) → `cpu` — unless one is
 * forced by `options.backend`, and says in one line (on the console by default) which one runs. The wasm
 * backend fetches its .wasm files from the page's directory unless {@link setWasmPaths} says where.
 */
export function selectBackend(options: SelectBackendOptions = {}): Promise<BackendName> {
  return chooseBackend(BROWSER, options);
}
