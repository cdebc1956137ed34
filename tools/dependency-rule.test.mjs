// Tests of tools/dependency-rule.mjs on small workspaces written here, one wrong import at a time.
// Run: node --test tools/dependency-rule.test.mjs (npm test runs it).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { checkTree } from './dependency-rule.mjs';

/** A small workspace that follows the rule: common, audio-features, rnn-core, char-lm, test-utils and one app. */
function workspace(extraFiles = {}) {
  const root = mkdtempSync(join(tmpdir(), 'dependency-rule-'));
  const pkg = (name, deps = [], dev = []) =>
    JSON.stringify({ name, dependencies: Object.fromEntries(deps.map((d) => [d, '0.1.0'])), devDependencies: Object.fromEntries(dev.map((d) => [d, '0.1.0'])) });
  const files = {
    'packages/common/package.json': pkg('@rnnkit/common', ['commander']),
    'packages/common/src/index.ts': "import { readFileSync } from 'node:fs';\nimport { Command } from 'commander';\nexport * from './rng';\n",
    'packages/common/src/rng.ts': 'export const rng = 1;\n',
    'packages/audio-features/package.json': pkg('@rnnkit/audio-features', ['@rnnkit/common']),
    'packages/audio-features/src/index.ts': "import { createRng } from '@rnnkit/common';\n",
    'packages/rnn-core/package.json': pkg('@rnnkit/rnn-core', ['@rnnkit/common', '@tensorflow/tfjs-core'], ['@rnnkit/test-utils']),
    'packages/rnn-core/src/index.ts': "import * as tf from '@tensorflow/tfjs-core';\nimport { RnnkitError } from '@rnnkit/common';\n",
    'packages/rnn-core/src/cell.spec.ts': "import { expectClose } from '@rnnkit/test-utils';\nimport golden from '../../../tools/golden.json';\n",
    'packages/char-lm/package.json': pkg('@rnnkit/char-lm', ['@rnnkit/rnn-core', '@rnnkit/common']),
    'packages/char-lm/src/index.ts': "import { tf } from '@rnnkit/rnn-core';\n// import { x } from 'text-gen'; (a comment is not an import)\n",
    'packages/test-utils/package.json': pkg('@rnnkit/test-utils', ['@rnnkit/common']),
    'packages/test-utils/src/index.ts': "import { createRng } from '@rnnkit/common';\n",
    'apps/text-gen/package.json': pkg('text-gen', ['@rnnkit/char-lm', '@rnnkit/common']),
    'apps/text-gen/src/cli.ts': "import { generate } from '@rnnkit/char-lm';\nconst common = require('@rnnkit/common');\n",
    ...extraFiles,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function violationsWith(extraFiles) {
  const root = workspace(extraFiles);
  try {
    return checkTree(root).violations.map((v) => `${v.file}:${v.line}: ${v.message}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a workspace that follows the rule passes, comments and test-only imports included', () => {
  assert.deepEqual(violationsWith({}), []);
});

test('a wrong-way import fails: rnn-core importing char-lm', () => {
  const found = violationsWith({ 'packages/rnn-core/src/layer.ts': "\nimport { generate } from '@rnnkit/char-lm';\n" });
  assert.equal(found.length, 2);
  assert.match(found[0], /^packages\/rnn-core\/src\/layer\.ts:2: rnn-core may import only common, not '@rnnkit\/char-lm'$/);
  assert.match(found[1], /'@rnnkit\/char-lm' is not declared in rnn-core\/package\.json/);
});

test('a package importing an app fails, also through require and dynamic import', () => {
  const found = violationsWith({
    'packages/char-lm/src/a.ts': "import { runCli } from 'text-gen';\n",
    'packages/char-lm/src/b.ts': "const cli = require('text-gen');\n",
    'packages/char-lm/src/c.ts': "export async function f() { return import('text-gen'); }\n",
  });
  assert.equal(found.filter((f) => /imports the app 'text-gen'/.test(f)).length, 3);
});

test('deep imports and relative paths out of the project fail', () => {
  const found = violationsWith({
    'apps/text-gen/src/deep.ts': "import { x } from '@rnnkit/char-lm/src/sampling';\nimport { y } from '../../../packages/char-lm/src/vocabulary';\n",
  });
  assert.equal(found.length, 2);
  assert.match(found[0], /deep import '@rnnkit\/char-lm\/src\/sampling'/);
  assert.match(found[1], /reaches out of text-gen/);
});

test('common and audio-features import no tfjs; common nothing but Node and commander; test-utils only in tests', () => {
  const found = violationsWith({
    'packages/audio-features/src/fft.ts': "import * as tf from '@tensorflow/tfjs-core';\n",
    'packages/common/src/extra.ts': "import { x } from 'lodash';\n",
    'packages/char-lm/src/helper.ts': "import { expectClose } from '@rnnkit/test-utils';\n",
  });
  assert.equal(found.length, 4);
  assert.match(found.join('\n'), /audio-features must not depend on tfjs/);
  assert.match(found.join('\n'), /common imports only Node built-ins and commander, not 'lodash'/);
  assert.match(found.join('\n'), /char-lm may import only rnn-core, common, not '@rnnkit\/test-utils'/);
});

test('an app may import any package it declares, but not another app', () => {
  const found = violationsWith({
    'apps/speech-demo/package.json': JSON.stringify({ name: 'speech-demo', dependencies: { '@rnnkit/audio-features': '0.1.0' } }),
    'apps/speech-demo/src/cli.ts': "import { mfcc } from '@rnnkit/audio-features';\nimport { runCli } from 'text-gen';\n",
  });
  assert.equal(found.length, 2);
  assert.match(found[0], /imports the app 'text-gen'/);
  assert.match(found[1], /'text-gen' is not declared in speech-demo\/package\.json/);
});
