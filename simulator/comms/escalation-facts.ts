/** The root-cause facts escalation's involvement rule reads (scenario/escalation.ts `involvedTeams`). */
import type { RootCauseFacts } from '../scenario/escalation';
import type { Scenario } from '../scenario/schema';

/** The kinds of the root-cause node (first) and of its other accepted nodes, and its causes. */
export function rootCauseFacts(scenario: Scenario): RootCauseFacts {
  const { rootCause } = scenario;
  const kindOf = (id: string) => scenario.nodes.find((n) => n.id === id)?.kind;
  const kinds = [rootCause.node, ...(rootCause.nodes ?? [])]
    .map(kindOf)
    .filter((k): k is NonNullable<typeof k> => k !== undefined);
  return { kinds, causes: rootCause.causes ?? [] };
}
