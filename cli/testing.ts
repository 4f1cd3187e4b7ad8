/** Test support for the CLI: an Io that keeps what a command prints. */
import type { Io } from './args';

export function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (s: string) => out.push(s),
      write: (s: string) => out.push(s),
      err: (s: string) => err.push(s),
    },
    out,
    err,
  };
}
