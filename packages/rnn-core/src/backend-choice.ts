import { RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';

/** The backends rnn-core can run on: native TensorFlow (Node), WebGL (browsers), WebAssembly and pure JS. */
export type BackendName = 'tensorflow' | 'webgl' | 'wasm' | 'cpu';

/** Options of `selectBackend`. */
export interface SelectBackendOptions {
  /** Force one backend; overrides `RNNKIT_BACKEND`. Fails if that backend cannot load. */
  backend?: BackendName;
  /** Where the one-line notice goes (Node: stderr; browser: the console). Pass `null` for silence. */
  log?: ((line: string) => void) | null;
  /** Environment to read `RNNKIT_BACKEND` from (Node: process.env; browser: none). */
  env?: Record<string, string | undefined>;
}

/** What one platform (Node or a browser) offers: its backends and how to load them. */
export interface BackendPlatform {
  /** Backends this platform can run, fastest first. */
  preference: readonly BackendName[];
  /** Makes a backend's package register itself; false when it is not installed or fails to load here. */
  register(name: BackendName): boolean;
  /** The notice's destination when the caller gives none. */
  defaultLog(line: string): void;
  /** The environment when the caller gives none. */
  defaultEnv(): Record<string, string | undefined>;
  /** Why `name` might be missing and what to do, or '' (appended to errors and to the notice). */
  hint(name: BackendName): string;
}

async function tryBackend(platform: BackendPlatform, name: BackendName): Promise<boolean> {
  if (!platform.register(name)) return false;
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Picks the fastest backend of `platform` that loads, unless one is forced by the option or `RNNKIT_BACKEND`,
 * and says in one line which one runs. Resolves to the backend's name.
 */
export async function chooseBackend(platform: BackendPlatform, options: SelectBackendOptions): Promise<BackendName> {
  const env = options.env ?? platform.defaultEnv();
  const log = options.log === undefined ? (line: string) => platform.defaultLog(line) : options.log;
  const forced = options.backend ?? (env.RNNKIT_BACKEND ? env.RNNKIT_BACKEND.trim() : undefined);

  if (forced !== undefined) {
    if (!(platform.preference as readonly string[]).includes(forced)) {
      const source = options.backend ? 'options' : 'RNNKIT_BACKEND';
      throw new RnnkitError('BAD_OPTION', `unknown backend "${forced}" (from ${source}); use one of ${platform.preference.join(', ')}`);
    }
    const name = forced as BackendName;
    if (!(await tryBackend(platform, name))) {
      const hint = platform.hint(name);
      throw new RnnkitError('BAD_OPTION', `backend "${name}" was requested but could not be loaded${hint ? `; ${hint}` : ''}`);
    }
    log?.(`rnnkit: backend ${name} (forced)`);
    return name;
  }

  for (const name of platform.preference) {
    if (await tryBackend(platform, name)) {
      const missing = platform.preference.slice(0, platform.preference.indexOf(name)).map((n) => platform.hint(n)).filter(Boolean);
      log?.(`rnnkit: backend ${name}${missing.length ? ` — ${missing.join('; ')}` : ''}`);
      return name;
    }
  }
  throw new RnnkitError('INTERNAL', `no TensorFlow.js backend could be loaded (tried ${platform.preference.join(', ')})`);
}
