/**
 * The ideal answer of a drill: the cheapest set of offered changes the engine finds that reaches
 * the goal headroom. A greedy search, then a pruning pass:
 *
 * 1. from no change, add the offered change (in place by the deadline) that raises the headroom
 *    most per extra dollar a month (the cheapest one when several reach the goal), until the goal
 *    is reached or nothing raises the headroom;
 * 2. drop, most expensive first, every change whose removal keeps the goal.
 *
 * Not exhaustive (the subsets of n changes are 2^n ladders), but each step is one headroom ladder
 * per candidate, so it stays at a few dozen runs. Pure: the UI runs it in a worker, the CLI and
 * the tests call it directly.
 */
import type { DrillCommand } from './system-changes';
import type { Drill, OfferedChange } from './schema';
import { DrillSession } from './session';

export interface SearchResult {
  readonly changes: readonly OfferedChange[];
  readonly headroom: number;
  readonly monthly: number;
  readonly reachesGoal: boolean;
  readonly withinBudget: boolean;
  /** Headroom ladders run. */
  readonly evaluated: number;
}

interface Candidate {
  readonly changes: OfferedChange[];
  readonly headroom: number;
  readonly monthly: number;
}

export function cheapestToGoal(drill: Drill, options: { seed?: number } = {}): SearchResult {
  const session = new DrillSession(drill, options);
  const goal = drill.goal.headroom;
  const offered = drill.changes.filter((c) => c.leadTime <= drill.preparation.deadline);
  const command = (c: OfferedChange): DrillCommand => ({ type: c.type, target: c.target, params: c.params });
  let evaluated = 0;
  const evaluate = (changes: OfferedChange[]): Candidate => {
    evaluated++;
    const commands = changes.map(command);
    return {
      changes,
      headroom: session.headroom(commands).headroom,
      monthly: session.cost(commands).monthly,
    };
  };
  let current = evaluate([]);
  while (current.headroom < goal) {
    let best: { c: Candidate; value: number } | undefined;
    for (const change of offered) {
      if (current.changes.includes(change)) continue;
      const next = evaluate([...current.changes, change]);
      const gain = next.headroom - current.headroom;
      if (!(gain > 0)) continue;
      const extra = Math.max(next.monthly - current.monthly, 1e-6);
      // Reaching the goal beats any partial gain; among those, the cheaper.
      const value = next.headroom >= goal ? 1e12 - next.monthly : gain / extra;
      if (!best || value > best.value) best = { c: next, value };
    }
    if (!best) break;
    current = best.c;
  }
  if (current.headroom >= goal) {
    const byCost = [...current.changes].sort(
      (a, b) => evaluateCostOf(session, [b], command) - evaluateCostOf(session, [a], command),
    );
    for (const change of byCost) {
      const without = evaluate(current.changes.filter((c) => c !== change));
      if (without.headroom >= goal && without.monthly <= current.monthly) current = without;
    }
  }
  return {
    changes: current.changes,
    headroom: current.headroom,
    monthly: current.monthly,
    reachesGoal: current.headroom >= goal,
    withinBudget: current.monthly <= drill.budget.monthly,
    evaluated,
  };
}

function evaluateCostOf(
  session: DrillSession,
  changes: OfferedChange[],
  command: (c: OfferedChange) => DrillCommand,
): number {
  return session.cost(changes.map(command)).monthly;
}
