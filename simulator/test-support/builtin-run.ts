/** Test support (Node only; lint lets it use node:fs): a built-in scenario run headless, and its metric columns as the CLI reads them. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSimulation, type Simulation } from '../engine/index';
import { parseScenarioText } from '../scenario/validate';
import type { Scenario } from '../scenario/schema';
import type { CsvSource } from '../series/csv';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The built-in scenario file names (scenarios/*.json but the schema), sorted. */
export const BUILTIN_FILES: readonly string[] = readdirSync(scenariosDir)
  .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
  .sort();

/** A built-in's JSON as written (before validation). */
export function readBuiltinJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(scenariosDir + file, 'utf8')) as Record<string, unknown>;
}

export function loadBuiltin(file: string): Scenario {
  const result = parseScenarioText(readFileSync(scenariosDir + file, 'utf8'), file);
  if (!result.ok) throw new Error(`${file} does not validate`);
  return result.scenario;
}

/** Runs a built-in for `seconds` with the whole run kept in the metric store. */
export function runBuiltin(file: string, seconds: number): { scenario: Scenario; sim: Simulation } {
  const scenario = loadBuiltin(file);
  const sim = createSimulation(scenario, { historyTicks: Math.ceil(seconds / scenario.tickSeconds) + 1 });
  sim.runUntil(seconds);
  return { scenario, sim };
}

/** The metric store's columns, as the CLI hands them to the view. */
export function columnsOf(sim: Simulation): CsvSource {
  const m = sim.metrics;
  const values: Float64Array[] = [];
  for (const s of m.series) values[s.index] = m.read(s.index);
  return { series: m.series, values, length: m.length, tickSeconds: sim.tickSeconds, firstTick: m.firstTick };
}
