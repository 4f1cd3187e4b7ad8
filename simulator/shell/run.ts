/**
 * The investigation shell's dispatcher: one command line in, the tool's output and exit code
 * out. Pure (no DOM, no I/O): it runs in the worker, in Node and in tests alike, and never
 * throws: a bug in a tool answers as an error line rather than breaking the console.
 */
import { fail, ok, type ShellContext, type ShellResult } from './context';
import { aws } from './aws';
import { curl } from './curl';
import { dig, nslookup } from './dig';
import { help } from './help';
import { kubectl } from './kubectl';
import { SHELL_LINE_MAX } from './limits';
import { psql } from './psql';
import { redisCli } from './redis-cli';
import { resolvConf } from './resolver';
import { tokenize } from './tokenize';

export const SHELL_COMMANDS = [
  'kubectl',
  'redis-cli',
  'psql',
  'dig',
  'nslookup',
  'curl',
  'aws',
  'cat',
  'help',
  'clear',
] as const;

/** What `clear` returns; the terminal pane clears its scrollback when it sees it. */
export const CLEAR = '\u001b[H\u001b[2J';

/** Shells' everyday commands that make no sense here but should not look unknown. */
const NOT_HERE = new Set([
  'ls',
  'cd',
  'ps',
  'top',
  'vi',
  'vim',
  'ssh',
  'sudo',
  'echo',
  'grep',
  'tail',
  'less',
]);

function dispatch(ctx: ShellContext, line: string): ShellResult {
  const tokens = tokenize(line);
  if (!tokens.ok) return fail(`bash: ${tokens.error}`, 2);
  if (/(^|[^\\])[|;&<>`$]/.test(line.replace(/'[^']*'|"[^"]*"/g, "''"))) {
    return fail(
      'bash: pipes, redirections and variables are not available in this console (one command per line)',
      2,
    );
  }
  const [command, ...args] = tokens.words;
  if (command === undefined) return ok('');
  switch (command) {
    case 'kubectl':
    case 'k':
      return kubectl(ctx, args, line);
    case 'redis-cli':
      return redisCli(ctx, args, line);
    case 'psql':
      return psql(ctx, args, line);
    case 'dig':
      return dig(ctx, args);
    case 'nslookup':
      return nslookup(ctx, args);
    case 'curl':
      return curl(ctx, args, line);
    case 'aws':
      return aws(ctx, args);
    case 'help':
      return ok(help(ctx));
    case 'clear':
      return ok(CLEAR);
    case 'cat':
      if (args[0] === '/etc/resolv.conf') return ok(resolvConf(ctx));
      return fail(`cat: ${args[0] ?? ''}: No such file or directory`);
    default:
      if (NOT_HERE.has(command))
        return fail(`bash: ${command}: not available in this console (type help)`, 127);
      return fail(`bash: ${command}: command not found`, 127);
  }
}

export function runShellCommand(line: string, ctx: ShellContext): ShellResult {
  try {
    const result = dispatch(ctx, line.length > SHELL_LINE_MAX ? line.slice(0, SHELL_LINE_MAX) : line);
    return { output: result.output, exitCode: result.exitCode };
  } catch (error) {
    return fail(`bash: internal error: ${(error as Error).message}`, 70);
  }
}
