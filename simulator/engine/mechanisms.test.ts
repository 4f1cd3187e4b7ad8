/**
 * Each cascade mechanism of issue 3, set up from a small scenario and asserted on the metrics the
 * trainee would see. Noise is off unless a test needs it, so thresholds are tight.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from './api';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

const sim = (input: TopologyInput, seed = 1) => createSimulation(makeScenario(input), { seed });
const val = (s: Simulation, metric: string, node: string, to?: string) => {
  const idx = s.metrics.find(metric, node, to ? { to } : undefined);
  if (idx < 0) throw new Error(`no series ${metric}{node="${node}"}`);
  return s.metrics.latest(idx);
};
const client = (id: string, rps: number) => ({
  id,
  kind: 'client' as const,
  stages: [{ duration: '1h', target: rps }],
  noise: 0,
});

describe("1. thread exhaustion (Little's law)", () => {
  it('a slow B saturates A, and C, which calls A but not B, fails too', () => {
    const s = sim({
      nodes: [
        client('web', 100),
        client('mobile', 50),
        {
          id: 'a',
          kind: 'service',
          replicas: 2,
          concurrency: 10,
          serviceTime: 0.01,
          cpuPerRequest: 0,
          queueLimit: 10,
        },
        { id: 'b', kind: 'service', replicas: 2, concurrency: 50, serviceTime: 0.02, cpuPerRequest: 0 },
        { id: 'c', kind: 'service', replicas: 2, concurrency: 50, serviceTime: 0.01, cpuPerRequest: 0 },
      ],
      edges: [
        { from: 'web', to: 'a' },
        { from: 'mobile', to: 'c' },
        { from: 'c', to: 'a', timeout: 5 },
        { from: 'a', to: 'b', timeout: 10 },
      ],
      faults: [{ at: '5m', target: 'b', type: 'latency', params: { factor: 100 } }],
    });
    s.runUntil(290);
    // Before: A holds 150 rps x ~0.04 s = ~6 threads of 20.
    expect(val(s, 'inflight', 'a')).toBeLessThan(10);
    expect(val(s, 'error_ratio', 'a')).toBeLessThan(0.01);
    expect(val(s, 'error_ratio', 'c')).toBeLessThan(0.01);
    s.runUntil(420);
    // After: B takes ~2 s, A needs 150 x 2 = 300 threads, has 20: pinned, rejecting.
    expect(val(s, 'latency_p50', 'b')).toBeGreaterThan(1);
    expect(val(s, 'saturation', 'a')).toBeGreaterThan(0.99);
    expect(val(s, 'throughput', 'a') + 1e-9).toBeLessThan(20 / 2 + 1);
    expect(val(s, 'error_ratio', 'a')).toBeGreaterThan(0.8);
    // C never calls B, but its calls to A fail: the cascade reaches it.
    expect(val(s, 'error_ratio', 'c')).toBeGreaterThan(0.8);
    expect(val(s, 'cpu_utilization', 'c')).toBe(0);
  });
});

describe('2. retry amplification', () => {
  it('one layer with r retries and failure p sends (1+p+...+p^r) x the load', () => {
    for (const [p, r] of [
      [0.5, 3],
      [0.2, 2],
      [1, 4],
    ] as const) {
      const s = sim({
        nodes: [
          client('users', 100),
          { id: 'a', kind: 'service', cpuPerRequest: 0, concurrency: 500 },
          { id: 'x', kind: 'external', errorRate: p, latency: 0.01 },
        ],
        edges: [
          { from: 'users', to: 'a' },
          { from: 'a', to: 'x', retries: r, backoff: 0 },
        ],
      });
      s.runUntil(60);
      let geometric = 0;
      for (let k = 0; k <= r; k++) geometric += p ** k;
      expect(val(s, 'request_rate', 'x') / 100).toBeCloseTo(geometric, 6);
    }
  });

  it('three layers of 4 attempts put 64x the top rate on a failing bottom layer', () => {
    const svc = (id: string) => ({
      id,
      kind: 'service' as const,
      replicas: 4,
      concurrency: 200,
      serviceTime: 0.001,
      cpuPerRequest: 0,
    });
    const s = sim({
      nodes: [
        client('users', 10),
        svc('frontend'),
        svc('backend'),
        { id: 'db', kind: 'external', latency: 0.001, errorRate: 1 },
      ],
      edges: [
        { from: 'users', to: 'frontend', retries: 3, backoff: 0 },
        { from: 'frontend', to: 'backend', retries: 3, backoff: 0 },
        { from: 'backend', to: 'db', retries: 3, backoff: 0 },
      ],
    });
    s.runUntil(30);
    expect(val(s, 'request_rate', 'frontend')).toBeCloseTo(40, 6);
    expect(val(s, 'request_rate', 'backend')).toBeCloseTo(160, 6);
    expect(val(s, 'request_rate', 'db')).toBeCloseTo(640, 6);
    expect(val(s, 'error_ratio', 'users')).toBe(1);
  });
});

describe('3. queue backlog -> memory limit -> enqueue fails', () => {
  it("producers' error ratio rises once the backlog fills maxmemory", () => {
    const s = sim({
      nodes: [
        client('users', 100),
        { id: 'producer', kind: 'service', cpuPerRequest: 0 },
        { id: 'jobs', kind: 'queue', consumers: ['worker'], messageSizeKb: 10, maxMemoryMb: 10 },
        { id: 'worker', kind: 'service', replicas: 1, concurrency: 5, serviceTime: 0.1, cpuPerRequest: 0 },
      ],
      edges: [
        { from: 'users', to: 'producer' },
        { from: 'producer', to: 'jobs', mode: 'async' },
      ],
    });
    s.runUntil(10);
    expect(val(s, 'dequeue_rate', 'jobs')).toBeCloseTo(50, 0);
    expect(val(s, 'queue_depth', 'jobs')).toBeGreaterThan(400);
    expect(val(s, 'error_ratio', 'producer')).toBe(0);
    const memEarly = val(s, 'queue_memory_mb', 'jobs');
    s.runUntil(60);
    expect(val(s, 'queue_memory_mb', 'jobs')).toBeGreaterThan(memEarly);
    expect(val(s, 'queue_memory_mb', 'jobs')).toBeCloseTo(10, 3);
    expect(val(s, 'error_ratio', 'producer')).toBeCloseTo(0.5, 2);
    expect(val(s, 'error_ratio', 'users')).toBeCloseTo(0.5, 2);
    expect(val(s, 'queue_oldest_seconds', 'jobs')).toBeGreaterThan(15);
  });
});

describe('4. slow queries choke a database', () => {
  it('long queries hold connections and CPU, latency rises, callers saturate; kill-queries recovers', () => {
    const s = sim({
      nodes: [
        client('users', 200),
        { id: 'api', kind: 'service', replicas: 2, concurrency: 20, serviceTime: 0.01, cpuPerRequest: 0 },
        // 400 queries/s x 5 ms of CPU: half of the 4 cores before the fault.
        { id: 'db', kind: 'database', maxConnections: 50, cpuCores: 4, queryTime: 0.01, cpuPerQuery: 0.005 },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'db', callsPerRequest: 2, timeout: 2 },
      ],
      faults: [{ at: '2m', target: 'db', type: 'slow-queries', params: { count: 45, cpuPerQuery: 0.5 } }],
    });
    s.runUntil(110);
    const baseP99 = val(s, 'latency_p99', 'db');
    expect(val(s, 'error_ratio', 'api')).toBeLessThan(0.01);
    s.runUntil(240);
    expect(val(s, 'db_slow_queries', 'db')).toBe(45);
    expect(val(s, 'db_connections', 'db')).toBeGreaterThan(48);
    expect(val(s, 'cpu_utilization', 'db')).toBe(1);
    expect(val(s, 'latency_p99', 'db')).toBeGreaterThan(5 * baseP99);
    expect(val(s, 'saturation', 'api')).toBeGreaterThan(0.99);
    expect(val(s, 'error_ratio', 'users')).toBeGreaterThan(0.3);
    expect(s.apply({ type: 'kill-queries', target: 'db' }).ok).toBe(true);
    s.runUntil(300);
    expect(val(s, 'db_slow_queries', 'db')).toBe(0);
    expect(val(s, 'error_ratio', 'users')).toBeLessThan(0.01);
  });
});

describe('4b. client pools against max_connections', () => {
  const pooled = (replicas: number) =>
    sim({
      nodes: [
        client('users', 200),
        {
          id: 'api',
          kind: 'service',
          replicas,
          concurrency: 50,
          serviceTime: 0.005,
          cpuPerRequest: 0,
          coldStart: 20,
        },
        { id: 'db', kind: 'database', maxConnections: 100, queryTime: 0.01, cpuPerQuery: 0.001 },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'db', pool: 10, timeout: 5 },
      ],
    });

  it('pools within max_connections hold their connections open, idle or not, and nothing fails', () => {
    const s = pooled(8); // 8 x 10 = 80 of 100
    s.runUntil(120);
    expect(val(s, 'db_connections', 'db')).toBeCloseTo(80, 6); // 200 rps x 10 ms needs only 2
    expect(val(s, 'error_ratio', 'api')).toBeLessThan(0.001);
    expect(val(s, 'cpu_utilization', 'db')).toBeLessThan(0.2);
  });

  it('scaling the callers out past it fails the share of queries whose replicas got no connections', () => {
    const s = pooled(8);
    s.runUntil(120);
    expect(s.apply({ type: 'scale', target: 'api', params: { replicas: 16 } }).ok).toBe(true);
    s.runUntil(240); // 16 x 10 = 160 asked, 100 granted: 37.5% of the pooled connections refused
    expect(val(s, 'db_connections', 'db')).toBe(100);
    expect(val(s, 'error_ratio', 'api')).toBeGreaterThan(0.3);
    expect(val(s, 'error_ratio', 'api')).toBeLessThan(0.45);
    // The database itself looks healthy: the errors are its callers'.
    expect(val(s, 'error_ratio', 'db')).toBe(0);
    expect(val(s, 'cpu_utilization', 'db')).toBeLessThan(0.2);
    expect(s.logs().some((l) => l.message.includes('too many clients'))).toBe(true);
    // Smaller pools fit again: 16 x 6 = 96.
    expect(s.apply({ type: 'set-pool-size', target: 'api->db', params: { size: 6 } }).ok).toBe(true);
    s.runUntil(330);
    expect(val(s, 'error_ratio', 'api')).toBeLessThan(0.001);
    expect(val(s, 'db_connections', 'db')).toBeCloseTo(96, 6);
  });
});

/** users -> web; 10% of pages query db, and web's readiness probe queries it too; db slows at `at`. */
const probed = (fault: { at: string; duration?: string }, extra: TopologyInput['nodes'] = []) =>
  sim({
    nodes: [
      client('users', 200),
      { id: 'web', kind: 'service', replicas: 4, concurrency: 100, serviceTime: 0.01, cpuPerRequest: 0 },
      { id: 'db', kind: 'database', maxConnections: 100, queryTime: 0.01, cpuPerQuery: 0 },
      ...extra,
    ],
    edges: [
      { from: 'users', to: 'web' },
      { from: 'web', to: 'db', callsPerRequest: 0.1, timeout: 10, healthCheck: true },
      ...extra.map((n) => ({ from: 'web', to: n.id })),
    ],
    faults: [{ ...fault, target: 'db', type: 'latency', params: { factor: 300 } }],
  });

