#!/usr/bin/env node
// Committed launcher: it exists before the build, so npm can link the command on a fresh install.
// dist/cli.js exports runCli(argv) → exit code.
const { runCli } = require('../dist/cli.js');

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
