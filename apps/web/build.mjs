#!/usr/bin/env node
// Builds the web site into apps/web/dist: the pages' bundles, workers and audio worklet (esbuild), the static
// pages, the tfjs wasm binaries and the shipped models and sample WAVs, so that the site works offline; and the
// server (dist/serve.cjs) that `npm start` runs. Usage: node apps/web/build.mjs [--dev]
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = dirname(fileURLToPath(import.meta.url));
const rootDir = join(webDir, '..', '..');
export const distDir = join(webDir, 'dist');
export const siteDir = join(distDir, 'site');

/** Browser bundles: pages, workers and the audio worklet, each one file under site/js. */
const ENTRY_POINTS = ['speech', 'text', 'translate', 'text-worker', 'training-worker', 'speech-worker', 'capture-worklet'].map((name) => ({
  in: join(webDir, 'pages', `${name}.ts`),
  out: name,
}));

/** Shipped models copied into site/models/<group>/<name> (model.json and its weights file only). */
const MODELS = [
  ['text/default', 'apps/text-gen/models/default'],
  ['speech/word', 'apps/speech-demo/models/word'],
  ['speech/sequence', 'apps/speech-demo/models/sequence'],
  ...['dates', 'numbers-en', 'numbers-pt', 'en-pt', 'en-fr'].map((task) => [`translate/${task}`, `packages/seq2seq/models/${task}`]),
];

/** Everything a build reads: `npm start` rebuilds when any of it is newer than the last build. */
export const BUILD_INPUTS = [
  'apps/web/pages',
  'apps/web/static',
  'apps/web/src',
  'apps/web/build.mjs',
  'apps/speech-demo/samples',
  ...MODELS.map(([, from]) => from),
  ...readdirSync(join(rootDir, 'packages')).map((p) => `packages/${p}/src`),
].map((p) => join(rootDir, p));

/** `@rnnkit/<p>` → the package's browser entry in its sources (its full entry until it has one), as Jest maps it. */
const rnnkitSources = {
  name: 'rnnkit-sources',
  setup(build) {
    build.onResolve({ filter: /^@rnnkit\/[a-z0-9-]+$/ }, (args) => {
      const src = join(rootDir, 'packages', args.path.slice('@rnnkit/'.length), 'src');
      const entry = ['browser.ts', 'index.ts'].map((f) => join(src, f)).find(existsSync);
      return entry ? { path: entry } : { errors: [{ text: `no package ${args.path} in packages/` }] };
    });
  },
};

/** A Node built-in in a browser bundle is a build error that names the importer. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    const names = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (!names.has(args.path) || args.pluginData?.checked) return undefined;
      // A package's "browser" field may disable the import (tfjs-core does so for its Node platform): then it is fine.
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { checked: true } });
      if (resolved.errors.length === 0) return undefined;
      return { errors: [{ text: `the browser bundle imports the Node built-in "${args.path}" from ${relative(rootDir, args.importer)}` }] };
    });
  },
};

function copyModels() {
  for (const [to, from] of MODELS) {
    const src = join(rootDir, from);
    const dest = join(siteDir, 'models', to);
    mkdirSync(dest, { recursive: true });
    for (const f of readdirSync(src).filter((f) => f === 'model.json' || /^weights-[0-9a-f]+\.bin$/.test(f))) {
      cpSync(join(src, f), join(dest, f));
    }
  }
}

function copySamples() {
  const src = join(rootDir, 'apps/speech-demo/samples');
  const files = readdirSync(src).filter((f) => f.endsWith('.wav')).sort();
  mkdirSync(join(siteDir, 'samples'), { recursive: true });
  for (const f of files) cpSync(join(src, f), join(siteDir, 'samples', f));
  writeFileSync(join(siteDir, 'samples', 'index.json'), `${JSON.stringify(files)}\n`);
}

function copyWasm() {
  const src = join(rootDir, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  mkdirSync(join(siteDir, 'tfjs'), { recursive: true });
  for (const f of readdirSync(src).filter((f) => f.endsWith('.wasm'))) cpSync(join(src, f), join(siteDir, 'tfjs', f));
}

/**
 * Builds the whole site into a fresh dist/. Resolves to the esbuild metafile of the browser bundles.
 * `extraPlugins` resolve before the site's own rules (the `@rnnkit/*` sources, the refusal of Node built-ins).
 */
export async function buildSite({ dev = false, extraPlugins = [] } = {}) {
  rmSync(distDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  const browser = await esbuild.build({
    entryPoints: ENTRY_POINTS,
    outdir: join(siteDir, 'js'),
    bundle: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: !dev,
    sourcemap: dev ? 'inline' : false,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [...extraPlugins, rnnkitSources, noNodeBuiltins],
    metafile: true,
    logLevel: 'warning',
  });
  await esbuild.build({
    entryPoints: [join(webDir, 'src/serve-main.ts')],
    outfile: join(distDir, 'serve.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  cpSync(join(webDir, 'static'), siteDir, { recursive: true });
  copyWasm();
  copyModels();
  copySamples();
  writeFileSync(join(siteDir, 'build-info.json'), `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`);
  return browser.metafile;
}

/** The newest modification time (ms) of any file under `paths`. */
export function newestInput(paths = BUILD_INPUTS) {
  let newest = 0;
  const visit = (p) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const f of readdirSync(p)) visit(join(p, f));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** True when dist/ is missing or older than any build input. */
export function needsBuild() {
  const stamp = statSync(join(siteDir, 'build-info.json'), { throwIfNoEntry: false });
  return !stamp || !existsSync(join(distDir, 'serve.cjs')) || newestInput() > stamp.mtimeMs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    await buildSite({ dev: process.argv.includes('--dev') });
    console.error(`web: built ${relative(process.cwd(), siteDir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    // esbuild has already printed each error with its location.
    if (!err?.errors) console.error(`web: build failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