describe('4c. a deep health check takes every replica out of rotation', () => {
  it('a slow database fails the readiness probe: the caller rejects even requests that never needed it', () => {
    const s = probed({ at: '2m', duration: '3m' });
    s.runUntil(115);
    expect(val(s, 'error_ratio', 'web')).toBeLessThan(0.001);
    s.runUntil(145); // the database answers in ~3 s; the probe (1 s timeout) fails, web still serves
    expect(val(s, 'error_ratio', 'web')).toBeLessThan(0.01);
    s.runUntil(160); // 3 failed probes, 10 s apart: every replica leaves rotation
    expect(val(s, 'error_ratio', 'web')).toBe(1);
    expect(val(s, 'replicas_ready', 'web')).toBe(0); // as kubectl shows it: 0/4 ready
    const out = s.events.find((e) => e.kind === 'readiness');
    expect(out?.text).toMatch(/web: readiness probe failed 3 times in a row: all 4 replicas removed/);
    expect(out?.t).toBeGreaterThanOrEqual(150);
    expect(out?.hidden).toBe(false);
    expect(s.logs().some((l) => l.node === 'web' && l.message.includes('/health/deep 503'))).toBe(true);
    s.runUntil(330); // the database recovers at 5m; one good probe later web serves again
    expect(val(s, 'error_ratio', 'web')).toBeLessThan(0.001);
    expect(val(s, 'replicas_ready', 'web')).toBe(4);
    expect(s.events.filter((e) => e.kind === 'readiness').map((e) => e.text)).toEqual([
      out!.text,
      'web: readiness probe passes again: replicas back in rotation',
    ]);
  });
});

