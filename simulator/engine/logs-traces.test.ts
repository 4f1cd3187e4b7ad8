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
});
