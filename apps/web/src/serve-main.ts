// Entry of the bundled server (dist/serve.cjs): serves dist/site, the folder built beside it.
import * as path from 'node:path';
import { serveCommand } from './serve';

serveCommand(process.argv.slice(2), path.join(__dirname, 'site'), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
}).then(
  (result) => {
    if (typeof result === 'number') process.exitCode = result;
  },
  (err: unknown) => {
    process.stderr.write(`web: internal error: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
