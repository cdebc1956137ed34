#!/usr/bin/env node
// `npm run bench -- <suite> [options]`: runs tools/bench/suites/<suite>.mjs against the built packages.
// Each suite exports `run(args: string[]) => Promise<object>`; the object is printed as the last line, as JSON.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const suites = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -'.mjs'.length))
  .sort();
const [suite, ...args] = process.argv.slice(2);

if (!suite || suite === '--help' || suite === '-h') {
  console.log(`usage: npm run bench -- <suite> [options]\n\nsuites: ${suites.join(', ')}`);
  process.exit(suite ? 0 : 2);
}
if (!suites.includes(suite)) {
  console.error(`bench: no suite named "${suite}"; choose one of: ${suites.join(', ')}`);
  process.exit(2);
}

try {
  const { run } = await import(pathToFileURL(join(suitesDir, `${suite}.mjs`)).href);
  const figures = await run(args);
  console.log(JSON.stringify(figures));
} catch (err) {
  console.error(`bench ${suite}: ${err instanceof Error ? err.message : err}`);
  if (args.includes('--verbose')) console.error(err);
  process.exit(1);
}
