import { describe, expect, it } from 'vitest';
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
