import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { toneClip } from '@rnnkit/test-utils';

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'speech-demo-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
