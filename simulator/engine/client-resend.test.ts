/**
 * Clients that keep their failed requests and send them again (client `resend`): agents with a
 * local spool, at-least-once producers, apps with an offline queue. While the service fails, the
 * backlog grows by what fails; once it answers again the clients send their own traffic plus the
 * backlog (at most `factor` x their own rate) until the backlog is gone: the deluge that meets a
 * service coming back.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './index';
import { makeScenario } from './testing';

/** 200 rps against 600 rps of capacity; the service fails every request from t = 60 to t = 120. */
function run(resend?: Record<string, unknown>) {
  const scenario = makeScenario({
    nodes: [
      {
        id: 'agents',
        kind: 'client',
        stages: [{ duration: '1h', target: 200 }],
        ...(resend ? { resend } : {}),
      },
      { id: 'svc', kind: 'service', replicas: 3, concurrency: 10, serviceTime: 0.05, cpuPerRequest: 0 },
    ],
    edges: [{ from: 'agents', to: 'svc', timeout: 30 }],
    faults: [{ at: 60, duration: 60, target: 'svc', type: 'dependency-outage', params: { mode: 'errors' } }],
  });
  const sim = createSimulation(scenario);
  sim.runUntil(400);
  const rate = sim.metrics.read(sim.metrics.find('request_rate', 'agents'));
  const errors = sim.metrics.read(sim.metrics.find('error_ratio', 'svc'));
  return { sim, rate, errors };
}

const sum = (xs: Float64Array, from: number, to: number) => {
  let s = 0;
  for (let t = from; t < to; t++) s += xs[t]!;
  return s;
};

describe('client resend: failed requests come back', () => {
  it('without resend, the clients send their own rate as soon as the service answers again', () => {
    const { rate } = run();
    for (let t = 125; t < 200; t++) expect(rate[t]).toBeCloseTo(200, 6);
  });

  it('sends the backlog of the outage on top of the own rate once the service answers', () => {
    const { rate, errors } = run({ factor: 1 });
    // During the outage the resends fail too: at most `factor` x the own rate on top.
    expect(rate[90]).toBeGreaterThan(390);
    expect(rate[90]).toBeLessThanOrEqual(400 + 1e-9);
    // After it: 200 own + 200 resent per second until the 12,000 requests that failed are through.
    expect(rate[130]).toBeCloseTo(400, 6);
    expect(errors[130]).toBeLessThan(0.01);
    const extra = sum(rate, 60, 400) - 200 * 340;
    // Every request that failed was sent again: 60 s x 200 rps, plus the resends that failed.
    expect(extra).toBeGreaterThan(12_000);
    expect(extra).toBeLessThan(12_000 * 2 + 200);
    // Drained (200/s on top for about 60 s): back to the own rate.
    expect(rate[260]).toBeCloseTo(200, 6);
  });

  it('keeps at most maxBacklog requests: the rest are lost', () => {
    const { rate } = run({ factor: 1, maxBacklog: 2000 });
    const extra = sum(rate, 121, 400) - 200 * 279;
    // About the cap (one tick's resends may still have failed), far below the 12,000 that failed.
    expect(extra).toBeGreaterThan(1700);
    expect(extra).toBeLessThanOrEqual(2000 + 1e-6);
  });

  it('a larger factor flushes the same backlog faster, as a larger deluge', () => {
    const slow = run({ factor: 1 }).rate;
    const fast = run({ factor: 3 }).rate;
    expect(fast[122]!).toBeGreaterThan(1.9 * slow[122]!);
    expect(fast[200]).toBeCloseTo(200, 6);
  });
});
