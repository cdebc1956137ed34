import { join } from 'node:path';
import { describeNodeImports, nodeBuiltinImports } from '@rnnkit/test-utils';
import * as browser from './browser';
import * as node from './index';

describe('browser entry', () => {
  it('bundles for a browser without any Node built-in', async () => {
    expect(describeNodeImports(await nodeBuiltinImports(join(__dirname, 'browser.ts')))).toBe('');
  });

  it('offers everything of the Node entry except what reads or writes paths', () => {
    const nodeOnly = Object.keys(node).filter((name) => !(name in browser));
    expect(nodeOnly.sort()).toEqual(
      [
        'BACKEND_PREFERENCE',
        'exportLayersModel',
        'importLayersModel',
        'layersDirectory',
        'loadModel',
        'loadModelFile',
        'loadModelFileSync',
        'readModelDirectory',
        'resumeCheckpoint',
        'saveModel',
        'saveModelFile',
        'saveModelFileSync',
        'writeEncodedModel',
        'writeModelDirectory',
      ].sort(),
    );
    expect(Object.keys(browser).filter((name) => !(name in node)).sort()).toEqual(['BROWSER_BACKEND_PREFERENCE', 'setWasmPaths']);
  });
});
