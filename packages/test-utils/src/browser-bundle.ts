import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { build, Metafile, Plugin } from 'esbuild';

/** A Node built-in that a browser bundle would pull in, and the chain of files that imports it. */
export interface NodeImport {
  /** The module as written, e.g. `node:fs` or `path`. */
  module: string;
  /** Repository-relative files from the entry to the one importing `module`. */
  chain: string[];
}

const ROOT = resolve(__dirname, '..', '..', '..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function isBuiltin(specifier: string): boolean {
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/**
 * Workspace packages resolve to their browser entry (`src/browser.ts`), as the `browser` condition of their
 * exports maps does for built code; a package without one falls back to `src/index.ts`, whose Node imports the
 * check then reports.
 */
const workspacePackages: Plugin = {
  name: 'rnnkit-workspace',
  setup(b) {
    b.onResolve({ filter: /^@rnnkit\/[a-z0-9-]+$/ }, (args) => {
      const dir = join(ROOT, 'packages', args.path.slice('@rnnkit/'.length), 'src');
      const browser = join(dir, 'browser.ts');
      return { path: existsSync(browser) ? browser : join(dir, 'index.ts') };
    });
  },
};

/**
 * Records built-ins esbuild cannot resolve for a browser. Those a package's `browser` field disables (tfjs maps
 * `fs`, `crypto` … to `false`) resolve to empty modules and are not pulled in, so they are not reported.
 */
function builtinRecorder(found: Array<{ module: string; importer: string }>): Plugin {
  return {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.probe || !isBuiltin(args.path)) return undefined;
        const probe = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { probe: true } });
        if (probe.errors.length === 0) return undefined;
        found.push({ module: args.path, importer: args.importer });
        return { path: args.path, external: true };
      });
    },
  };
}

/** The shortest chain of imports from `entry` to `target` in esbuild's metafile (entry first). */
function importChain(metafile: Metafile, entry: string, target: string): string[] {
  const previous = new Map<string, string>([[entry, '']]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    if (file === target) break;
    for (const { path } of metafile.inputs[file]?.imports ?? []) {
      if (!previous.has(path)) {
        previous.set(path, file);
        queue.push(path);
      }
    }
  }
  const chain: string[] = [];
  for (let file: string | undefined = target; file; file = previous.get(file)) chain.unshift(file);
  return chain;
}

/**
 * Bundles `entry` as esbuild would for a web page (platform `browser`, workspace packages through their browser
 * entries) and lists every Node built-in the bundle would need, each with the import chain that reaches it.
 * An empty list means the entry runs in a browser as far as imports go.
 */
export async function nodeBuiltinImports(entry: string): Promise<NodeImport[]> {
  const found: Array<{ module: string; importer: string }> = [];
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    plugins: [workspacePackages, builtinRecorder(found)],
  });
  const entryKey = relative(ROOT, entry);
  return found.map(({ module, importer }) => ({ module, chain: importChain(result.metafile, entryKey, relative(ROOT, importer)) }));
}

/** One line per import, `node:fs imported via a.ts → b.ts → c.ts`: a failure message that names the culprit. */
export function describeNodeImports(imports: readonly NodeImport[]): string {
  return imports.map(({ module, chain }) => `${module} imported via ${chain.join(' → ')}`).join('\n');
}