describe('4d. a shallow readiness probe', () => {
  it('puts the replicas back while the database is still slow; refused on a call the probe does not make', () => {
    const s = probed({ at: '1m' }, [{ id: 'cache', kind: 'cache' }]);
    s.runUntil(120);
    expect(val(s, 'error_ratio', 'web')).toBe(1);
    const refused = s.apply({ type: 'shallow-health-check', target: 'web->cache' });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/readiness probe does not call cache/);
    expect(s.apply({ type: 'shallow-health-check', target: 'web->db' }).ok).toBe(true);
    s.runUntil(175); // the change takes 60 s
    expect(val(s, 'error_ratio', 'web')).toBe(1);
    s.runUntil(200); // then one passing probe (10 s): back, slow on the 10% that need the database
    expect(val(s, 'error_ratio', 'web')).toBeLessThan(0.01);
    expect(val(s, 'latency_p99', 'web')).toBeGreaterThan(0.5); // tens of ms before the fault
  });
});

describe('5. DNS overload', () => {
  it('a flood beyond capacity fails every service that resolves through the resolver', () => {
    const s = sim({
      nodes: [
        client('web', 100),
        client('batch', 50),
        { id: 'checkout', kind: 'service', cpuPerRequest: 0.001 },
        { id: 'reports', kind: 'service', cpuPerRequest: 0.001 },
        { id: 'payments', kind: 'service', cpuPerRequest: 0.001 },
        { id: 'coredns', kind: 'dns', replicas: 2, qpsPerReplica: 1000 },
      ],
      edges: [
        { from: 'web', to: 'checkout' },
        { from: 'batch', to: 'reports' },
        { from: 'checkout', to: 'payments', dns: 'coredns', timeout: 30 },
        { from: 'reports', to: 'payments', dns: 'coredns', timeout: 30 },
      ],
      faults: [
        { at: '2m', target: 'coredns', type: 'dns-flood', params: { qps: 6000, source: 'log-shipper' } },
      ],
    });
    s.runUntil(110);
    expect(val(s, 'dns_failure_ratio', 'coredns')).toBe(0);
    expect(val(s, 'latency_p99', 'checkout')).toBeLessThan(1);
    s.runUntil(200);
    expect(val(s, 'dns_queries_rate', 'coredns')).toBeGreaterThan(6000);
    expect(val(s, 'dns_failure_ratio', 'coredns')).toBeGreaterThan(0.5);
    for (const svc of ['checkout', 'reports']) {
      // Resolver timeouts add ~5 s steps, and lookups that fail twice fail the call.
      expect(val(s, 'latency_p99', svc)).toBeGreaterThan(5);
      expect(val(s, 'error_ratio', svc)).toBeGreaterThan(0.2);
      expect(val(s, 'cpu_utilization', svc)).toBeLessThan(0.2);
    }
    // payments itself is healthy: the callers fail before reaching it.
    expect(val(s, 'error_ratio', 'payments')).toBe(0);
  });
});

