#!/usr/bin/env node
// Proves that each package works outside the monorepo: packs every public package with `npm pack`, installs the
// tarballs into an empty project in a temp folder, loads each entry point, runs each bin's --help, and runs
// every ```js block of each package README as written.
//
//   node tools/pack-check.mjs [package-name ...]      (run `npm run build` first)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: join(root, 'packages', dir), json: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter((p) => !p.json.private);

const work = mkdtempSync(join(tmpdir(), 'rnnkit-pack-'));
const failures = [];
const log = (line) => process.stderr.write(`${line}\n`);

try {
  const tarballs = packages.map((p) => {
    const out = execFileSync('npm', ['pack', '--pack-destination', work, '--json'], { cwd: p.dir, encoding: 'utf8' });
    return join(work, JSON.parse(out)[0].filename);
  });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'pack-check', private: true }));
  log(`installing ${tarballs.length} tarballs into ${work}`);
  // All tarballs in one install, so that packages depending on each other resolve to the local copies.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: work, stdio: 'inherit' });

  for (const p of packages) {
    if (only.length && !only.includes(p.json.name)) continue;
    const check = (label, file, args = []) => {
      const result = spawnSync('node', [file, ...args], { cwd: work, encoding: 'utf8', timeout: 180_000, env: { ...process.env, RNNKIT_BACKEND: process.env.RNNKIT_BACKEND ?? '' } });
      const ok = result.status === 0;
      log(`${ok ? 'ok  ' : 'FAIL'} ${p.json.name}: ${label}`);
      if (!ok) failures.push(`${p.json.name}: ${label}\n${result.stdout}\n${result.stderr}`);
    };
    const entry = join(work, `entry-${p.json.name.replace(/\W/g, '_')}.js`);
    writeFileSync(entry, `const m = require(${JSON.stringify(p.json.name)});\nif (Object.keys(m).length === 0) throw new Error('no exports');\n`);
    check('entry point loads with named exports', entry);
    for (const bin of Object.keys(p.json.bin ?? {})) check(`bin ${bin} --help`, join(work, 'node_modules', '.bin', bin), ['--help']);
    const readme = join(p.dir, 'README.md');
    const blocks = existsSync(readme) ? [...readFileSync(readme, 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]) : [];
    blocks.forEach((code, i) => {
      const file = join(work, `readme-${p.json.name.replace(/\W/g, '_')}-${i + 1}.js`);
      writeFileSync(file, code);
      check(`README example ${i + 1}`, file);
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  log(`\n${failures.length} check(s) failed:\n\n${failures.join('\n---\n')}`);
  process.exit(1);
}
log('all packages work from their tarballs');
