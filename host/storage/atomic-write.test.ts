import { mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENAME_RETRY_DELAYS_MS, writeFileAtomic } from './atomic-write';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'outage-lab-atomic-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const locked = (code: string) =>
  Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

/** Makes the next `failures` renames fail with `code`, as Windows does while a reader holds the target. */
function lockTargetFor(failures: number, code = 'EPERM') {
  const realRename = fsp.rename.bind(fsp);
  let left = failures;
  return vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
    if (left > 0) {
      left -= 1;
      throw locked(code);
    }
    return realRename(from, to);
  });
}

describe('writeFileAtomic', () => {
  it('replaces the target and leaves no temp file', async () => {
    const target = path.join(dir, 'run.json');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  it.each(['EPERM', 'EBUSY', 'EACCES'])(
    'on Windows, retries a rename refused with %s while the target is locked',
    async (code) => {
      const target = path.join(dir, 'run.json');
      writeFileSync(target, 'old');
      const rename = lockTargetFor(3, code);
      await writeFileAtomic(target, 'new', { platform: 'win32' });
      expect(rename).toHaveBeenCalledTimes(4);
      expect(readFileSync(target, 'utf8')).toBe('new');
      expect(readdirSync(dir)).toEqual(['run.json']);
    },
  );

  it('on Windows, gives up after a few retries, keeps the old file and removes the temp file', async () => {
    const target = path.join(dir, 'run.json');
    writeFileSync(target, 'old');
    const rename = lockTargetFor(Number.POSITIVE_INFINITY);
    await expect(writeFileAtomic(target, 'new', { platform: 'win32' })).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(rename).toHaveBeenCalledTimes(RENAME_RETRY_DELAYS_MS.length + 1);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['run.json']);
  });

  it('does not retry elsewhere (EPERM/EACCES are lasting there) nor other errors on Windows', async () => {
    const target = path.join(dir, 'run.json');
    const rename = lockTargetFor(1);
    await expect(writeFileAtomic(target, 'new', { platform: 'linux' })).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(rename).toHaveBeenCalledTimes(1);

    rename.mockClear();
    lockTargetFor(1, 'ENOSPC');
    await expect(writeFileAtomic(target, 'new', { platform: 'win32' })).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
