/** The console's actions on one node (from the catalog, not the scenario), and which need a confirmation. */
import type { CommandEntry } from '../../../../simulator/commands';
import { ACTION_CATALOG, parseEdgeTarget } from '../../../../simulator/engine/actions';
import type { ActionType } from '../../../../simulator/scenario/schema';

/** Rollback is not destructive in the catalog, but it restarts every replica: confirm it too. */
const ALSO_CONFIRM: ReadonlySet<ActionType> = new Set(['rollback']);

export function needsConfirmation(type: ActionType): boolean {
  return (ACTION_CATALOG[type]?.destructive ?? false) || ALSO_CONFIRM.has(type);
}

/**
 * The node's own actions, then those on the calls it makes or receives, grouped by call; each in
 * catalog order (the order of `entries`), never the scenario's.
 */
export function actionsForNode(
  entries: readonly CommandEntry[],
  node: string,
): { own: CommandEntry[]; calls: { target: string; entries: CommandEntry[] }[] } {
  const own = entries.filter((e) => e.kind !== 'edge' && e.command.target === node);
  const calls = new Map<string, CommandEntry[]>();
  for (const e of entries) {
    if (e.kind !== 'edge') continue;
    const edge = parseEdgeTarget(e.command.target);
    if (!edge || (edge.from !== node && edge.to !== node)) continue;
    const list = calls.get(e.command.target) ?? [];
    list.push(e);
    calls.set(e.command.target, list);
  }
  return { own, calls: [...calls].map(([target, list]) => ({ target, entries: list })) };
}
