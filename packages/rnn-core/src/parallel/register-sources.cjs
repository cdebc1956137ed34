// Lets Node load rnn-core and its sibling packages from their TypeScript sources, for runs that use the sources
// rather than dist (training workers started under jest, and test child processes): like jest.preset.js it maps
// @rnnkit/<pkg> to packages/<pkg>/src/index.ts, and esbuild transpiles each .ts file as it is required (no type
// check, no build). The published package never loads this file.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');

const packages = path.resolve(__dirname, '..', '..', '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const match = /^@rnnkit\/([a-z0-9-]+)$/.exec(request);
  return resolve.call(this, match ? path.join(packages, match[1], 'src', 'index.ts') : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = esbuild.transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
  });
  module._compile(code, filename);
};
