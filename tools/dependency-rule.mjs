#!/usr/bin/env node
// The one-way dependency rule of the workspace, checked on the import lines of every project's src/:
//   - apps → packages; no package (and no other app) imports an app;
//   - each package imports only the packages of ALLOWED below, and only those its package.json declares;
//   - @rnnkit/common and @rnnkit/audio-features import no tfjs; common imports nothing but Node and commander;
//   - no deep imports (`@rnnkit/x/src/...`, or a relative path out of the project).
// Test files (*.spec.ts and test helper folders) may also import @rnnkit/test-utils, and read JSON golden data.
// Usage: node tools/dependency-rule.mjs [ROOT]   — one line per wrong import, exit 1 if there is any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which workspace packages each package may import (apps may import any package). */
export const ALLOWED = {
  common: [],
  'audio-features': ['common'],
  'rnn-core': ['common'],
  'char-lm': ['rnn-core', 'common'],
  seq2seq: ['rnn-core', 'common'],
  forecast: ['rnn-core', 'common'],
  speech: ['rnn-core', 'common', 'audio-features'],
  'test-utils': ['common', 'audio-features', 'rnn-core'],
};

/** Packages whose own code must not touch tfjs. */
const NO_TFJS = new Set(['common', 'audio-features']);
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const TEST_FILE = /(\.spec\.[cm]?[jt]s$)|([\\/](testing|test-utils)[\\/])/;
const IMPORT = /(?:^|[^.\w$])(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|[^.\w$])import\s*['"]([^'"]+)['"]|(?:^|[^.\w$])(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/gs;

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every project: its folder, whether it is an app, its npm name and the names it declares as dependencies. */
function projects(root) {
  const out = [];
  for (const kind of ['packages', 'apps']) {
    const base = join(root, kind);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const manifest = join(base, name, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = readJson(manifest);
      out.push({
        dir: join(base, name),
        folder: name,
        app: kind === 'apps',
        npmName: pkg.name,
        declared: new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies })),
      });
    }
  }
  return out;
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The module specifiers a file imports, with their line numbers; comments are blanked first. */
function importsOf(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
  const found = [];
  for (const m of code.matchAll(IMPORT)) {
    const specifier = m[1] ?? m[2] ?? m[3];
    found.push({ specifier, line: code.slice(0, m.index + m[0].indexOf(specifier)).split('\n').length });
  }
  return found;
}

function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
}

/**
 * Checks every project below `root` and returns the violations, each `{ file, line, message }` with `file`
 * relative to `root`, plus how many files were read.
 */
export function checkTree(root) {
  const all = projects(root);
  const byNpmName = new Map(all.map((p) => [p.npmName, p]));
  const violations = [];
  let files = 0;
  for (const project of all) {
    for (const file of sourceFiles(join(project.dir, 'src'))) {
      files++;
      const isTest = TEST_FILE.test(relative(project.dir, file));
      const where = relative(root, file);
      const fail = (line, message) => violations.push({ file: where, line, message });
      for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          // Tests may read golden data from tools/ (JSON); code is imported by package name.
          const data = isTest && specifier.endsWith('.json');
          if (!data && target !== project.dir && !target.startsWith(project.dir + sep)) {
            fail(line, `'${specifier}' reaches out of ${project.folder}; import the package by its name`);
          }
          continue;
        }
        const [scopeOrName, second] = specifier.split('/');
        const packageName = scopeOrName.startsWith('@') ? `${scopeOrName}/${second}` : scopeOrName;
        const target = byNpmName.get(packageName);
        if (target && specifier !== packageName) {
          fail(line, `deep import '${specifier}'; import '${packageName}' (its index) instead`);
          continue;
        }
        if (target === project) continue;
        if (target) {
          if (target.app) {
            fail(line, `imports the app '${packageName}'; apps import packages, never the other way`);
          } else if (!project.app) {
            const allowed = ALLOWED[project.folder];
            const testOnly = isTest && target.folder === 'test-utils';
            if (!allowed) fail(line, `${project.folder} is not in the dependency table of tools/dependency-rule.mjs`);
            else if (!testOnly && !allowed.includes(target.folder)) {
              fail(line, `${project.folder} may import only ${allowed.join(', ') || 'no other package'}, not '${packageName}'`);
            }
          }
          if (!project.declared.has(packageName)) fail(line, `'${packageName}' is not declared in ${project.folder}/package.json`);
          continue;
        }
        if (isTest) continue;
        if (NO_TFJS.has(project.folder) && packageName.startsWith('@tensorflow/')) {
          fail(line, `${project.folder} must not depend on tfjs ('${specifier}')`);
        }
        if (project.folder === 'common' && !isNodeBuiltin(specifier) && packageName !== 'commander') {
          fail(line, `common imports only Node built-ins and commander, not '${specifier}'`);
        }
      }
    }
  }
  return { violations, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const { violations, files } = checkTree(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  console.log(
    violations.length === 0
      ? `dependency rule: ${files} files, no wrong-way import`
      : `dependency rule: ${violations.length} wrong import${violations.length === 1 ? '' : 's'} in ${files} files`,
  );
  process.exit(violations.length === 0 ? 0 : 1);
}
