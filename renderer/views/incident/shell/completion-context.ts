/**
 * A ShellContext on the UI thread, for Tab completion only: names (pods, deployments, hosts, keys)
 * follow from the scenario, the live nodes and the visible events the store already holds, so
 * completing a word needs no round trip to the worker. Commands themselves run in the worker.
 */
import type { ShellContext } from '../../../../simulator/shell';
import type { useIncidentStore } from '../../../stores/incident-store';

type Incident = ReturnType<typeof useIncidentStore.getState>;

export function completionContext(
  s: Pick<Incident, 'scenario' | 'time' | 'liveNodes' | 'events'>,
): ShellContext | undefined {
  if (!s.scenario) return undefined;
  return {
    scenario: s.scenario,
    time: s.time,
    liveNodes: s.liveNodes,
    routes: [],
    events: s.events,
    logs: [],
    traces: [],
    metric: () => NaN,
    history: () => ({ values: [], start: 0, step: 1 }),
  };
}
