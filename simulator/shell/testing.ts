/** Test support: a built-in scenario's text run headless to a time, seen through the shell. */
import { createSimulation } from '../engine/index';
import type { Simulation } from '../engine/api';
import { formatErrors, parseScenarioText } from '../scenario/validate';
import { shellContext, type ShellContext } from './context';
import { runShellCommand } from './run';

export interface ShellRun {
  readonly sim: Simulation;
  /** Steps the engine forward to `seconds` (never back) and returns the shell's view there. */
  at(seconds: number): ShellContext;
}

export function shellRun(text: string, name = 'scenario'): ShellRun {
  const parsed = parseScenarioText(text, name);
  if (!parsed.ok) throw new Error(formatErrors(parsed.errors, name));
  const sim = createSimulation(parsed.scenario);
  return {
    sim,
    at(seconds) {
      sim.runUntil(seconds);
      return shellContext(sim);
    },
  };
}

/** Runs one line and returns its output (tests read exit codes through runShellCommand). */
export const sh = (ctx: ShellContext, line: string): string => runShellCommand(line, ctx).output;
