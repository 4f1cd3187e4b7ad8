/**
 * The shell is read-only: a command that would change the system gets one line pointing to the
 * action palette. It is one function so it can later hand the line to the typed actions
 * (simulator/commands/) instead.
 */
import type { ShellResult } from './context';

export function mutatingCommand(line: string): ShellResult {
  const command = line.trim().replace(/\s+/g, ' ');
  return {
    output: `${command.length > 60 ? `${command.slice(0, 57)}...` : command}: this changes the system; the shell is read-only. Use the action palette (Ctrl+K) to act.`,
    exitCode: 1,
  };
}
