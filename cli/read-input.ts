/** Reads an input file the user named, turning errno codes into a sentence (never a raw ENOENT). */
import { readFileSync } from 'node:fs';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a folder on its path is a file',
  EMFILE: 'too many open files',
};

/** `what` names the file's role, e.g. "scenario" or "actions". */
export function readInputFile(what: string, file: string): { text: string } | { error: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = (code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e));
    return { error: `cannot read ${what} file '${file}': ${reason}` };
  }
}
