/**
 * A command that would change the system but is not a catalog action's command as typed (the
 * Shell tab runs those as actions before the line reaches the shell): one line pointing to the
 * action palette, which lists every action with its command.
 */
import type { ShellResult } from './context';

export function mutatingCommand(line: string): ShellResult {
  const command = line.trim().replace(/\s+/g, ' ');
  return {
    output: `${command.length > 60 ? `${command.slice(0, 57)}...` : command}: this would change the system, but not as an action the console knows; the action palette (Ctrl+K) lists every action with its command.`,
    exitCode: 1,
  };
}
