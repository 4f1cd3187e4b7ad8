/** The engine's entry point. See api.ts for the contract and docs in faults.ts / actions.ts. */
import type { Scenario } from '../scenario/schema';
import type { Simulation, SimulationOptions } from './api';
import { SimulationImpl } from './simulation';

export type * from './api';
export { ACTION_CATALOG } from './actions';
export { FAULT_CATALOG } from './faults';
export { METRICS, METRIC_NAMES } from './metric-names';
export { CompileError } from './compile';
export { metricArena } from './metrics';

/** Compiles a parsed scenario (scenarioSchema.parse output) into a running simulation at t = 0. */
export function createSimulation(scenario: Scenario, options?: SimulationOptions): Simulation {
  return new SimulationImpl(scenario, options);
}
