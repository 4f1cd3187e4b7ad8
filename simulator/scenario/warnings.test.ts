import { describe, expect, it } from 'vitest';
import { makeScenario } from '../engine/testing';
import { BUILTIN_FILES, loadBuiltin } from '../test-support/builtin-run';
import { reachedNodes, scenarioWarnings } from './warnings';
import { validateScenario } from './validate';
import type { Scenario } from './schema';

function scenario(patch: (json: Record<string, unknown>) => void): Scenario {
  const json = JSON.parse(
    JSON.stringify({
      schemaVersion: 1,
      id: 'w',
      title: 'Checkout is slow',
      difficulty: 'beginner',
      duration: '10m',
      nodes: [
        { id: 'users', kind: 'client', stages: [{ duration: '10m', target: 20 }] },
        { id: 'api', kind: 'service' },
        { id: 'jobs', kind: 'queue', consumers: ['worker'] },
        { id: 'worker', kind: 'service' },
        { id: 'batch', kind: 'service' },
        { id: 'orphan-db', kind: 'database' },
      ],
      edges: [
        { from: 'users', to: 'api' },
        { from: 'api', to: 'jobs', mode: 'async' },
        { from: 'batch', to: 'orphan-db' },
      ],
      faults: [{ at: '1m', target: 'worker', type: 'latency', params: { factor: 5 } }],
      rootCause: {
        node: 'worker',
        category: 'slow worker drains the queue slowly',
        causes: ['dependency-slow', 'queue-backlog'],
      },
      objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
    }),
  ) as Record<string, unknown>;
  patch(json);
  const result = validateScenario(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

describe('scenario warnings', () => {
  it('a clean scenario has none; traffic reaches a queue consumer through the queue', () => {
    const s = scenario(() => {});
    expect(scenarioWarnings(s)).toEqual([]);
    expect([...reachedNodes(s)].sort()).toEqual(['api', 'jobs', 'users', 'worker']);
  });

  it('a scenario that offers its own categories instead of the taxonomy', () => {
    const s = scenario((j) => {
      j.rootCause = {
        node: 'worker',
        category: 'slow worker drains the queue slowly',
        categories: ['slow worker drains the queue slowly', 'b'],
      };
    });
    const w = scenarioWarnings(s);
    expect(w.map((x) => x.path)).toEqual(['rootCause']);
    expect(w[0]!.message).toMatch(/own categories, whose wording can give the answer away/);
  });

  it('a queue_depth autoscaler on a service that consumes no queue', () => {
    const s = scenario((j) => {
      (j.nodes as Record<string, unknown>[])[1]!.autoscaler = { metric: 'queue_depth', target: 100 };
      (j.nodes as Record<string, unknown>[])[3]!.autoscaler = { metric: 'queue_depth', target: 100 };
    });
    const w = scenarioWarnings(s);
    expect(w).toHaveLength(1);
    expect(w[0]!.path).toBe('nodes[1].autoscaler.metric');
    expect(w[0]!.message).toMatch(/'api' consumes no queue/);
  });

  it('a fault on a node no traffic reaches, except faults that act without traffic', () => {
    const s = scenario((j) => {
      (j.faults as unknown[]).push(
        { at: '2m', target: 'orphan-db', type: 'slow-queries' },
        { at: '2m', target: 'batch', type: 'memory-leak' },
        { at: '2m', target: 'batch->orphan-db', type: 'network-degradation' },
      );
    });
    expect(scenarioWarnings(s).map((w) => w.path)).toEqual(['faults[1].target', 'faults[3].target']);
    expect(scenarioWarnings(s)[0]!.message).toMatch(/no client's traffic reaches 'orphan-db'/);
  });

  it('a card or briefing sentence naming the root-cause node with its category words', () => {
    const spoiler = scenario((j) => {
      j.summary = 'The worker drains its queue slowly after a deploy.';
    });
    const w = scenarioWarnings(spoiler);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ path: 'summary' });
    expect(w[0]!.message).toMatch(/'worker' together with 'drains' and 'queue' and 'slowly'/);
    // Describing the system around the node gives nothing away; neither do the category's words
    // in a sentence about another node.
    const fine = scenario((j) => {
      j.briefing = 'The `worker` service sends SMS.\n\nThe queue drains slowly on Mondays.';
    });
    expect(scenarioWarnings(fine)).toEqual([]);
  });

  it('an alert whose for outlasts the scenario can never fire', () => {
    const w = scenarioWarnings(
      scenario((json) => {
        json.alerts = [
          { name: 'Late', expr: 'error_ratio{node="api"} > 0.1', for: '10m', severity: 'P1' },
          { name: 'OnTime', expr: 'error_ratio{node="api"} > 0.1', for: '9m', severity: 'P1' },
        ];
      }),
    ).filter((x) => x.path.startsWith('alerting'));
    expect(w).toEqual([
      {
        path: 'alerting.groups[0].rules[0].for',
        message:
          "'Late' must hold for 10m before it fires, but the scenario lasts 10m: it can never fire; shorten its for or lengthen the scenario",
      },
    ]);
  });

  it('no built-in scenario has a warning', () => {
    for (const f of BUILTIN_FILES) expect(scenarioWarnings(loadBuiltin(f)), f).toEqual([]);
  });

  it('never throws on generated topologies', () => {
    const s = makeScenario({ nodes: [{ id: 'a', kind: 'service' }], edges: [] });
    expect(() => scenarioWarnings(s)).not.toThrow();
  });
});
