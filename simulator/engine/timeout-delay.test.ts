/**
 * A call that times out fails when its timeout expires, tau after it started (the per-edge delay
 * line, delay-line.ts): its caller's errors, the retries it causes, the breaker that watches it and
 * the logs and traces that report it all follow the failure, while the caller's latency stays
 * attributed to the tick the call arrives.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

const FAULT_AT = 300;

/**
 * users -> a -> x; x (a provider, 50 ms) becomes 100,000x slower (the latency cap, an hour) at
 * FAULT_AT: every call times out.
 */
function slowProvider(edge: Record<string, unknown> = {}, extra: Partial<TopologyInput> = {}): TopologyInput {
  return {
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
      {
        id: 'a',
        kind: 'service',
        replicas: 2,
        concurrency: 5000,
        cpuPerRequest: 0,
        memoryLimitMb: 100000,
      },
      { id: 'x', kind: 'external', latency: 0.05 },
    ],
    edges: [
      { from: 'users', to: 'a' },
      { from: 'a', to: 'x', timeout: 10, ...edge },
    ],
    faults: [{ at: FAULT_AT, target: 'x', type: 'latency', params: { factor: 1e5 } }],
    ...extra,
  };
}

/**
 * users -> x with the same fault: a client starts its calls at its own rate (a service's calls
 * follow its throughput, which its queue state shapes while the hold time jumps).
 */
function direct(edge: Record<string, unknown> = {}): TopologyInput {
  return {
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }], noise: 0 },
      { id: 'x', kind: 'external', latency: 0.05 },
    ],
    edges: [{ from: 'users', to: 'x', timeout: 10, ...edge }],
    faults: [{ at: FAULT_AT, target: 'x', type: 'latency', params: { factor: 1e5 } }],
  };
}

const series = (s: Simulation, metric: string, node: string, to?: string) => {
  const idx = s.metrics.find(metric, node, to ? { to } : undefined);
  if (idx < 0) throw new Error(`no series ${metric}{node="${node}"}`);
  return (t: number) => s.metrics.at(idx, t / s.tickSeconds);
};

