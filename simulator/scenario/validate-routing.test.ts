/**
 * Weighted routing in a scenario file: weights only on a loadbalancer's calls, a weight change only
 * on a weighted call, a drain only of a region the router sends to; each error at its JSON path.
 */
import { describe, expect, it } from 'vitest';
import { formatErrors, validateScenario, type ScenarioError } from './validate';

type Doc = Record<'nodes' | 'edges' | 'actions' | 'faults', unknown[]>;

function scenario(patch: (s: Doc) => void = () => {}) {
  const s: Doc = {
    schemaVersion: 2,
    id: 'regions',
    title: 'Regions',
    difficulty: 'beginner',
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 100 }] },
      { id: 'geo', kind: 'loadbalancer', routing: { ttl: '30s' } },
      { id: 'east', kind: 'service', region: 'us-east-1' },
      { id: 'west', kind: 'service', region: 'us-west-2' },
    ],
    edges: [
      { from: 'users', to: 'geo' },
      { from: 'geo', to: 'east', weight: 1 },
      { from: 'geo', to: 'west', weight: 1 },
    ],
    faults: [],
    actions: [
      { type: 'drain-region', target: 'geo', params: { region: 'us-east-1' }, effect: 'helps' },
      { type: 'set-route-weight', target: 'geo->west', params: { weight: 0 }, effect: 'harmful' },
    ],
    rootCause: { node: 'east', category: 'region', causes: ['capacity'] },
    objectives: { slos: [{ node: 'geo', metric: 'error_ratio', max: 0.01 }] },
    solution: [],
  } as never;
  patch(s);
  return validateScenario(s);
}

const errors = (patch: (s: Doc) => void): ScenarioError[] => {
  const r = scenario(patch);
  return r.ok ? [] : [...r.errors];
};

describe('weighted routing in a scenario', () => {
  it('accepts regions, weights, routing and the two routing actions', () => {
    const r = scenario();
    if (!r.ok) throw new Error(formatErrors(r.errors));
    const geo = r.scenario.nodes.find((n) => n.id === 'geo');
    expect(geo?.kind === 'loadbalancer' && geo.routing).toEqual({
      ttl: 30,
      healthChecks: true,
      failureThreshold: 3,
      checkTimeout: 4,
    });
  });

  it('a weight on a call from anything but a loadbalancer', () => {
    const e = errors((s) => s.edges.push({ from: 'east', to: 'west', weight: 5 }));
    expect(e).toContainEqual({
      path: 'edges[3].weight',
      message: expect.stringContaining(
        "only a loadbalancer splits its requests by weight, and 'east' is a service",
      ),
    });
  });

  it('a weight out of Route 53 range and a TTL over an hour', () => {
    const e = errors((s) => {
      (s.edges[1] as Record<string, unknown>).weight = 300;
      (s.nodes[1] as Record<string, unknown>).routing = { ttl: '2h' };
    });
    expect(e.map((x) => x.path)).toEqual(expect.arrayContaining(['edges[1].weight', 'nodes[1].routing.ttl']));
  });

  it('set-route-weight on a call without a weight', () => {
    const e = errors((s) => ((s.actions[1] as Record<string, unknown>).target = 'users->geo'));
    expect(e).toContainEqual({
      path: 'actions[1].target',
      message: expect.stringContaining('\'users->geo\' has no "weight"'),
    });
  });

  it('drain-region of a region the router does not send to, with a suggestion', () => {
    const e = errors(
      (s) => ((s.actions[0] as Record<string, { region: string }>).params!.region = 'us-east-2'),
    );
    expect(e).toContainEqual({
      path: 'actions[0].params.region',
      message: expect.stringMatching(/routes to no target in region 'us-east-2'.*us-east-1, us-west-2/),
    });
  });

  it('region-outage on a node without a region', () => {
    const e = errors((s) => s.faults.push({ at: '1m', target: 'geo', type: 'region-outage' }));
    expect(e).toContainEqual({
      path: 'faults[0].target',
      message: expect.stringContaining("'geo' has none (nodes[1].region)"),
    });
    expect(errors((s) => s.faults.push({ at: '1m', target: 'east', type: 'region-outage' }))).toEqual([]);
  });
});
