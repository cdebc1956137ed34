import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { serveCommand } from './serve';

function recordingIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) } };
}

describe('serve command', () => {
  let site: string;

  beforeAll(() => {
    site = mkdtempSync(path.join(tmpdir(), 'rnnkit-web-serve-'));
    writeFileSync(path.join(site, 'index.html'), '<h1>home</h1>');
  });
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  it('prints the URL it serves on', async () => {
    const { out, err, io } = recordingIo();
    const running = await serveCommand(['--port', '0'], site, io);
    if (typeof running === 'number') throw new Error(`exit ${running}: ${err.join('\n')}`);
    try {
      expect(out).toEqual([expect.stringContaining(running.url)]);
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await running.close();
    }
  });

  it.each([
    [['--port', 'eighty'], /--port needs a whole number from 0 to 65535, got "eighty"/],
    [['--port=70000'], /got "70000"/],
    [['--port'], /got nothing/],
    [['--host', '0.0.0.0'], /unknown option "--host"/],
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    const { err, io } = recordingIo();
    expect(await serveCommand(argv, site, io)).toBe(2);
    expect(err).toEqual([expect.stringMatching(message)]);
  });

  it('says how to build when there is no site, and which port is taken', async () => {
    const { err, io } = recordingIo();
    expect(await serveCommand([], path.join(site, 'missing'), io)).toBe(2);
    expect(err[0]).toMatch(/no built site in .*missing; run `npm start`/);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const taken = recordingIo();
    try {
      expect(await serveCommand(['--port', String(port)], site, taken.io)).toBe(2);
      expect(taken.err).toEqual([`web: cannot listen on 127.0.0.1:${port} (in use); pass another --port`]);
    } finally {
      blocker.close();
    }
  });

  it('prints help and exits 0', async () => {
    const { out, io } = recordingIo();
    expect(await serveCommand(['--help'], site, io)).toBe(0);
    expect(out[0]).toMatch(/^usage: npm start -- \[--port N\]/);
  });
});