describe('a call that times out fails when the timeout expires', () => {
  it('the caller shows no timeout errors before T + 10 s, then fails; its latency rises at T', () => {
    const s = createSimulation(makeScenario(slowProvider()));
    s.runUntil(FAULT_AT + 30);
    const errA = series(s, 'error_ratio', 'a');
    const errUsers = series(s, 'error_ratio', 'users');
    const edgeErr = series(s, 'edge_error_ratio', 'a', 'x');
    const p50 = series(s, 'latency_p50', 'a');
    for (let t = FAULT_AT - 5; t < FAULT_AT + 10; t++) {
      expect(errA(t), `error_ratio{a} at ${t}`).toBeLessThan(0.01);
      expect(errUsers(t), `error_ratio{users} at ${t}`).toBeLessThan(0.01);
      expect(edgeErr(t), `edge_error_ratio{a->x} at ${t}`).toBeLessThan(0.01);
    }
    // Latency stays attributed to the tick a request arrives: it waits out the 10 s timeout.
    expect(p50(FAULT_AT - 1)).toBeLessThan(0.2);
    expect(p50(FAULT_AT)).toBeGreaterThan(9);
    for (let t = FAULT_AT + 10; t < FAULT_AT + 30; t++) {
      expect(errA(t), `error_ratio{a} at ${t}`).toBeGreaterThan(0.99);
      // users sees a's failures as a completes its requests (a's queue state).
      expect(errUsers(t), `error_ratio{users} at ${t}`).toBeGreaterThan(0.5);
    }
    const d = createSimulation(makeScenario(direct()));
    d.runUntil(FAULT_AT + 30);
    const err = series(d, 'error_ratio', 'users');
    for (let t = FAULT_AT - 5; t < FAULT_AT + 30; t++)
      expect(err(t), `error_ratio{users} at ${t}`)[t < FAULT_AT + 10 ? 'toBeLessThan' : 'toBeGreaterThan'](
        t < FAULT_AT + 10 ? 0.01 : 0.99,
      );
  });

  it('retries of timed-out calls reach the callee after the timeout, not when the calls start', () => {
    const s = createSimulation(makeScenario(direct({ retries: 2 })));
    s.runUntil(FAULT_AT + 30);
    const rate = series(s, 'request_rate', 'x');
    // Demand reads last tick's per-attempt failure: the first retries arrive the tick after.
    for (let t = FAULT_AT - 5; t <= FAULT_AT + 10; t++)
      expect(rate(t), `request_rate{x} at ${t}`).toBeLessThan(101);
    for (let t = FAULT_AT + 11; t < FAULT_AT + 30; t++)
      expect(rate(t), `request_rate{x} at ${t}`).toBeGreaterThan(299);
  });

  it('a circuit breaker opens when the timeouts happen', () => {
    const s = createSimulation(makeScenario(direct({ circuitBreaker: { errorThreshold: 0.5 } })));
    s.runUntil(FAULT_AT + 30);
    const rate = series(s, 'edge_request_rate', 'users', 'x');
    for (let t = FAULT_AT - 5; t <= FAULT_AT + 10; t++)
      expect(rate(t), `edge_request_rate{users->x} at ${t}`).toBeGreaterThan(99);
    expect(rate(FAULT_AT + 11)).toBe(0);
  });

  it('logs and traces report the failures when they happen', () => {
    const s = createSimulation(makeScenario(slowProvider()), { logCapacity: 5000, traceCapacity: 1000 });
    s.runUntil(FAULT_AT + 60);
    const errors = s.logs().filter((l) => l.node === 'a' && l.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const l of errors) expect(l.t).toBeGreaterThanOrEqual(FAULT_AT + 10);
    expect(errors.some((l) => /timed out after 10s/.test(l.message))).toBe(true);
    const failed = s.traces().filter((t) => t.error);
    expect(failed.length).toBeGreaterThan(0);
    for (const t of failed) expect(t.t).toBeGreaterThanOrEqual(FAULT_AT + 10);
  });

  it('after the callee recovers, the calls still out time out for one more timeout, and the logs say so', () => {
    const s = createSimulation(
      makeScenario(
        slowProvider(
          {},
          { faults: [{ at: FAULT_AT, duration: 60, target: 'x', type: 'latency', params: { factor: 1e5 } }] },
        ),
      ),
      { logCapacity: 5000 },
    );
    s.runUntil(FAULT_AT + 100);
    const err = series(s, 'error_ratio', 'a');
    for (let t = FAULT_AT + 60; t < FAULT_AT + 70; t++)
      expect(err(t), `error_ratio{a} at ${t}`).toBeGreaterThan(0.99);
    expect(err(FAULT_AT + 70)).toBeLessThan(0.01);
    const late = s
      .logs()
      .filter((l) => l.node === 'a' && l.level === 'error' && l.t >= FAULT_AT + 60 && l.t < FAULT_AT + 70);
    expect(late.length).toBeGreaterThan(2);
    for (const l of late) expect(l.message).toMatch(/timed out after 10s/);
  });

  it('a second slowdown after a long quiet spell times out a timeout later, not at once', () => {
    // The line of a quiet edge is skipped (State.timeoutLast): it must not replay the first
    // episode's shares when it wakes.
    const SECOND = FAULT_AT + 200;
    const fault = { target: 'x', type: 'latency', params: { factor: 1e5 } } as const;
    // direct() has one fault; two 30 s episodes 170 s apart instead (the line holds 10 ticks).
    const two = createSimulation(
      makeScenario({
        ...direct({}),
        faults: [
          { at: FAULT_AT, duration: 30, ...fault },
          { at: SECOND, duration: 30, ...fault },
        ],
      }),
    );
    two.runUntil(SECOND + 40);
    const err = series(two, 'error_ratio', 'users');
    for (let t = SECOND - 20; t < SECOND + 10; t++) expect(err(t), `error_ratio at ${t}`).toBeLessThan(0.01);
    for (let t = SECOND + 10; t < SECOND + 30; t++)
      expect(err(t), `error_ratio at ${t}`).toBeGreaterThan(0.99);
  });

  it('a timeout changed at run time sets the new delay, shorter or longer', () => {
    for (const [from, to] of [
      [10, 3],
      [2, 20],
    ] as const) {
      const s = createSimulation(
        makeScenario(
          slowProvider(
            { timeout: from },
            { actions: [{ type: 'set-timeout', target: 'a->x', params: { seconds: to }, delay: 0 }] },
          ),
        ),
      );
      s.runUntil(100);
      expect(s.apply({ type: 'set-timeout', target: 'a->x', params: { seconds: to } }).ok).toBe(true);
      s.runUntil(FAULT_AT + 40);
      const err = series(s, 'error_ratio', 'a');
      expect(err(FAULT_AT + to - 1), `${from} -> ${to} s: error_ratio{a} at T + ${to - 1}`).toBeLessThan(
        0.01,
      );
      expect(err(FAULT_AT + to), `${from} -> ${to} s: error_ratio{a} at T + ${to}`).toBeGreaterThan(0.99);
    }
  });

  it('a timeout lengthened on a call the scenario does not list gets the whole new delay', () => {
    const run = (listed: boolean) => {
      const s = createSimulation(
        makeScenario(
          slowProvider(
            { timeout: 2 },
            listed ? { actions: [{ type: 'set-timeout', target: 'a->x', params: { seconds: 20 } }] } : {},
          ),
        ),
      );
      s.runUntil(100);
      expect(s.apply({ type: 'set-timeout', target: 'a->x', params: { seconds: 20 } }).ok).toBe(true);
      s.runUntil(FAULT_AT + 40);
      return s;
    };
    const unlisted = run(false);
    const err = series(unlisted, 'error_ratio', 'a');
    expect(err(FAULT_AT + 19)).toBeLessThan(0.01);
    expect(err(FAULT_AT + 20)).toBeGreaterThan(0.99);
    // Laid out when the action took effect, the line behaves as one laid out from the start.
    const listed = run(true);
    for (const info of listed.metrics.series)
      expect(unlisted.metrics.read(info.index), info.metric).toEqual(listed.metrics.read(info.index));
  });

  it('the same scenario and seed give the same series', () => {
    const run = () => {
      const s = createSimulation(
        makeScenario(
          slowProvider(
            { retries: 1 },
            { nodes: slowProvider().nodes.map((n) => (n.kind === 'client' ? { ...n, noise: 0.1 } : n)) },
          ),
        ),
        { seed: 7 },
      );
      s.runUntil(FAULT_AT + 60);
      const e = series(s, 'error_ratio', 'users');
      return Array.from({ length: FAULT_AT + 60 }, (_, t) => e(t));
    };
    expect(run()).toEqual(run());
  });
});
