// Runs the text-gen CLI straight from its TypeScript sources, for tests that need a real child process (the
// SIGKILL test): `node cli-from-source.cjs train …`. Like jest, it maps @rnnkit/<pkg> to packages/<pkg>/src and
// transpiles .ts files on the fly (typescript's transpileModule: no type check, no build needed).
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..', '..', '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const match = /^@rnnkit\/([a-z0-9-]+)$/.exec(request);
  if (match) return path.join(root, 'packages', match[1], 'src', 'index.ts');
  return resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};

const { runCli } = require('../cli.ts');
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
