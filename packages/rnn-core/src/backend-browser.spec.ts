import { tf } from './tfjs';
import { BROWSER_BACKEND_PREFERENCE, selectBackend } from './backend-browser';

// Jest runs in Node, where the wasm backend also loads (from node_modules); webgl is not registered here.
describe('selectBackend (browser entry)', () => {
  const saved = process.env.RNNKIT_BACKEND;

  afterAll(async () => {
    if (saved === undefined) delete process.env.RNNKIT_BACKEND;
    else process.env.RNNKIT_BACKEND = saved;
    await tf.setBackend('cpu');
  });

  it('prefers wasm, says so through the given log, and ignores process.env (a page has none)', async () => {
    process.env.RNNKIT_BACKEND = 'cpu';
    const lines: string[] = [];
    expect(BROWSER_BACKEND_PREFERENCE[0]).toBe('wasm');
    expect(await selectBackend({ log: (l) => lines.push(l) })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toEqual(['rnnkit: backend wasm']);
  });

  it('honours a forced backend and refuses webgl when the page has not registered it', async () => {
    expect(await selectBackend({ backend: 'cpu', log: null })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    await expect(selectBackend({ backend: 'webgl', log: null })).rejects.toThrow(/backend "webgl" was requested but could not be loaded/);
    await expect(selectBackend({ backend: 'tensorflow', log: null })).rejects.toThrow(/unknown backend "tensorflow".*use one of wasm, webgl, cpu/);
  });
});
