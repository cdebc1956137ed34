#!/usr/bin/env node
// `npm start [-- --port N]`: builds the site when any of its inputs changed since the last build, then serves it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSite, distDir, needsBuild } from './build.mjs';

if (needsBuild()) {
  console.error('web: building the site (its sources changed since the last build)…');
  try {
    await buildSite();
  } catch (err) {
    if (!err?.errors) console.error(`web: build failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
createRequire(import.meta.url)(join(distDir, 'serve.cjs'));
