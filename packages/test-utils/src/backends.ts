import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/** Every numeric test runs on these backends: the pure-JS reference and the fast one used where tfjs-node is absent. */
export const BACKENDS_UNDER_TEST = ['cpu', 'wasm'] as const;

/** Switches tfjs to `name` before the tests of a `describe` block run. */
export function useBackend(name: (typeof BACKENDS_UNDER_TEST)[number]): void {
  beforeAll(async () => {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`backend ${name} failed to initialise`);
    await tf.ready();
  });
}
