/**
 * Atomic file replacement: write a temp file beside the target, flush it to disk, then rename.
 * A crash at any point leaves either the old file or the new one, never a torn mix.
 * On Windows a rename fails while another process (an antivirus scan, the search indexer, a
 * reader of the same run) briefly holds the target, so the rename is retried a few times there.
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
  /** Test hook: the platform whose rename behaviour applies (default: this one). */
  readonly platform?: NodeJS.Platform;
}

/** Waits before each retry of a locked rename on Windows: about 0.3 s in all, then give up. */
export const RENAME_RETRY_DELAYS_MS: readonly number[] = [10, 20, 40, 80, 160];

/** What Windows answers while the target is open elsewhere; on POSIX these are lasting. */
const LOCKED_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);

async function renameRetryingLocks(from: string, to: string, platform: NodeJS.Platform): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const delay = RENAME_RETRY_DELAYS_MS[attempt];
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (platform !== 'win32' || !LOCKED_CODES.has(code) || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
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
    await renameRetryingLocks(temp, target, options.platform ?? process.platform);
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