describe('6. CPU throttling and sidecars', () => {
  const build = (cpuLimit: number, rps: number, faults: TopologyInput['faults'] = []) =>
    sim({
      nodes: [
        client('users', rps),
        {
          id: 'api',
          kind: 'service',
          replicas: 2,
          concurrency: 50,
          serviceTime: 0.02,
          cpuPerRequest: 0.02,
          cpuLimit,
        },
      ],
      edges: [{ from: 'users', to: 'api' }],
      faults,
    });

  it('CPU per request near the limit throttles; above it latency stretches', () => {
    const roomy = build(4, 40);
    const tight = build(0.5, 40); // 0.8 of the quota on average: bursts hit it
    const over = build(0.5, 60); // 1.2x the quota
    for (const s of [roomy, tight, over]) s.runUntil(60);
    expect(val(roomy, 'cpu_throttled_ratio', 'api')).toBeLessThan(0.01);
    expect(val(tight, 'cpu_utilization', 'api')).toBeCloseTo(0.8, 2);
    expect(val(tight, 'cpu_throttled_ratio', 'api')).toBeGreaterThan(0.05);
    expect(val(tight, 'latency_p99', 'api')).toBeGreaterThan(val(roomy, 'latency_p99', 'api') + 0.09);
    expect(val(over, 'latency_p50', 'api')).toBeGreaterThan(val(roomy, 'latency_p50', 'api') * 1.15);
    expect(val(over, 'cpu_throttled_ratio', 'api')).toBeGreaterThan(0.5);
  });

  it('sidecar overhead adds CPU per request and latency; removing the sidecar restores it', () => {
    const s = build(0.5, 30, [
      { at: '1m', target: 'api', type: 'sidecar-overhead', params: { cpuPerRequest: 0.015, latency: 0.01 } },
    ]);
    s.runUntil(55);
    const before = { cpu: val(s, 'cpu_utilization', 'api'), p99: val(s, 'latency_p99', 'api') };
    s.runUntil(120);
    expect(val(s, 'cpu_utilization', 'api')).toBeGreaterThan(before.cpu * 1.5);
    expect(val(s, 'latency_p99', 'api')).toBeGreaterThan(before.p99 + 0.05);
    const r = s.apply({ type: 'remove-sidecar', target: 'api' });
    expect(r.ok).toBe(true);
    s.runUntil(120 + 90);
    expect(val(s, 'cpu_utilization', 'api')).toBeCloseTo(before.cpu, 2);
  });
});

