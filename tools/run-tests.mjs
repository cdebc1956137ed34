#!/usr/bin/env node
// Runs every project's tests through Nx and ends with one line: "N passed, N failed" summed over projects
// (a failed type check or a wrong-way import counts as one failure; the dependency checker's own tests count
// as they are).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// ts-jest compiles each file on its own (fast, but blind to type errors), so the whole tree is type-checked once.
const typecheck = spawnSync('npx', ['tsc', '-p', 'tsconfig.spec-check.json'], { stdio: 'inherit' });
if (typecheck.status !== 0) console.error('type check failed (tsc -p tsconfig.spec-check.json)');

// The one-way dependency rule (tools/dependency-rule.mjs), then the checker's own tests on small fixtures.
const dependencyRule = spawnSync('node', ['tools/dependency-rule.mjs'], { stdio: 'inherit' });
const checkerTests = spawnSync('node', ['--test', 'tools/dependency-rule.test.mjs'], { encoding: 'utf8' });
const checkerCount = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(checkerTests.stdout)?.[1] ?? 0);

const resultsDir = mkdtempSync(join(tmpdir(), 'rnnkit-tests-'));
const nx = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'test', '--outputStyle=stream', '--parallel=1', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, RNNKIT_TEST_RESULTS: resultsDir, NX_NO_CLOUD: 'true' } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(resultsDir)) {
  const counts = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
rmSync(resultsDir, { recursive: true, force: true });

// Nx failing without any failed test means a project did not run at all: count that as a failure too.
if (nx.status !== 0 && failed === 0) failed = 1;
if (typecheck.status !== 0) failed += 1;
if (dependencyRule.status !== 0) failed += 1;
passed += checkerCount('pass');
failed += checkerCount('fail') + (checkerTests.status !== 0 && checkerCount('fail') === 0 ? 1 : 0);
if (checkerTests.status !== 0) console.error(`dependency checker tests failed:\n${checkerTests.stdout}${checkerTests.stderr}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || nx.status !== 0 ? 1 : 0);
