/**
 * What the trainee looked at, beside where the answer was (issue 13 item 5): the shell commands
 * run (investigate steps), the first one that looked at the root-cause node, and when that node
 * first showed something (its fault's onset, when its metrics changed, or the first visible event
 * on it, whichever came first). Not scored (docs/scoring.md); the debrief says it in a sentence.
 */
import type { SimEvent } from '../../../simulator/engine/api';
import type { RunStep } from '../../../simulator/runs/record';
import type { Scenario } from '../../../simulator/scenario/schema';

export interface Investigation {
  readonly commands: number;
  /** The first command naming the root-cause node (its id, a pod of it, deploy/ or -h of it). */
  readonly firstLook?: { readonly t: number; readonly command: string };
  /** When the root-cause node first showed the problem: its first fault or first visible event. */
  readonly firstClueAt?: number;
  readonly node: string;
}

/** Whether a command line names `node`: as a word, or as the prefix of a pod name (`node-<hash>-<id>`). */
export function namesNode(command: string, node: string): boolean {
  const escaped = node.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s/="'@:])${escaped}($|[\\s/"':,.]|-[a-z0-9]{9,10}-[a-z0-9]{5})`).test(command);
}

export function investigation(
  scenario: Scenario,
  steps: readonly RunStep[],
  events: readonly SimEvent[],
): Investigation {
  const node = scenario.rootCause.node;
  const runs = steps.filter((s) => s.kind === 'investigate');
  const look = runs.find((s) => namesNode(s.command, node));
  const faultAt = scenario.faults
    .filter((f) => f.target === node || f.target.startsWith(`${node}->`))
    .reduce((min, f) => Math.min(min, f.at), Infinity);
  const eventAt = events
    .filter((e) => !e.hidden && e.node === node && e.kind !== 'investigate' && e.kind !== 'action')
    .reduce((min, e) => Math.min(min, e.t), Infinity);
  const clue = Math.min(faultAt, eventAt);
  return {
    commands: runs.length,
    node,
    ...(look ? { firstLook: { t: look.at, command: look.command } } : {}),
    ...(Number.isFinite(clue) ? { firstClueAt: clue } : {}),
  };
}
