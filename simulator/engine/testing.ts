/** Builds small valid scenarios for tests and benchmarks: only the topology has to be given. */
import { scenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema';

export type TopologyInput = Pick<ScenarioInput, 'nodes'> & Partial<ScenarioInput>;

export function makeScenario(input: TopologyInput): Scenario {
  return scenarioSchema.parse({
    schemaVersion: 1,
    id: 'test',
    title: 'test',
    difficulty: 'beginner',
    duration: '1h',
    rootCause: { node: input.nodes[0]!.id, category: 'x', categories: ['x', 'y'] },
    objectives: { slos: [{ node: input.nodes[0]!.id, metric: 'error_ratio', max: 0.01 }] },
    ...input,
  });
}