describe('7. autoscaling on the right and the wrong signal', () => {
  const build = (autoscaler: { metric: 'cpu' | 'queue_depth'; target: number }) =>
    sim({
      nodes: [
        client('users', 100),
        { id: 'api', kind: 'service', cpuPerRequest: 0.001 },
        { id: 'otp', kind: 'queue', consumers: ['sender'] },
        {
          id: 'sender',
          kind: 'service',
          replicas: 2,
          concurrency: 10,
          serviceTime: 0.005,
          cpuPerRequest: 0.002,
          coldStart: 30,
          autoscaler: { ...autoscaler, min: 2, max: 40, syncPeriod: 15 },
        },
        { id: 'sms', kind: 'external', latency: 0.1, errorRate: 0 },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'otp', mode: 'async' },
        { from: 'sender', to: 'sms', timeout: 30 },
      ],
      faults: [{ at: '2m', target: 'sms', type: 'latency', params: { factor: 10 } }],
    });

  it('CPU scaling never reacts to a slow provider; queue-depth scaling drains the backlog', () => {
    const cpu = build({ metric: 'cpu', target: 0.6 });
    const depth = build({ metric: 'queue_depth', target: 100 });
    cpu.runUntil(110);
    expect(val(cpu, 'queue_depth', 'otp')).toBeLessThan(5);
    cpu.runUntil(1200);
    depth.runUntil(1200);
    // The sender waits on the provider: CPU is low, the CPU autoscaler even keeps it at min.
    expect(val(cpu, 'cpu_utilization', 'sender')).toBeLessThan(0.2);
    expect(val(cpu, 'replicas_ready', 'sender')).toBe(2);
    expect(val(cpu, 'queue_depth', 'otp')).toBeGreaterThan(50000);
    expect(val(cpu, 'queue_oldest_seconds', 'otp')).toBeGreaterThan(500);
    // The backlog scaler sees the queue and scales out after its sync period and the cold start.
    expect(val(depth, 'replicas_ready', 'sender')).toBeGreaterThan(10);
    expect(val(depth, 'queue_depth', 'otp')).toBeLessThan(val(cpu, 'queue_depth', 'otp') / 10);
    expect(depth.events.some((e) => e.kind === 'scale')).toBe(true);
  });
});

