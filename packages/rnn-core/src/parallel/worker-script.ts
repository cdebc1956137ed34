import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RnnkitError } from '@rnnkit/common';

/**
 * The file a training worker starts from: the compiled `worker-entry.js` beside this module (the published
 * package), or — when rnn-core runs from its TypeScript sources, as under jest — `source-worker.cjs`, which
 * loads `worker-entry.ts` through `register-sources.cjs`. `entry` is then passed to the worker.
 */
export function workerScript(): { file: string; entry?: string } {
  const compiled = join(__dirname, 'worker-entry.js');
  if (existsSync(compiled)) return { file: compiled };
  const source = join(__dirname, 'worker-entry.ts');
  if (existsSync(source)) return { file: join(__dirname, 'source-worker.cjs'), entry: source };
  throw new RnnkitError('INTERNAL', `the training worker ${compiled} is missing; rebuild @rnnkit/rnn-core (npm run build) or reinstall it`);
}
