/**
 * Regression: a conservation leak found by properties.test.ts (fast-check seed 2100474823). Two
 * services with retries and a 10 ms client timeout; at T+34 service1's queue filled within one
 * trapezoidal step, so the step's mean admission exceeded the end's admission rate. The step
 * counted admissions at the end's rate and took throughput as the remainder, which went negative
 * (-0.0065 requests) and was clamped at 0: requests created from nothing. The step now reports its
 * mean admission and mean throughput (queue-state.ts stepOnce), conserved exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario/schema';
import { createSimulation } from './index';
import type { SimulationImpl } from './simulation';

const scenario = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('./fixtures/conservation-gap.json', import.meta.url), 'utf8')),
);

describe('request conservation', () => {
  it('every node conserves requests to rounding level at every tick through T+200', () => {
    const sim = createSimulation(scenario) as SimulationImpl;
    let worst = 0;
    for (let t = 1; t <= 200; t++) {
      sim.runUntil(t);
      for (const node of scenario.nodes) {
        const n = sim.totals(node.id)!;
        const gap = Math.abs(n.offered - (n.served + n.failed + n.queued)) / Math.max(1, n.offered);
        if (gap > worst) worst = gap;
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });
});
