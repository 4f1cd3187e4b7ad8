import { describe, expect, it } from 'vitest';
import type { ScenarioNode } from '../../../../simulator/scenario/schema';
import { nodeCapacity } from './live';
import { describeNode, type HealthSeries } from './metrics';

const service = {
  id: 'api',
  kind: 'service',
  version: 'v1',
  replicas: 2,
  concurrency: 40,
  cpuLimit: 1,
} as unknown as ScenarioNode;
const queue = {
  id: 'jobs',
  kind: 'queue',
  maxMemoryMb: 64,
  policy: 'noeviction',
  consumers: [],
} as unknown as ScenarioNode;

describe('describeNode', () => {
  it("reads the scenario's values until the engine sends live ones", () => {
    expect(describeNode(service)).toBe('v1 · 2 replicas × 40 threads · 1 CPU');
  });

  it('reads the live version, replicas, threads, CPU, probe and rate limit', () => {
    const live = { id: 'api', version: 'v2', replicas: 4, ready: 0, starting: 4, threads: 80, cpu: 2 };
    expect(describeNode(service, { ...live, probe: 'out-of-rotation', rateLimit: 100 })).toBe(
      'v2 · 4 replicas (0 ready, 4 starting) × 80 threads · 2 CPU · out of rotation · rate limit 100/s',
    );
    expect(describeNode(service, { ...live, ready: 4, starting: 0, probe: 'failing' })).toBe(
      'v2 · 4 replicas × 80 threads · 2 CPU · readiness probe failing',
    );
  });

  it("reads a queue's live maxmemory, and its fill is measured against it", () => {
    expect(describeNode(queue, { id: 'jobs', maxMemoryMb: 256 })).toBe('256 MB · noeviction');
    const hs: HealthSeries = { errors: [], saturation: -1, fill: 0, capacity: 64 };
    expect(nodeCapacity(hs, undefined)).toBe(64);
    expect(nodeCapacity(hs, { id: 'jobs', maxMemoryMb: 256 })).toBe(256);
  });
});
