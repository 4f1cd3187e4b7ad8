import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/validate';
import { createSimulation } from './index';
import { makeScenario } from './testing';

const scenario = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 100 }], noise: 0 },
    { id: 'web', kind: 'service', replicas: 2 },
    { id: 'api', kind: 'service', replicas: 2 },
  ],
  edges: [
    { from: 'users', to: 'web' },
    { from: 'web', to: 'api', timeout: '1s' },
  ],
  faults: [{ at: '2m', target: 'api', type: 'error-rate', params: { rate: 1 } }],
});

describe('logs and traces', () => {
  it('every sampled trace has a log line with its request id, logged by the failing caller', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(300);
    const traces = sim.traces();
    const logs = sim.logs();
    expect(traces.length).toBeGreaterThan(10);
    const byId = new Map(logs.filter((l) => l.requestId?.endsWith('-t')).map((l) => [l.requestId, l]));
    const recent = traces.filter((t) => t.t > 200);
    for (const trace of recent) expect(byId.has(trace.requestId)).toBe(true);
    const failed = recent.find((t) => t.error);
    expect(failed).toBeDefined();
    const line = byId.get(failed!.requestId)!;
    expect(line.level).toBe('error');
    expect(line.node).toBe('web');
    expect(line.message).toMatch(/api/);
  });

  it('logs(since) and traces(since) give exactly what was sampled after that time', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(300);
    for (const since of [-1, 0, 150, 299.5, 1000]) {
      expect(sim.logs(since)).toEqual(sim.logs().filter((l) => l.t > since));
      expect(sim.traces(since)).toEqual(sim.traces().filter((t) => t.t > since));
    }
    expect(sim.traces(150).length).toBeGreaterThan(0);
  });

  it("a trace's root span covers its calls", () => {
    const sim = createSimulation(scenario);
    sim.runUntil(120);
    for (const trace of sim.traces()) {
      const end = Math.max(...trace.spans.map((s) => s.start + s.duration));
      expect(trace.duration).toBeGreaterThanOrEqual(end - 1e-9);
    }
  });

  it('success lines read like the component that logs them: HTTP for services, PostgreSQL for a database', () => {
    const sim = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 200 }], noise: 0 },
          { id: 'web', kind: 'service', replicas: 2 },
          { id: 'db', kind: 'database' },
        ],
        edges: [
          { from: 'users', to: 'web' },
          { from: 'web', to: 'db' },
        ],
      }),
      { logCapacity: 2000 },
    );
    sim.runUntil(600);
    const lines = sim.logs().filter((l) => l.level === 'info');
    const db = lines.filter((l) => l.node === 'db');
    const web = lines.filter((l) => l.node === 'web');
    expect(db.length).toBeGreaterThan(5);
    expect(web.length).toBeGreaterThan(5);
    for (const l of db) expect(l.message).toMatch(/^duration: \d+\.\d{3} ms {2}execute/);
    for (const l of web) expect(l.message).toMatch(/^GET \/ 200 \d+ms$/);
  });
});

/** A built-in scenario, played with its faults and no response, with room for the whole run's evidence. */
function builtin(id: string) {
  const text = readFileSync(fileURLToPath(new URL(`../../scenarios/${id}.json`, import.meta.url)), 'utf8');
  const parsed = parseScenarioText(text, `${id}.json`);
  if (!parsed.ok) throw new Error(`${id}: invalid`);
  const sim = createSimulation(parsed.scenario, { logCapacity: 100_000, traceCapacity: 10_000 });
  sim.runUntil(parsed.scenario.duration);
  return sim;
}