describe('8. faults on a timeline, actions with delays', () => {
  const base = (faults: TopologyInput['faults']) =>
    sim({
      nodes: [
        client('users', 100),
        {
          id: 'api',
          kind: 'service',
          replicas: 2,
          concurrency: 50,
          cpuPerRequest: 0.002,
          coldStart: 30,
          version: 'v1',
        },
        { id: 'db', kind: 'database' },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'db' },
      ],
      faults,
    });

  it('a fault starts at `at`, ends after `duration`, and its onset is hidden from the trainee', () => {
    const s = base([{ at: '1m', duration: '2m', target: 'api', type: 'error-rate', params: { rate: 0.3 } }]);
    s.runUntil(59);
    expect(val(s, 'error_ratio', 'api')).toBe(0);
    s.runUntil(90);
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.3, 6);
    s.runUntil(200);
    expect(val(s, 'error_ratio', 'api')).toBe(0);
    const onset = s.events.find((e) => e.kind === 'fault');
    expect(onset).toMatchObject({ t: 60, hidden: true, node: 'api' });
  });

  it('scale: new replicas serve only after their cold start', () => {
    const s = base([]);
    s.runUntil(10);
    const r = s.apply({ type: 'scale', target: 'api', params: { replicas: 5 } });
    expect(r).toMatchObject({ ok: true, effectiveAt: 40 });
    expect(r.message).toMatch(/from 2 to 5 replicas/);
    s.runUntil(20);
    expect(val(s, 'replicas_ready', 'api')).toBe(2);
    expect(val(s, 'replicas_starting', 'api')).toBe(3);
    s.runUntil(45);
    expect(val(s, 'replicas_ready', 'api')).toBe(5);
  });

  it('restart: every replica goes down, requests fail, then they come back after the cold start', () => {
    const s = base([]);
    s.runUntil(10);
    expect(s.apply({ type: 'restart', target: 'api' }).ok).toBe(true);
    s.runUntil(20);
    expect(val(s, 'replicas_ready', 'api')).toBe(0);
    expect(val(s, 'error_ratio', 'users')).toBe(1);
    expect(val(s, 'restarts_total', 'api')).toBe(2);
    s.runUntil(45);
    expect(val(s, 'replicas_ready', 'api')).toBe(2);
    expect(val(s, 'error_ratio', 'users')).toBe(0);
  });

  it('rollback: a bad deploy shows at its marker and ends when the rolling restart completes', () => {
    const s = base([
      { at: '1m', target: 'api', type: 'bad-deploy', params: { version: 'v2', errorRate: 0.4 } },
    ]);
    s.runUntil(120);
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.4, 6);
    const deploy = s.events.find((e) => e.kind === 'deploy');
    expect(deploy).toMatchObject({ t: 60, hidden: false });
    const r = s.apply({ type: 'rollback', target: 'api' });
    expect(r.ok).toBe(true);
    expect(r.message).toMatch(/v2 to v1/);
    s.runUntil(140);
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(0.4, 6); // still rolling out
    s.runUntil(160);
    expect(val(s, 'error_ratio', 'api')).toBe(0);
  });

  it('memory leak: replicas are OOM-killed at the limit and restart with fresh memory', () => {
    const s = base([{ at: 0, target: 'api', type: 'memory-leak', params: { mbPerMinute: 100 } }]);
    s.runUntil(200);
    expect(s.events.some((e) => e.kind === 'oom-kill')).toBe(true);
    expect(val(s, 'restarts_total', 'api')).toBeGreaterThanOrEqual(2);
  });

  it('a circuit breaker opens on a failing dependency and cuts its load; optional calls degrade', () => {
    const s = sim({
      nodes: [
        client('users', 100),
        { id: 'api', kind: 'service', cpuPerRequest: 0 },
        { id: 'recs', kind: 'external', latency: 0.05, errorRate: 0 },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'recs', optional: true, circuitBreaker: { errorThreshold: 0.5, openFor: 30 } },
      ],
      faults: [{ at: '1m', target: 'recs', type: 'dependency-outage' }],
    });
    s.runUntil(70);
    expect(val(s, 'request_rate', 'recs')).toBe(0);
    expect(val(s, 'error_ratio', 'users')).toBe(0);
  });
});

describe('apply() with bad input', () => {
  const s = sim({
    nodes: [client('users', 10), { id: 'api', kind: 'service' }, { id: 'db', kind: 'database' }],
    edges: [
      { from: 'users', to: 'api' },
      { from: 'api', to: 'db' },
    ],
  });
  it.each([
    [{ type: 'scale', target: 'nope', params: { replicas: 3 } }, /no node "nope"/],
    [{ type: 'kill-queries', target: 'api' }, /api, which is a service; it applies to a database/],
    [{ type: 'scale', target: 'api', params: { replicas: 'many' } }, /"replicas" must be a number/],
    [{ type: 'scale', target: 'api', params: { replicaz: 3 } }, /unknown parameter "replicaz"/],
    [{ type: 'set-timeout', target: 'api->db' }, /"seconds" is required/],
    [{ type: 'set-timeout', target: 'db->api', params: { seconds: 1 } }, /no call db->api/],
    [{ type: 'scale', target: 'api->db', params: { replicas: 1 } }, /applies to a node/],
    [{ type: 'explode', target: 'api' }, /Unknown action "explode"/],
    [{ type: 'failover', target: 'db' }, /no read replica/],
  ])('%j is refused with a clear message', (cmd, message) => {
    const r = s.apply(cmd as never);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(message);
  });

  it('inject() refuses faults on the wrong kind of target', () => {
    expect(s.inject({ type: 'slow-queries', target: 'api' })).toMatchObject({ ok: false });
    expect(s.inject({ type: 'network-degradation', target: 'api->db' }).ok).toBe(true);
  });
});

