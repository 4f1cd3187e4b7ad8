/**
 * File names that arrive from the renderer (over IPC or HTTP) are untrusted: they must name a
 * plain `.json` file directly inside its folder. Rejects traversal (`../x`), absolute paths,
 * separators, NUL bytes, hidden/temp files and Windows device names, then checks the resolved path as a second guard.
 */
import path from 'node:path';
import { StorageError } from '../api';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}\.json$/;
/** Device names Windows reserves whatever the extension (`NUL.json` opens the null device). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i;

export function checkFileName(name: unknown): string {
  if (typeof name !== 'string') throw new StorageError('File name must be a string.', 'bad-argument');
  if (name.includes('\0')) throw new StorageError('File name must not contain NUL bytes.', 'bad-argument');
  if (name.includes('/') || name.includes('\\') || name.includes('..')) {
    throw new StorageError(`File name "${name}" must not contain path separators or "..".`, 'bad-argument');
  }
  if (!NAME.test(name)) {
    throw new StorageError(
      `File name "${name}" must be letters, digits, ".", "-" or "_" and end in ".json".`,
      'bad-argument',
    );
  }
  if (WINDOWS_RESERVED.test(name))
    throw new StorageError(
      `File name "${name}" is reserved on Windows; choose another name.`,
      'bad-argument',
    );
  return name;
}

/** Resolves `name` inside `dir`, refusing anything that would land outside it. */
export function resolveInside(dir: string, name: unknown): string {
  const safe = checkFileName(name);
  const root = path.resolve(dir);
  const full = path.resolve(root, safe);
  if (path.dirname(full) !== root)
    throw new StorageError(`File name "${safe}" escapes its folder.`, 'bad-argument');
  return full;
}
