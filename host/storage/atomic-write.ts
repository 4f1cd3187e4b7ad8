/**
 * Atomic file replacement: write a temp file beside the target, flush it to disk, then rename.
 * A crash at any point leaves either the old file or the new one, never a torn mix.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const TEMP_SUFFIX = '.tmp';

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