describe('9. fractional fan-out', () => {
  it('0.1 calls per request to a dead dependency fails the tenth of requests that make the call', () => {
    const build = (calls: number) =>
      sim({
        nodes: [
          client('users', 100),
          { id: 'api', kind: 'service', replicas: 4, concurrency: 100, serviceTime: 0.005, cpuPerRequest: 0 },
          { id: 'rare', kind: 'external', latency: 0.01, errorRate: 0 },
        ],
        edges: [
          { from: 'users', to: 'api' },
          { from: 'api', to: 'rare', callsPerRequest: calls, timeout: 1 },
        ],
        faults: [{ at: '1m', target: 'rare', type: 'dependency-outage', params: { mode: 'errors' } }],
      });
    const tenth = build(0.1);
    tenth.runUntil(90);
    expect(val(tenth, 'error_ratio', 'rare')).toBe(1);
    expect(val(tenth, 'error_ratio', 'api')).toBeCloseTo(0.1, 6);
    // 2.5 calls: two always happen (and fail), so every request fails.
    const more = build(2.5);
    more.runUntil(90);
    expect(val(more, 'error_ratio', 'api')).toBe(1);
  });

  it('a partial call fails with the callee: floor(c) calls always, one more with probability frac(c)', () => {
    const s = sim({
      nodes: [
        client('users', 100),
        { id: 'api', kind: 'service', replicas: 4, concurrency: 100, serviceTime: 0.005, cpuPerRequest: 0 },
        { id: 'flaky', kind: 'external', latency: 0.01, errorRate: 0.2 },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'flaky', callsPerRequest: 1.5, timeout: 1 },
      ],
    });
    s.runUntil(30);
    // One call always (ok 0.8), a second for half the requests: 0.8 x (1 - 0.5 x 0.2) = 0.72.
    expect(val(s, 'error_ratio', 'api')).toBeCloseTo(1 - 0.8 * 0.9, 6);
  });
});

describe('10. database CPU caps its throughput', () => {
  const build = (rps: number) =>
    sim({
      nodes: [
        client('users', rps),
        { id: 'api', kind: 'service', replicas: 10, concurrency: 200, serviceTime: 0.005, cpuPerRequest: 0 },
        { id: 'db', kind: 'database', maxConnections: 1000, cpuCores: 4, queryTime: 0.01, cpuPerQuery: 0.01 },
      ],
      edges: [
        { from: 'users', to: 'api', timeout: 30 },
        { from: 'api', to: 'db', timeout: 10 },
      ],
    });

  it('below 4 cores / 10 ms = 400 qps nothing queues', () => {
    const s = build(300);
    s.runUntil(60);
    expect(val(s, 'throughput', 'db')).toBeCloseTo(300, 6);
    expect(val(s, 'cpu_utilization', 'db')).toBeCloseTo(0.75, 6);
    expect(val(s, 'error_ratio', 'users')).toBe(0);
    expect(val(s, 'latency_p50', 'db')).toBeLessThan(0.02);
  });

  it('at 800 qps it serves 400: queries queue on connections, latency and errors rise', () => {
    const s = build(800);
    s.runUntil(60);
    expect(val(s, 'throughput', 'db')).toBeCloseTo(400, 3);
    expect(val(s, 'cpu_utilization', 'db')).toBe(1);
    // About half the queries are rejected once the queue (max_connections) is full.
    expect(val(s, 'error_ratio', 'db')).toBeGreaterThan(0.45);
    expect(val(s, 'error_ratio', 'users')).toBeGreaterThan(0.45);
    expect(val(s, 'error_ratio', 'users')).toBeLessThan(0.55);
    // 1,000 waiting at 400 qps: 2.5 s on average (the wait tail is exponential: p50 ~ 0.69 x mean).
    expect(val(s, 'latency_mean', 'db')).toBeGreaterThan(2.5);
    expect(val(s, 'latency_p50', 'db')).toBeGreaterThan(1.5);
    // Connections in use: the busy ones and the waiting ones.
    expect(val(s, 'db_connections', 'db')).toBeGreaterThan(900);
  });
});

