import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { startStaticServer, type RunningServer } from './static-server';

const USAGE = `usage: npm start -- [--port N]

Serves the built rnnkit web site on http://127.0.0.1 (this machine only) and prints its URL.

  --port N     TCP port, 0 to 65535 (default 8080; 0 picks a free one)
  --help       show this help`;

/** Where the command writes. */
export interface ServeIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** A usage error: printed as one line, exit code 2. */
class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port needs a whole number from 0 to 65535, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return Number(value);
}

/**
 * The `npm start` server command: serves `siteDir` on 127.0.0.1. Resolves to the running server, or to an exit
 * code (0 after --help, 2 for bad usage or a port that is taken, 1 for anything else).
 */
export async function serveCommand(argv: readonly string[], siteDir: string, io: ServeIo): Promise<RunningServer | number> {
  let port = 8080;
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '--help' || arg === '-h') {
        io.stdout(USAGE);
        return 0;
      } else if (arg === '--port') port = parsePort(argv[++i]);
      else if (arg.startsWith('--port=')) port = parsePort(arg.slice('--port='.length));
      else throw new UsageError(`unknown option "${arg}"; see --help`);
    }
    if (!existsSync(path.join(siteDir, 'index.html'))) {
      throw new UsageError(`no built site in ${siteDir}; run \`npm start\` (it builds first) or \`npx nx build web\``);
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`web: ${err.message}`);
    return 2;
  }
  try {
    const running = await startStaticServer({ root: siteDir, port });
    io.stdout(`rnnkit web site: ${running.url}  (serving ${siteDir}; Ctrl+C stops)`);
    return running;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.stderr(`web: cannot listen on 127.0.0.1:${port} (${code === 'EADDRINUSE' ? 'in use' : 'not allowed'}); pass another --port`);
      return 2;
    }
    io.stderr(`web: the server failed to start: ${(err as Error).message}`);
    return 1;
  }
}
