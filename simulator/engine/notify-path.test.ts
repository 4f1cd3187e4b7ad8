/**
 * A monitoring path that depends on the failing service (alerting.notifyVia): Alertmanager's
 * notifications go out through the listed nodes (an egress NAT, cluster DNS, a proxy). While one of
 * them is down or fails most requests the page cannot be delivered; Alertmanager retries, and it
 * arrives once the path works again. Prometheus still evaluates the rule (alert-firing on time).
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../scenario/validate';
import { createSimulation } from './index';
import { makeScenario, type TopologyInput } from './testing';

/** api needs egress for every request; egress fails from t = 60 to t = 600. */
function input(notifyVia?: string[]): TopologyInput {
  return {
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1h', target: 100 }] },
      { id: 'api', kind: 'service', replicas: 2 },
      { id: 'egress', kind: 'external' },
    ],
    edges: [
      { from: 'users', to: 'api', timeout: 30 },
      { from: 'api', to: 'egress', timeout: 5 },
    ],
    faults: [
      { at: 60, duration: 540, target: 'egress', type: 'dependency-outage', params: { mode: 'errors' } },
    ],
    alerting: {
      groups: [
        {
          name: 'g',
          interval: '15s',
          rules: [
            {
              alert: 'ApiErrors',
              expr: 'sum(rate(http_requests_total{service="api", code=~"5.."}[1m])) / sum(rate(http_requests_total{service="api"}[1m])) > 0.05',
              for: '1m',
              labels: { severity: 'P1' },
            },
          ],
        },
      ],
      route: { receiver: 'page' },
      ...(notifyVia ? { notifyVia } : {}),
    },
  } as TopologyInput;
}

function run(notifyVia?: string[]) {
  const sim = createSimulation(makeScenario(input(notifyVia)));
  sim.runUntil(900);
  const firing = sim.events.find((e) => e.kind === 'alert-firing')!;
  const page = sim.events.find((e) => e.kind === 'notification' && e.data?.receiver === 'page')!;
  return { sim, firing, page };
}

describe('alerting.notifyVia: the pager path through a failing node', () => {
  it('without it, the page goes out within a group_wait of the alert firing', () => {
    const { firing, page } = run();
    expect(firing.t).toBeLessThan(200);
    expect(page.t - firing.t).toBeLessThanOrEqual(60);
  });

  it('through the failing egress, the alert fires on time but the page arrives when egress recovers', () => {
    const { sim, firing, page } = run(['egress']);
    expect(firing.t).toBeLessThan(200);
    expect(page.t).toBeGreaterThanOrEqual(600);
    expect(page.t).toBeLessThanOrEqual(620);
    expect(page.data?.delayed).toBeGreaterThanOrEqual(600 - 200);
    const failed = sim.events.filter((e) => e.kind === 'note' && e.text.includes('notify'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.hidden).toBe(true);
    expect(failed[0]!.text).toContain('egress');
  });

  it('is refused with its JSON path when it names no node', () => {
    const doc = {
      schemaVersion: 2,
      id: 'x',
      title: 'x',
      difficulty: 'beginner',
      duration: '10m',
      ...input(['egres']),
      rootCause: { node: 'egress', category: 'a', categories: ['a', 'b'] },
      objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
    };
    const result = validateScenario(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const error = result.errors.find((e) => e.path.startsWith('alerting.notifyVia'))!;
      expect(error.path).toBe('alerting.notifyVia[0]');
      expect(error.message).toContain("no node named 'egres'");
    }
  });
});
