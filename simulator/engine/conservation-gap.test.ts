/**
 * A known conservation leak, found by properties.test.ts (fast-check seed 2100474823): two
 * services with retries and a 10 ms client timeout; at T+34 service1's served + failed + in-system
 * exceeds what it was offered by 0.0065 requests, and the gap stays (1.0e-6 of 6,463 offered by
 * T+200, just over the property's 1e-6 tolerance, so the random property fails on it now and
 * then). Not floating-point rounding (that is ~1e-16 here): a clamp somewhere in the queue step.
 * `it.fails` keeps the bug visible and deterministic: when it is fixed this test fails, and the
 * fix should turn it into a plain `it` asserting the gap is at rounding level.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario/schema';
import { createSimulation } from './index';
import type { SimulationImpl } from './simulation';

const scenario = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('./fixtures/conservation-gap.json', import.meta.url), 'utf8')),
);

describe('request conservation (known leak)', () => {
  it.fails('service1 conserves requests to rounding level through T+200', () => {
    const sim = createSimulation(scenario) as SimulationImpl;
    sim.runUntil(200);
    const t = sim.totals('service1')!;
    expect(Math.abs(t.offered - (t.served + t.failed + t.queued))).toBeLessThanOrEqual(1e-9 * t.offered);
  });
});
