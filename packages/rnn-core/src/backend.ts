import { tf } from './tfjs';

/** The backends rnn-core can run on, fastest first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Preference order when nothing is forced: native TensorFlow, then WebAssembly (XNNPACK), then pure JS. */
export const BACKEND_PREFERENCE: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Force one backend; overrides `RNNKIT_BACKEND`. Fails if that backend cannot load. */
  backend?: BackendName;
  /** Where the one-line notice goes (default: stderr). Pass `null` for silence. */
  log?: ((line: string) => void) | null;
  /** Environment to read `RNNKIT_BACKEND` from (default: process.env). */
  env?: Record<string, string | undefined>;
}

const TFJS_NODE_HINT = 'for native speed run `npm install @tensorflow/tfjs-node` where its prebuilt binary can be downloaded';

function isBackendName(name: string): name is BackendName {
  return (BACKEND_PREFERENCE as readonly string[]).includes(name);
}

/** Registers a backend's package; false when it is not installed or fails to load here. */
function loadBackendPackage(name: BackendName): boolean {
  try {
    if (name === 'tensorflow') require('@tensorflow/tfjs-node');
    if (name === 'wasm') require('@tensorflow/tfjs-backend-wasm');
    return true;
  } catch {
    return false;
  }
}

async function tryBackend(name: BackendName): Promise<boolean> {
  if (!loadBackendPackage(name)) return false;
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Picks the fastest backend that loads — `tensorflow` (tfjs-node) → `wasm` → `cpu` — unless one is forced by
 * the option or the `RNNKIT_BACKEND` environment variable, and says in one line which one runs.
 * Call it once before building models. Resolves to the backend's name.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendName> {
  const env = options.env ?? process.env;
  const log = options.log === undefined ? (line: string) => process.stderr.write(`${line}\n`) : options.log;
  const forced = options.backend ?? (env.RNNKIT_BACKEND ? env.RNNKIT_BACKEND.trim() : undefined);

  if (forced !== undefined) {
    if (!isBackendName(forced)) {
      throw new Error(`unknown backend "${forced}" (from ${options.backend ? 'options' : 'RNNKIT_BACKEND'}); use one of ${BACKEND_PREFERENCE.join(', ')}`);
    }
    if (!(await tryBackend(forced))) {
      const hint = forced === 'tensorflow' ? `; ${TFJS_NODE_HINT}` : '';
      throw new Error(`backend "${forced}" was requested but could not be loaded${hint}`);
    }
    log?.(`rnnkit: backend ${forced} (forced)`);
    return forced;
  }

  for (const name of BACKEND_PREFERENCE) {
    if (await tryBackend(name)) {
      const note = name === 'tensorflow' ? '' : ` — @tensorflow/tfjs-node is not available; ${TFJS_NODE_HINT}`;
      log?.(`rnnkit: backend ${name}${note}`);
      return name;
    }
  }
  throw new Error('no TensorFlow.js backend could be loaded (tried tensorflow, wasm, cpu)');
}
