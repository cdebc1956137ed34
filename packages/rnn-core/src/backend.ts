import { BackendName, BackendPlatform, chooseBackend, SelectBackendOptions } from './backend-choice';

export type { BackendName, SelectBackendOptions } from './backend-choice';

/** Preference order in Node when nothing is forced: native TensorFlow, then WebAssembly (XNNPACK), then pure JS. */
export const BACKEND_PREFERENCE: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

const NODE: BackendPlatform = {
  preference: BACKEND_PREFERENCE,
  register(name) {
    try {
      if (name === 'tensorflow') require('@tensorflow/tfjs-node');
      if (name === 'wasm') require('@tensorflow/tfjs-backend-wasm');
      return true;
    } catch {
      return false;
    }
  },
  defaultLog: (line) => process.stderr.write(`${line}\n`),
  defaultEnv: () => process.env,
  hint: (name) =>
    name === 'tensorflow'
      ? '@tensorflow/tfjs-node is not available; for native speed run `npm install @tensorflow/tfjs-node` where its prebuilt binary can be downloaded'
      : '',
};

/**
 * Picks the fastest backend that loads in Node — `tensorflow` (tfjs-node) → `wasm` → `cpu` — unless one is
 * forced by the option or the `RNNKIT_BACKEND` environment variable, and says in one line (on stderr by default)
 * which one runs. Call it once before building models. Resolves to the backend's name.
 */
export function selectBackend(options: SelectBackendOptions = {}): Promise<BackendName> {
  return chooseBackend(NODE, options);
}
