/** Builds small valid scenarios for tests and benchmarks: only the topology has to be given. */
import { upgradeScenarioInput, type LegacyAlertInput } from '../alerting/migrate';
import { scenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema';

/** A topology, anything else optional; alerts either as `alerting` or in version 1's `alerts` (migrated). */
export type TopologyInput = Pick<ScenarioInput, 'nodes'> &
  Partial<ScenarioInput> & { alerts?: readonly LegacyAlertInput[] };

export function makeScenario(input: TopologyInput): Scenario {
  return scenarioSchema.parse(
    upgradeScenarioInput({
      schemaVersion: 2,
      id: 'test',
      title: 'test',
      difficulty: 'beginner',
      duration: '1h',
      rootCause: { node: input.nodes[0]!.id, category: 'x', categories: ['x', 'y'] },
      objectives: { slos: [{ node: input.nodes[0]!.id, metric: 'error_ratio', max: 0.01 }] },
      ...input,
    }),
  );
}
