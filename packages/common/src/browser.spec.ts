import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every module specifier imported by `file` and, through relative imports, by the files it reaches. */
function importsReachedFrom(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:import|export)[^'";]*?from\s+'([^']+)'|import\s+'([^']+)'/g)].map((m) => m[1] ?? m[2]);
  return specifiers.flatMap((s) => (s.startsWith('.') ? importsReachedFrom(join(dirname(file), `${s}.ts`), seen) : [s]));
}

describe('browser entry', () => {
  it('reaches no Node built-in and no package, directly or through its own files', () => {
    expect(importsReachedFrom(join(__dirname, 'browser.ts'))).toEqual([]);
  });

  it('the check sees what the Node entry imports', () => {
    const reached = importsReachedFrom(join(__dirname, 'index.ts'));
    expect(reached).toEqual(expect.arrayContaining(['node:fs', 'node:crypto', 'commander']));
  });
});
