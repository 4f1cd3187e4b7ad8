/** A small system for the command tests: every node kind that has actions, and calls between them. */
import { makeScenario } from '../engine/testing';

export const system = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: 60, target: 100 }] },
    { id: 'lb', kind: 'loadbalancer', region: 'us-east-1' },
    {
      id: 'checkout',
      kind: 'service',
      replicas: 4,
      cpuLimit: 1,
      memoryLimitMb: 512,
      autoscaler: { metric: 'cpu', target: 0.7, min: 2, max: 10 },
      sidecar: {},
      disk: { sizeGb: 50 },
    },
    {
      id: 'search',
      kind: 'service',
      autoscaler: { metric: 'latency_p99', target: 0.5 },
      imageRegistry: 'registry',
    },
    { id: 'orders-db', kind: 'database', cpuCores: 4, disk: { sizeGb: 500 } },
    { id: 'sessions', kind: 'cache', maxMemoryMb: 1024 },
    { id: 'jobs', kind: 'queue', consumers: ['search'], maxMemoryMb: 512 },
    { id: 'coredns', kind: 'dns', replicas: 2 },
    { id: 'geo', kind: 'loadbalancer', routing: { ttl: 60 } },
    { id: 'lb-west', kind: 'loadbalancer', region: 'us-west-2' },
    { id: 'registry', kind: 'external' },
    { id: 'registry-mirror', kind: 'external' },
  ],
  edges: [
    { from: 'users', to: 'lb' },
    { from: 'lb', to: 'checkout' },
    { from: 'checkout', to: 'orders-db', timeout: 5, pool: 10 },
    { from: 'checkout', to: 'sessions' },
    { from: 'checkout', to: 'jobs', mode: 'async' },
    { from: 'geo', to: 'lb', weight: 100 },
    { from: 'geo', to: 'lb-west', weight: 100 },
    { from: 'lb-west', to: 'checkout' },
  ],
});
