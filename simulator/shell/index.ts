/** The read-only investigation shell: runShellCommand, completeShell and the context they read. */
export { runShellCommand, CLEAR, SHELL_COMMANDS } from './run';
export { completeShell } from './complete';
export { shellContext, type ShellContext, type ShellResult } from './context';
export { mutatingCommand } from './mutating';
