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
        'EN_FR_MAX_TRAIN_WORDS',
        'TASKS',
        'TATOEBA_ENV',
        'createEnFrTask',
        'enFrTask',
        'enFrTrainingPairs',
        'exportSeq2SeqLayersDirectory',
        'getTask',
        'loadSeq2SeqModel',
        'loadShippedModel',
        'readTatoebaFile',
        'saveSeq2SeqModel',
        'shippedModelDir',
        'tatoebaFile',
        'trainModel',
      ].sort(),
    );
  });
});