describe('11. a full LRU cache', () => {
  const build = (faults: TopologyInput['faults'] = []) =>
    sim({
      nodes: [
        client('users', 1000),
        { id: 'api', kind: 'service', replicas: 4, concurrency: 100, serviceTime: 0.005, cpuPerRequest: 0 },
        {
          id: 'cache',
          kind: 'cache',
          hitRatio: 0.95,
          maxMemoryMb: 1024,
          usedMemoryMb: 1024,
          writeGrowthKb: 0,
          policy: 'allkeys-lru',
        },
        {
          id: 'db',
          kind: 'database',
          maxConnections: 200,
          queryTime: 0.005,
          cpuPerQuery: 0.001,
          cpuCores: 8,
        },
      ],
      edges: [
        { from: 'users', to: 'api', timeout: 10 },
        { from: 'api', to: 'cache', timeout: 1 },
        { from: 'cache', to: 'db', timeout: 1 },
      ],
      faults,
    });

  it('at maxmemory with a steady working set evicts the coldest keys and keeps its hit ratio', () => {
    const s = build();
    s.runUntil(300);
    expect(val(s, 'cache_hit_ratio', 'cache')).toBeCloseTo(0.95, 6);
    expect(val(s, 'request_rate', 'db')).toBeCloseTo(50, 6);
    expect(val(s, 'cache_evictions_rate', 'cache')).toBeGreaterThan(0); // each miss fill evicts
    expect(val(s, 'memory_mb', 'cache')).toBe(1024);
    expect(val(s, 'error_ratio', 'users')).toBe(0);
  });

  it('loses hits in proportion to the share of the working set that no longer fits', () => {
    const s = build([{ at: 0, target: 'cache', type: 'memory-leak', params: { mbPerMinute: 6144 } }]);
    s.runUntil(10); // ~1 GB more wanted than fits: half the working set fits
    const fits = val(s, 'cache_hit_ratio', 'cache') / 0.95;
    expect(fits).toBeGreaterThan(0.45);
    expect(fits).toBeLessThan(0.55);
    expect(val(s, 'memory_mb', 'cache')).toBe(1024);
  });
});

describe('12. a rejected call fails fast', () => {
  const build = (edge: { pool?: number }, rateLimit?: number) =>
    sim({
      nodes: [
        client('users', 100),
        { id: 'api', kind: 'service', replicas: 2, concurrency: 500, serviceTime: 0.005, cpuPerRequest: 0 },
        { id: 'x', kind: 'external', latency: 1, errorRate: 0, ...(rateLimit ? { rateLimit } : {}) },
      ],
      edges: [
        { from: 'users', to: 'api', timeout: 30 },
        { from: 'api', to: 'x', timeout: 10, ...edge },
      ],
    });

  it("a provider's 429s cost the caller a round trip, not the provider's latency", () => {
    const s = build({}, 5); // 95% of the calls are turned away
    s.runUntil(60);
    expect(val(s, 'error_ratio', 'x')).toBeCloseTo(0.95, 6);
    // 0.005 s own + 5% x 1 s + 95% x a round trip
    expect(val(s, 'latency_mean', 'api')).toBeGreaterThan(0.055);
    expect(val(s, 'latency_mean', 'api')).toBeLessThan(0.06);
    expect(val(s, 'latency_p50', 'api')).toBeLessThan(0.01);
    // The 5% that get through still make the tail: P[T > t] = 0.05 P[Exp(1 s) > t] = 0.01 at ln 5 s.
    expect(val(s, 'latency_p99', 'api')).toBeCloseTo(Math.log(5), 1);
  });

  it('calls cut by a full connection pool fail without waiting for the callee', () => {
    const s = build({ pool: 1 }); // 2 replicas x 1 connection / 1 s = 2 of 100 calls per second
    s.runUntil(60);
    expect(val(s, 'request_rate', 'x')).toBeCloseTo(2, 3);
    expect(val(s, 'latency_mean', 'api')).toBeLessThan(0.03);
  });
});

describe('12b. a callee that drops its queue', () => {
  it('rejects more than arrives in that tick; its callers still see finite latencies', () => {
    const s = sim({
      nodes: [
        client('users', 100),
        { id: 'api', kind: 'service', replicas: 2, concurrency: 500, serviceTime: 0.005, cpuPerRequest: 0 },
        { id: 'svc', kind: 'service', replicas: 1, concurrency: 1, serviceTime: 0.1, cpuPerRequest: 0 },
      ],
      edges: [
        { from: 'users', to: 'api', timeout: 30 },
        { from: 'api', to: 'svc', timeout: 30 },
      ],
      faults: [{ at: '1m', target: 'svc', type: 'crash' }],
    });
    s.runUntil(60);
    expect(val(s, 'inflight', 'svc')).toBeGreaterThan(90); // a full queue
    s.runUntil(61); // every replica dies: the queue goes with the tick's arrivals
    for (const m of ['latency_mean', 'latency_p50', 'latency_p95', 'latency_p99'])
      expect(Number.isFinite(val(s, m, 'api')), m).toBe(true);
  });
});
