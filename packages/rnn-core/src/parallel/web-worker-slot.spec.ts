import { RnnkitError } from '@rnnkit/common';
import { WebWorkerSlot } from './web-worker-slot';
import type { WorkerInit } from './worker-protocol';

/** A stand-in for the browser's Worker: records what it is sent; the test fires its events. */
class FakeWorker {
  static last: FakeWorker;
  readonly sent: unknown[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Array<(event: { data?: unknown; message?: string }) => void>>();
  constructor(readonly url: string) {
    FakeWorker.last = this;
  }
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: (event: { data?: unknown; message?: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, event: { data?: unknown; message?: string }): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const init = { backend: 'cpu', replica: { module: 'm', config: null }, shapes: [[1]], slot: 0, workers: 1 } as unknown as Omit<WorkerInit, 'entry'>;
const batch = { x: { data: new Float32Array(1), shape: [1, 1] } };

describe('WebWorkerSlot', () => {
  const globals = globalThis as { Worker?: unknown };
  beforeEach(() => (globals.Worker = FakeWorker));
  afterEach(() => delete globals.Worker);

  it('sends the start message first, then answers a step with the worker reply', async () => {
    const slot = new WebWorkerSlot('training worker 1 of 1', '/w.js', init);
    const worker = FakeWorker.last;
    expect(worker.sent[0]).toEqual({ type: 'start', init });
    worker.fire('message', { data: { type: 'ready' } });
    await slot.ready;
    const step = slot.step(batch, 1, false, []);
    worker.fire('message', { data: { type: 'done', sum: 3, count: 2, served: 1, tensors: 5 } });
    await expect(step).resolves.toEqual({ type: 'done', sum: 3, count: 2, served: 1, tensors: 5 });
    expect(slot.tensors).toBe(5);
  });

  it('an error event (script not loaded, uncaught error) rejects the waiting step and every later one', async () => {
    const slot = new WebWorkerSlot('training worker 1 of 1', '/w.js', init);
    FakeWorker.last.fire('error', { message: 'Uncaught Error: boom' });
    await expect(slot.ready).rejects.toThrow(/training worker 1 of 1 stopped on an error: Uncaught Error: boom; the update was not applied/);
    await expect(slot.step(batch, 1, false, [])).rejects.toThrow(/stopped on an error/);
  });

  it('a failed reply keeps its code, and terminate() refuses later steps', async () => {
    const slot = new WebWorkerSlot('training worker 1 of 1', '/w.js', init);
    FakeWorker.last.fire('message', { data: { type: 'ready' } });
    await slot.ready;
    const step = slot.step(batch, 1, false, []);
    FakeWorker.last.fire('message', { data: { type: 'failed', message: 'id 99 is outside the vocabulary', code: 'BAD_INPUT' } });
    await expect(step).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await slot.terminate();
    expect(FakeWorker.last.terminated).toBe(true);
    await expect(slot.step(batch, 2, false, [])).rejects.toThrow(RnnkitError);
  });

  it('says so when there are no Web Workers', () => {
    delete globals.Worker;
    expect(() => new WebWorkerSlot('w', '/w.js', init)).toThrow(/Web Workers are not available here/);
  });
});
