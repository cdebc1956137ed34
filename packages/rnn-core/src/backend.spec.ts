import { tf } from './tfjs';
import { selectBackend } from './backend';

describe('selectBackend', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('picks the fastest backend that loads and says so in one line', async () => {
    const lines: string[] = [];
    const name = await selectBackend({ env: {}, log: (l) => lines.push(l) });
    // tfjs-node cannot install on the project's machines, so wasm is the fastest one here; elsewhere tensorflow.
    expect(['tensorflow', 'wasm']).toContain(name);
    expect(tf.getBackend()).toBe(name);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`backend ${name}`);
    if (name !== 'tensorflow') expect(lines[0]).toMatch(/tfjs-node/);
  });

  it('honours RNNKIT_BACKEND and the option, the option first', async () => {
    expect(await selectBackend({ env: { RNNKIT_BACKEND: 'cpu' }, log: null })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await selectBackend({ backend: 'wasm', env: { RNNKIT_BACKEND: 'cpu' }, log: null })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects unknown names and explains a backend that cannot load', async () => {
    await expect(selectBackend({ env: { RNNKIT_BACKEND: 'gpu' }, log: null })).rejects.toThrow(/unknown backend "gpu".*RNNKIT_BACKEND/);
    let tfjsNodeInstalled = true;
    try {
      require.resolve('@tensorflow/tfjs-node');
    } catch {
      tfjsNodeInstalled = false;
    }
    if (!tfjsNodeInstalled) {
      await expect(selectBackend({ backend: 'tensorflow', log: null })).rejects.toThrow(/could not be loaded.*tfjs-node/);
    }
  });
});
