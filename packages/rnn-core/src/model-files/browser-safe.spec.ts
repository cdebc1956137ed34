import { join } from 'node:path';
import { describeNodeImports, nodeBuiltinImports } from '@rnnkit/test-utils';

// What works on bytes and URLs must bundle for a web page: only model-directory.ts (and the saveModel/loadModel
// shorthands built on it) may reach the file system.
describe('model-file modules for web pages', () => {
  // model-url.ts and model-bytes.ts import model-format.ts, model-kind.ts and the error class.
  it.each(['model-url.ts', 'model-bytes.ts', 'sequence-model-kind.ts', 'settings-diff.ts'])(
    '%s imports no Node built-in, directly or through its imports',
    async (file) => {
      expect(describeNodeImports(await nodeBuiltinImports(join(__dirname, file)))).toBe('');
    },
  );
});
