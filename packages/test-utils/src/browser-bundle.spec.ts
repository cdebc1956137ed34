import { join } from 'node:path';
import { describeNodeImports, nodeBuiltinImports } from './browser-bundle';

describe('nodeBuiltinImports', () => {
  it('names the built-in and the import chain that reaches it, and ignores built-ins a browser field disables', async () => {
    const imports = await nodeBuiltinImports(join(__dirname, 'testing', 'browser-entry-fixture.ts'));
    // tfjs-backend-wasm requires fs, path, os … but maps them to false in its browser field: not reported.
    expect(imports).toEqual([
      {
        module: 'node:fs',
        chain: ['packages/test-utils/src/testing/browser-entry-fixture.ts', 'packages/test-utils/src/testing/reads-files.ts'],
      },
    ]);
    expect(describeNodeImports(imports)).toBe(
      'node:fs imported via packages/test-utils/src/testing/browser-entry-fixture.ts → packages/test-utils/src/testing/reads-files.ts',
    );
  });
});
