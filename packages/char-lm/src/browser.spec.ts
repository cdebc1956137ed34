import { join } from 'node:path';
import { describeNodeImports, nodeBuiltinImports } from '@rnnkit/test-utils';
import * as browser from './browser';
import * as node from './index';

describe('browser entry', () => {
  it('bundles for a browser without any Node built-in', async () => {
    expect(describeNodeImports(await nodeBuiltinImports(join(__dirname, 'browser.ts')))).toBe('');
  });

  it('offers everything of the Node entry except what reads or writes files', () => {
    expect(Object.keys(node).filter((name) => !(name in browser)).sort()).toEqual(
      [
        'CHECKPOINT_DIRS',
        'brownToText',
        'findModelDirectory',
        'loadBrownCorpus',
        'loadCharModel',
        'loadCorpus',
        'saveCharModel',
        'splitCorpus',
        'trainCharModel',
      ].sort(),
    );
  });
});