describe('evidence follows causality', () => {
  it('bad deploy: orders fails by its own bug; nobody blames pricing, which barely moved', () => {
    const sim = builtin('bad-deploy-rollback');
    const errors = sim.logs().filter((l) => l.level === 'error');
    expect(errors.filter((l) => l.message.includes('pricing'))).toEqual([]);
    expect(errors.some((l) => l.node === 'orders' && /^GET \/ 500 \d+ms/.test(l.message))).toBe(true);
    expect(
      errors.some(
        (l) => l.node === 'gateway' && l.message === 'call to orders failed: 500 Internal Server Error',
      ),
    ).toBe(true);
    const spans = sim.traces().flatMap((t) => t.spans);
    expect(spans.filter((s) => s.error && s.node === 'pricing')).toEqual([]);
  });

  it('Redis queue: the caller reports the OOM in Redis words, and the failed LPUSH has its span', () => {
    const sim = builtin('redis-queue-fills');
    const aboutQueue = sim.logs().filter((l) => l.level === 'error' && l.message.includes('notify-jobs'));
    expect(aboutQueue.length).toBeGreaterThan(10);
    for (const l of aboutQueue)
      expect(l.message).toBe(
        "LPUSH notify-jobs failed: OOM command not allowed when used memory > 'maxmemory'",
      );
    const failed = sim
      .traces()
      .filter((t) => t.error && t.spans.some((s) => s.node === 'checkout' && s.error));
    expect(failed.length).toBeGreaterThan(0);
    for (const t of failed) expect(t.spans.some((s) => s.node === 'notify-jobs' && s.error)).toBe(true);
  });

  it('a slow callee that returns no errors is reported as timing out, never as a 5xx', () => {
    const sim = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 50 }], noise: 0 },
          { id: 'web', kind: 'service', replicas: 2, concurrency: 200 },
          { id: 'api', kind: 'service', replicas: 2, concurrency: 200 },
        ],
        edges: [
          { from: 'users', to: 'web', timeout: '30s' },
          { from: 'web', to: 'api', timeout: '1s' },
        ],
        faults: [{ at: '2m', target: 'api', type: 'latency', params: { add: 3 } }],
      }),
      { logCapacity: 5000, traceCapacity: 1000 },
    );
    sim.runUntil(400);
    const aboutApi = sim.logs().filter((l) => l.level === 'error' && l.message.includes('api'));
    expect(aboutApi.length).toBeGreaterThan(5);
    for (const l of aboutApi) expect(l.message).toBe('call to api timed out after 1s');
    for (const t of sim.traces())
      for (const s of t.spans.filter((x) => x.node === 'api' && x.error))
        expect(s.duration).toBeCloseTo(1, 6);
  });

  it('a line keeps the timeout of its time after the timeout is changed', () => {
    const sim = createSimulation(
      makeScenario({
        nodes: [
          { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 50 }], noise: 0 },
          { id: 'web', kind: 'service', replicas: 2, concurrency: 200 },
          { id: 'api', kind: 'service', replicas: 2, concurrency: 200 },
        ],
        edges: [
          { from: 'users', to: 'web', timeout: '30s' },
          { from: 'web', to: 'api', timeout: '1s' },
        ],
        faults: [{ at: '1m', target: 'api', type: 'latency', params: { add: 5 } }],
      }),
      { logCapacity: 5000 },
    );
    sim.runUntil(200);
    expect(sim.apply({ type: 'set-timeout', target: 'web->api', params: { seconds: 2 } }).ok).toBe(true);
    sim.runUntil(400);
    const timeouts = sim.logs().filter((l) => l.node === 'web' && /timed out/.test(l.message));
    const before = timeouts.filter((l) => l.t < 200);
    const after = timeouts.filter((l) => l.t > 240);
    expect(before.length).toBeGreaterThan(3);
    expect(after.length).toBeGreaterThan(3);
    for (const l of before) expect(l.message).toBe('call to api timed out after 1s');
    for (const l of after) expect(l.message).toBe('call to api timed out after 2s');
  });

  it('DNS failures read as lookups that time out at the resolver, not as errors of the service looked up', () => {
    const sim = builtin('log-shipper-floods-dns');
    const lines = sim
      .logs()
      .filter((l) => l.node === 'api' && l.level === 'error' && l.message.includes('content'));
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines)
      expect(l.message).toMatch(/^dial tcp: lookup content: i\/o timeout \(resolver coredns /);
  });
});
