/**
 * Atomic file replacement: write a temp file beside the target, flush it to disk, then rename.
 * A crash at any point leaves either the old file or the new one, never a torn mix.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const TEMP_SUFFIX = '.tmp';
/** `.<target>.<pid>.<counter>.tmp`: the names writeFileAtomic gives its temp files. */
const TEMP_NAME = /^\..+\.json\.\d+\.\d+\.tmp$/;
/**
 * A temp file this old was left by a write that was killed (a 5 MiB write takes milliseconds);
 * younger ones may belong to a write in progress, in this or another process.
 */
export const STALE_TEMP_MS = 10 * 60 * 1000;

export interface AtomicWriteOptions {
  /** Test hook: runs after the temp file is written and before the rename. */
  readonly beforeRename?: (tempPath: string) => Promise<void> | void;
}

let counter = 0;

export async function writeFileAtomic(
  target: string,
  data: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  counter += 1;
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${counter}${TEMP_SUFFIX}`);
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await options.beforeRename?.(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Removes temp files that killed writes left in `dir`; returns how many. Never throws. */
export async function removeStaleTempFiles(dir: string, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter((n) => TEMP_NAME.test(n))) {
    const full = path.join(dir, name);
    try {
      if (now - (await fs.stat(full)).mtimeMs < STALE_TEMP_MS) continue;
      await fs.rm(full, { force: true });
      removed += 1;
    } catch {
      // Gone already, or not ours to remove: the next start tries again.
    }
  }
  return removed;
}
