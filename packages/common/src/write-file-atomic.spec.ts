import fs = require('node:fs');
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RnnkitError } from './rnnkit-error';
import { writeFileAtomic } from './write-file-atomic';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'common-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes bytes and strings, replacing what was there, and leaves no temporary file', () => {
    const file = join(dir, 'out.bin');
    writeFileAtomic(file, Uint8Array.of(1, 2, 3));
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    writeFileAtomic(file, 'héllo');
    expect(fs.readFileSync(file, 'utf8')).toBe('héllo');
    expect(fs.readdirSync(dir)).toEqual(['out.bin']);
  });

  it('fsyncs the data before the rename', () => {
    const order: string[] = [];
    const fsync = jest.spyOn(fs, 'fsyncSync').mockImplementation(() => void order.push('fsync'));
    const rename = jest.spyOn(fs, 'renameSync');
    rename.mockImplementation((from, to) => {
      order.push('rename');
      rename.mockRestore();
      fs.renameSync(from, to);
    });
    try {
      writeFileAtomic(join(dir, 'x'), 'x');
    } finally {
      fsync.mockRestore();
      rename.mockRestore();
    }
    expect(order).toEqual(['fsync', 'rename']);
  });

  it('throws UNWRITABLE naming the file, keeps the old content and cleans up when the rename fails', () => {
    const file = join(dir, 'keep.txt');
    fs.writeFileSync(file, 'old');
    const rename = jest.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    let caught: unknown;
    try {
      writeFileAtomic(file, 'new');
    } catch (err) {
      caught = err;
    } finally {
      rename.mockRestore();
    }
    expect(caught).toBeInstanceOf(RnnkitError);
    expect(caught).toMatchObject({ code: 'UNWRITABLE', file, message: expect.stringContaining(`${file}: cannot write (ENOSPC)`) });
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
  });

  it('throws UNWRITABLE when the directory does not exist', () => {
    const file = join(dir, 'missing', 'out.txt');
    expect(() => writeFileAtomic(file, 'x')).toThrow(expect.objectContaining({ code: 'UNWRITABLE', file }));
  });
});
