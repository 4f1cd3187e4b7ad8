/**
 * Argument parsing for every CLI command: node:util parseArgs (strict, positionals allowed) with
 * `--help`/`-h` added to each command, so `outage-lab run --help` prints that command's usage
 * instead of being taken for a file name.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Output: `out` and `err` print a line; `write` prints text as is (a CSV ends with its own CRLF);
 * `progress`, present only when stderr is a terminal, redraws a progress line.
 */
export type Io = {
  out: (s: string) => void;
  write: (s: string) => void;
  err: (s: string) => void;
  progress?: (s: string) => void;
};

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O & typeof HELP_OPTION; allowPositionals: true; strict: true }>
>;

/**
 * Parses a command's arguments. Returns the parsed values, or the exit code when the command is
 * done: 0 after printing its usage for --help, 2 after a usage error (named, with a pointer to
 * the help).
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: readonly string[],
  commandOptions: O,
  usage: string,
  io: Io,
): Parsed<O> | number {
  // --help wins wherever it stands, even next to a malformed option; after `--` it is a file name.
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    io.out(usage);
    return 0;
  }
  try {
    return parseArgs({
      args: [...argv],
      options: { ...commandOptions, ...HELP_OPTION },
      allowPositionals: true,
      strict: true,
    }) as Parsed<O>;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/\.$/, '');
    io.err(`outage-lab ${command}: ${message}. Try 'outage-lab ${command} --help'.`);
    return 2;
  }
}
