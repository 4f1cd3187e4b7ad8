/** The scenario's actions that apply to one node, and which of them need a confirmation. */
import { ACTION_CATALOG, parseEdgeTarget } from '../../../../simulator/engine/actions';
import type { ActionType, ScenarioAction } from '../../../../simulator/scenario/schema';
import { listingOrder } from '../actions/phrase';

/** Rollback is not destructive in the catalog, but it restarts every replica: confirm it too. */
const ALSO_CONFIRM: ReadonlySet<ActionType> = new Set(['rollback']);

export function needsConfirmation(type: ActionType): boolean {
  return (ACTION_CATALOG[type]?.destructive ?? false) || ALSO_CONFIRM.has(type);
}

/**
 * Actions that target the node, then edge actions ("from->to") on calls it makes or receives,
 * in the scenario's order within each group.
 */
export function actionsForNode(actions: readonly ScenarioAction[], node: string): ScenarioAction[] {
  const own = actions.filter((a) => a.target === node);
  const onEdges = actions.filter((a) => {
    const edge = parseEdgeTarget(a.target);
    return edge !== undefined && (edge.from === node || edge.to === node);
  });
  return [...listingOrder(own), ...listingOrder(onEdges)];
}
