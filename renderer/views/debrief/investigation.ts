/**
 * What the trainee looked at, beside where the answer was (issue 13 item 5): the shell commands,
 * LogQL queries, trace searches, traces opened and PromQL queries (investigate steps, by tool),
 * the first one that looked at the root-cause node, and when that node
 * first showed something (its fault's onset, when its metrics changed, or the first visible event
 * on it, whichever came first). Not scored (docs/scoring.md); the debrief says it in a sentence.
 */
import type { SimEvent } from '../../../simulator/engine/api';
import type { InvestigateTool, RunStep } from '../../../simulator/runs/record';
import type { Scenario } from '../../../simulator/scenario/schema';

export interface Investigation {
  /** Looks of every tool. */
  readonly commands: number;
  /** Looks by tool (shell commands, LogQL queries, trace searches, traces opened, PromQL queries). */
  readonly byTool: Readonly<Record<InvestigateTool, number>>;
  /** The first look naming the root-cause node (its id, a pod of it, deploy/ or -h of it, a label). */
  readonly firstLook?: { readonly t: number; readonly command: string; readonly tool: InvestigateTool };
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
  const byTool: Record<InvestigateTool, number> = { shell: 0, logql: 0, traces: 0, trace: 0, promql: 0 };
  for (const s of runs) byTool[s.tool ?? 'shell']++;
  const faultAt = scenario.faults
    .filter((f) => f.target === node || f.target.startsWith(`${node}->`))
    .reduce((min, f) => Math.min(min, f.at), Infinity);
  const eventAt = events
    .filter((e) => !e.hidden && e.node === node && e.kind !== 'investigate' && e.kind !== 'action')
    .reduce((min, e) => Math.min(min, e.t), Infinity);
  const clue = Math.min(faultAt, eventAt);
  return {
    commands: runs.length,
    byTool,
    node,
    ...(look ? { firstLook: { t: look.at, command: look.command, tool: look.tool ?? 'shell' } } : {}),
    ...(Number.isFinite(clue) ? { firstClueAt: clue } : {}),
  };
}

const LOOK_LABEL: Readonly<Record<InvestigateTool, string>> = {
  shell: 'Ran: ',
  logql: 'LogQL: ',
  traces: 'Searched traces: ',
  trace: 'Opened trace ',
  promql: 'PromQL: ',
};

/** How the debrief's timeline shows a look. */
export function lookText(command: string, tool: InvestigateTool | undefined): string {
  return `${LOOK_LABEL[tool ?? 'shell']}${command}`;
}

const NOUNS: Readonly<Record<InvestigateTool, readonly [string, string]>> = {
  shell: ['shell command', 'shell commands'],
  logql: ['log query', 'log queries'],
  traces: ['trace search', 'trace searches'],
  trace: ['trace opened', 'traces opened'],
  promql: ['PromQL query', 'PromQL queries'],
};

/** "3 shell commands, 2 log queries and 1 trace opened". */
export function looksSummary(byTool: Readonly<Record<InvestigateTool, number>>): string {
  const parts = (Object.keys(NOUNS) as InvestigateTool[])
    .filter((k) => byTool[k] > 0)
    .map((k) => `${byTool[k]} ${NOUNS[k][byTool[k] === 1 ? 0 : 1]}`);
  return parts.length <= 1 ? (parts[0] ?? 'nothing') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
