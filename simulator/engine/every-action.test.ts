/**
 * An open action space: every catalog action on every node and call it applies to takes effect
 * through Simulation.apply, whether the scenario lists it or not, with the catalog's defaults.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultParams, routedRegions } from '../commands/syntax';
import type { ActionType, Scenario } from '../scenario/schema';
import { parseScenarioText } from '../scenario/validate';
import { ACTION_CATALOG } from './actions';
import { createSimulation } from './index';
import type { RingMetricStore } from './metrics';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');
const TYPES = Object.keys(ACTION_CATALOG) as ActionType[];
const APPLY_AT = 20;
const AFTER = 120;

type Params = Record<string, string | number | boolean>;

function targets(scenario: Scenario): { type: ActionType; target: string; params?: Params }[] {
  const out: { type: ActionType; target: string; params?: Params }[] = [];
  for (const type of TYPES) {
    const applies = ACTION_CATALOG[type].appliesTo;
    for (const n of scenario.nodes) {
      if (!applies.includes(n.kind)) continue;
      // drain-region names a region: each one the router sends traffic to.
      if (type === 'drain-region')
        for (const region of routedRegions(scenario, n.id))
          out.push({ type, target: n.id, params: { region } });
      // set-image-registry names a node to pull from: every external node.
      else if (type === 'set-image-registry')
        for (const other of scenario.nodes.filter((x) => x.kind === 'external'))
          out.push({ type, target: n.id, params: { registry: other.id } });
      else out.push({ type, target: n.id });
    }
    if (applies.includes('edge'))
      for (const e of scenario.edges) out.push({ type, target: `${e.from}->${e.to}` });
  }
  return out;
}

describe('every catalog action on every built-in', () => {
  it.each(files)(
    '%s: each applies with default params, without a throw or a non-finite metric',
    (file) => {
      const parsed = parseScenarioText(readFileSync(dir + file, 'utf8'), file);
      if (!parsed.ok) throw new Error(file);
      const scenario = parsed.scenario;
      const all = targets(scenario);
      expect(all.length).toBeGreaterThan(scenario.nodes.length);
      const refused: string[] = [];
      for (const { type, target, params } of all) {
        const node = scenario.nodes.find((n) => n.id === target);
        const edge = scenario.edges.find((e) => `${e.from}->${e.to}` === target);
        const sim = createSimulation(scenario);
        sim.runUntil(APPLY_AT);
        const result = sim.apply({ type, target, params: params ?? defaultParams(type, node, edge) });
        if (!result.ok) refused.push(`${type} ${target}: ${result.message}`);
        else expect(result.effectiveAt).toBeGreaterThanOrEqual(APPLY_AT);
        sim.runUntil(APPLY_AT + AFTER);
        expect((sim.metrics as RingMetricStore).nonFinite, `${type} ${target}`).toBe(0);
        for (const s of sim.metrics.series)
          expect(Number.isFinite(sim.metrics.latest(s.index)), `${type} ${target} ${s.metric}`).toBe(true);
      }
      // Only refusals that describe the system, never the scenario's list: no autoscaler to patch,
      // no earlier version to roll back to, no replica to promote, a probe that does not call it.
      for (const r of refused)
        expect(r).toMatch(
          /has no autoscaler|has no previous version|has no read replica|readiness probe does not call|has no disk volume|is not a weighted route/,
        );
      // Hundreds of short engine runs per scenario: on a loaded 2-core machine alert-storm took 37 s.
      // Speed is measured in `npm run bench`, not here.
    },
    180_000,
  );
});
