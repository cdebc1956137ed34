import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { RnnkitError } from './rnnkit-error';

/**
 * Writes `data` to `file` so that readers see the old content or the new, never a part, even after a crash: the
 * bytes go to a temporary sibling, are flushed to disk (fsync), then renamed over `file`. On failure the temporary
 * file is removed and an `RnnkitError` `UNWRITABLE` naming `file` is thrown (the system error is its `cause`).
 * The directory must exist.
 */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'wx');
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temp, file);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new RnnkitError('UNWRITABLE', `cannot write (${reason}); check that its directory exists and is writable`, {
      file,
      cause: err,
    });
  }
}
