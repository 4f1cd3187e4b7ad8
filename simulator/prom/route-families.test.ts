/**
 * Regions in the Prometheus view (catalog.ts): a node's series carry its region; a router's
 * weighted records expose Route 53's health check status and the traffic share, labelled with
 * the target's region, so `sum by (region)` and a failover alert read as on a real dashboard.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/index';
import { makeScenario } from '../engine/testing';
import { columnsOf } from '../test-support/builtin-run';
import { evaluateInstant } from './evaluate';
import { prometheusView } from './view';

const scenario = makeScenario({
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 1000 }] },
    { id: 'geo', kind: 'loadbalancer', maxConnections: 100000, routing: { ttl: 0 } },
    { id: 'east', kind: 'service', region: 'us-east-1', replicas: 4, concurrency: 20, cpuPerRequest: 0.001 },
    { id: 'west', kind: 'service', region: 'us-west-2', replicas: 4, concurrency: 20, cpuPerRequest: 0.001 },
  ],
  edges: [
    { from: 'users', to: 'geo' },
    { from: 'geo', to: 'east', weight: 3 },
    { from: 'geo', to: 'west', weight: 1 },
  ],
  faults: [{ at: 300, target: 'west', type: 'dependency-outage' }],
} as never);
const sim = createSimulation(scenario, { historyTicks: 601 });
sim.runUntil(600);
const view = prometheusView(columnsOf(sim), scenario.nodes, { scrapeSeconds: 15 });

function vector(expr: string, at: number): Record<string, number> {
  const r = evaluateInstant(view, expr, at * 1000);
  if (!r.ok) throw new Error(r.error);
  if (r.value.type !== 'vector') throw new Error(r.value.type);
  return Object.fromEntries(r.value.samples.map((s) => [s.labels.region ?? '', s.value]));
}

describe('regions in the Prometheus view', () => {
  it('a node in a region labels its series region="..."; sum by (region) splits the traffic', () => {
    const v = vector('sum by (region) (rate(http_requests_total{code="200"}[1m]))', 240);
    expect(v['us-east-1']).toBeCloseTo(750, 0);
    expect(v['us-west-2']).toBeCloseTo(250, 0);
    expect(v['']).toBeCloseTo(2000, 0); // users and geo: no region
  });

  it("the router's records: health check status and traffic share by the target's region", () => {
    const labels = view
      .series()
      .filter((s) => s.labels.__name__ === 'aws_route53_health_check_status')
      .map((s) => s.labels);
    expect(labels).toEqual([
      {
        __name__: 'aws_route53_health_check_status',
        job: 'cloudwatch',
        record: 'geo',
        set_identifier: 'east',
        region: 'us-east-1',
      },
      {
        __name__: 'aws_route53_health_check_status',
        job: 'cloudwatch',
        record: 'geo',
        set_identifier: 'west',
        region: 'us-west-2',
      },
    ]);
    expect(vector('route_target_traffic_ratio', 240)).toEqual({ 'us-east-1': 0.75, 'us-west-2': 0.25 });
    // The outage at 300 s is seen by three checks (interval 10 s): unhealthy, and the east takes it all.
    expect(vector('aws_route53_health_check_status == 0', 600)).toEqual({ 'us-west-2': 0 });
    expect(vector('route_target_traffic_ratio', 600)).toEqual({ 'us-east-1': 1, 'us-west-2': 0 });
  });
});
