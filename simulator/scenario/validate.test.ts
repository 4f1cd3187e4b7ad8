import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from './schema';
import { formatErrors, parseScenarioText, validateScenario, type ScenarioError } from './validate';
import { closest, levenshtein } from './suggest';

/** A small valid scenario: users -> api -> payments -> db, a queue, a dns. */
/** Written as version 1 (alerts in the old shape): validation migrates it, as it does old files. */
function base(): Record<string, unknown> & Omit<ScenarioInput, 'schemaVersion'> & { schemaVersion: number } {
  return {
    schemaVersion: 1,
    id: 'test',
    title: 'Test',
    difficulty: 'beginner',
    duration: '10m',
    nodes: [
      { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 100 }] },
      { id: 'api', kind: 'service' },
      { id: 'payments', kind: 'service' },
      { id: 'db', kind: 'database' },
      { id: 'jobs', kind: 'queue', consumers: ['worker'] },
      { id: 'worker', kind: 'service' },
      { id: 'coredns', kind: 'dns' },
    ],
    edges: [
      { from: 'users', to: 'api' },
      { from: 'api', to: 'payments', dns: 'coredns' },
      { from: 'payments', to: 'db' },
      { from: 'api', to: 'jobs', mode: 'async' },
    ],
    faults: [{ at: '2m', target: 'db', type: 'slow-queries', params: { count: 20 } }],
    alerts: [{ name: 'ApiErrors', expr: 'error_ratio{node="api"} > 0.05', severity: 'P1' }],
    actions: [
      { type: 'kill-queries', target: 'db', effect: 'fixes' },
      { type: 'restart', target: 'api', effect: 'harmful' },
      { type: 'set-timeout', target: 'api->payments', params: { seconds: 2 }, effect: 'helps' },
    ],
    rootCause: { node: 'db', category: 'database', categories: ['database', 'network'] },
    objectives: { slos: [{ node: 'api', metric: 'error_ratio', max: 0.01 }] },
    solution: [
      { at: '3m', kind: 'acknowledge' },
      { at: '4m', kind: 'declare', target: 'db', category: 'database' },
      { at: '5m', kind: 'action', type: 'kill-queries', target: 'db' },
    ],
  };
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function errorsOf(mutate: (s: Mutable) => void): ScenarioError[] {
  const scenario = base() as Mutable;
  mutate(scenario);
  const result = validateScenario(scenario);
  if (result.ok) return [];
  return [...result.errors];
}

function expectError(mutate: (s: Mutable) => void, path: string, message: string | RegExp): void {
  const errors = errorsOf(mutate);
  const match = errors.find(
    (e) => e.path === path && (typeof message === 'string' ? e.message === message : message.test(e.message)),
  );
  expect(match, `expected ${path}: ${String(message)}\ngot:\n${formatErrors(errors)}`).toBeDefined();
}

describe('validateScenario: a valid scenario', () => {
  it('accepts it and returns the parsed scenario with durations in seconds and defaults filled', () => {
    const result = validateScenario(base());
    if (!result.ok) throw new Error(formatErrors(result.errors));
    expect(result.scenario.duration).toBe(600);
    expect(result.scenario.faults[0]?.at).toBe(120);
    const api = result.scenario.nodes.find((n) => n.id === 'api');
    expect(api?.kind === 'service' && api.replicas).toBe(2);
  });
});

describe('validateScenario: structure errors read as sentences', () => {
  it('names the valid kinds for an unknown kind, with a suggestion', () => {
    expectError(
      (s) => (s.nodes[1].kind = 'servce'),
      'nodes[1].kind',
      "node 'api': unknown kind 'servce' (did you mean 'service'?); valid kinds are client, loadbalancer, service, database, cache, queue, dns, external",
    );
  });
  it('reports a missing kind', () => {
    expectError(
      (s) => delete s.nodes[1].kind,
      'nodes[1].kind',
      /^node 'api' has no kind; give one of: client/,
    );
  });
  it('names the node in errors about its fields', () => {
    expectError(
      (s) => (s.nodes[1].replicas = 2.5),
      'nodes[1].replicas',
      "service 'api': must be a whole number, got 2.5",
    );
  });
  it('reports unknown fields with a suggestion', () => {
    expectError(
      (s) => (s.edges[1].timout = '2s'),
      'edges[1].timout',
      /^unknown field 'timout' \(did you mean 'timeout'\?\)/,
    );
  });
  it('explains bad durations', () => {
    expectError(
      (s) => (s.duration = '10 minutes'),
      'duration',
      `must be a duration such as "90s", "5m" or "1h", got the text '10 minutes'`,
    );
    expectError(
      (s) => (s.edges[1].timeout = true),
      'edges[1].timeout',
      'must be a number or a text string, got true',
    );
  });
  it('reports missing required fields', () => {
    expectError((s) => delete s.title, 'title', 'this field is required but missing');
  });
  it('lists enum options', () => {
    expectError(
      (s) => (s.difficulty = 'easy'),
      'difficulty',
      "must be one of 'beginner', 'intermediate', 'advanced'; got the text 'easy'",
    );
  });
  it('reports the wrong schema version', () => {
    expectError((s) => (s.schemaVersion = 3), 'schemaVersion', 'must be 2, got 3');
  });
  it('reports a non-object file', () => {
    const result = validateScenario([1, 2]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('');
  });
  it('reports every error at once, structural and semantic together', () => {
    const errors = errorsOf((s) => {
      s.nodes[1].replicas = -1;
      s.edges[0].to = 'apj';
      s.difficulty = 'hard';
    });
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['nodes[1].replicas', 'edges[0].to', 'difficulty']),
    );
  });
});

describe('validateScenario: meaning', () => {
  it('duplicate node ids', () => {
    expectError(
      (s) => s.nodes.push({ id: 'api', kind: 'service' }),
      'nodes[7].id',
      "duplicate node id 'api' (already used by nodes[1])",
    );
  });
  it('unknown node in an edge, with did-you-mean', () => {
    expectError(
      (s) => (s.edges[1].to = 'paymnets'),
      'edges[1].to',
      "no node named 'paymnets' (did you mean 'payments'?)",
    );
    expectError((s) => (s.edges[1].from = 'nope'), 'edges[1].from', "no node named 'nope'");
  });
  it('edge.dns must be a dns node', () => {
    expectError(
      (s) => (s.edges[1].dns = 'db'),
      'edges[1].dns',
      "'db' is a database, but edge.dns must be a dns node",
    );
    expectError(
      (s) => (s.edges[1].dns = 'cordns'),
      'edges[1].dns',
      "no node named 'cordns' (did you mean 'coredns'?)",
    );
  });
  it('queue consumers must be services that exist', () => {
    expectError(
      (s) => (s.nodes[4].consumers = ['wroker']),
      'nodes[4].consumers[0]',
      "no node named 'wroker' (did you mean 'worker'?)",
    );
    expectError(
      (s) => (s.nodes[4].consumers = ['db']),
      'nodes[4].consumers[0]',
      "'db' is a database, but a queue consumer must be a service node",
    );
  });
  it('a client must call something', () => {
    expectError(
      (s) => s.edges.shift(),
      'nodes[0]',
      "client 'users' sends its traffic nowhere: add an edge from 'users' to the node it calls",
    );
  });
  it('edges that make no sense', () => {
    expectError(
      (s) => s.edges.push({ from: 'api', to: 'api' }),
      'edges[4]',
      "'api' calls itself; an edge needs two different nodes",
    );
    expectError(
      (s) => s.edges.push({ from: 'api', to: 'payments' }),
      'edges[4]',
      "duplicate edge from 'api' to 'payments' (already edges[1])",
    );
    expectError(
      (s) => s.edges.push({ from: 'api', to: 'users' }),
      'edges[4].to',
      "'users' is a client (a traffic source); nothing can call it",
    );
    expectError(
      (s) => (s.edges[2].mode = 'async'),
      'edges[2].mode',
      "async calls enqueue work, so the target must be a queue, but 'db' is a database",
    );
  });
  it('unknown fault target and fault that does not apply to the kind', () => {
    expectError(
      (s) => (s.faults[0].target = 'dbb'),
      'faults[0].target',
      "no node named 'dbb' (did you mean 'db'?)",
    );
    expectError(
      (s) => (s.faults[0].target = 'api'),
      'faults[0].target',
      "fault 'slow-queries' cannot target 'api' (a service); it applies to a database",
    );
  });
  it('edge targets "from->to" for edge faults and actions', () => {
    expectError(
      (s) => s.faults.push({ at: '1m', target: 'api->db', type: 'network-degradation' }),
      'faults[1].target',
      "there is no edge from 'api' to 'db'",
    );
    expectError(
      (s) => s.faults.push({ at: '1m', target: 'api->paymnts', type: 'network-degradation' }),
      'faults[1].target',
      "edge target 'api->paymnts': no node named 'paymnts' (did you mean 'payments'?)",
    );
    expectError(
      (s) => (s.actions[2].target = 'api'),
      'actions[2].target',
      `action 'set-timeout' cannot target 'api' (a service); it applies to an edge "from->to"`,
    );
    expectError(
      (s) => s.faults.push({ at: '1m', target: 'api->payments', type: 'crash' }),
      'faults[1].target',
      "fault 'crash' cannot target 'api->payments' (an edge); it applies to a service or a dns",
    );
  });
  it('fault and action parameters', () => {
    expectError(
      (s) => (s.faults[0].params = { cont: 3 }),
      'faults[0].params.cont',
      /^fault 'slow-queries' has no parameter 'cont' \(did you mean 'count'\?\); it takes 'count', 'cpuPerQuery', 'respawn'$/,
    );
    expectError(
      (s) => (s.faults[0].params = { count: 0 }),
      'faults[0].params.count',
      "fault 'slow-queries': 'count' must be at least 1, got 0",
    );
    expectError(
      (s) => (s.actions[2].params = {}),
      'actions[2].params',
      /^action 'set-timeout' needs the parameter 'seconds'/,
    );
  });
  it('faults outside the duration', () => {
    expectError(
      (s) => (s.faults[0].at = '12m'),
      'faults[0].at',
      'the fault starts at 12m, but the scenario ends at 10m',
    );
  });
  it('actions that do not apply to their target kind', () => {
    expectError(
      (s) => s.actions.push({ type: 'kill-queries', target: 'api' }),
      'actions[3].target',
      "action 'kill-queries' cannot target 'api' (a service); it applies to a database",
    );
    expectError(
      (s) => s.actions.push({ type: 'scale', target: 'apii' }),
      'actions[3].target',
      "no node named 'apii' (did you mean 'api'?)",
    );
  });
  it('set-autoscaler-bounds: an autoscaled service, some bounds, min <= max, whole replicas', () => {
    const withHpa = (s: Mutable) =>
      (s.nodes[5].autoscaler = { metric: 'queue_depth', target: 100, min: 2, max: 20 });
    const offer =
      (params: Record<string, unknown>, target = 'worker') =>
      (s: Mutable) => {
        withHpa(s);
        s.actions.push({ type: 'set-autoscaler-bounds', target, params });
      };
    expect(errorsOf(offer({ min: 1, max: 40 }))).toEqual([]);
    expect(errorsOf(offer({ max: 40 }))).toEqual([]);
    expectError(
      offer({ min: 1 }, 'api'),
      'actions[3].target',
      "action 'set-autoscaler-bounds' targets 'api', which has no autoscaler (nodes[1].autoscaler); offer 'scale' instead, or give it one",
    );
    expectError(
      offer({}),
      'actions[3].params',
      "action 'set-autoscaler-bounds' needs at least one of 'min', 'max', 'target'",
    );
    expectError(
      offer({ min: 30 }),
      'actions[3].params.min',
      "action 'set-autoscaler-bounds': 'min' 30 is above 'max' 20 (the autoscaler's max)",
    );
    expectError(
      offer({ min: 10, max: 5 }),
      'actions[3].params.min',
      "action 'set-autoscaler-bounds': 'min' 10 is above 'max' 5",
    );
    expectError(
      offer({ max: 2.5 }),
      'actions[3].params.max',
      "action 'set-autoscaler-bounds': 'max' must be a whole number of replicas, got 2.5",
    );
    expectError(
      offer({ target: 0 }),
      'actions[3].params.target',
      /^action 'set-autoscaler-bounds': 'target' must be at least/,
    );
    // A solution step's params override the offered action's: the merged bounds are checked.
    expectError(
      (s) => {
        offer({ min: 4 })(s);
        s.solution.push({
          at: '6m',
          kind: 'action',
          type: 'set-autoscaler-bounds',
          target: 'worker',
          params: { max: 3 },
        });
      },
      'solution[3].params.max',
      "action 'set-autoscaler-bounds': 'max' 3 is below 'min' 4",
    );
  });
  it('alert expressions that do not parse', () => {
    expectError(
      (s) => (s.alerts[0].expr = 'error_ratio{node="api"} >'),
      'alerts[0].expr',
      /^cannot parse the expression at column 26: expected a number/,
    );
  });
  it('alert expressions with unknown metrics, nodes, labels', () => {
    expectError(
      (s) => (s.alerts[0].expr = 'eror_ratio{node="api"} > 0.1'),
      'alerts[0].expr',
      "unknown metric 'eror_ratio' (did you mean 'error_ratio'?)",
    );
    expectError(
      (s) => (s.alerts[0].expr = 'error_ratio{node="apj"} > 0.1'),
      'alerts[0].expr',
      `error_ratio{node="apj"}: no node named 'apj' (did you mean 'api'?)`,
    );
    expectError(
      (s) => (s.alerts[0].expr = 'error_ratio{nod="api"} > 0.1'),
      'alerts[0].expr',
      "error_ratio: unknown label 'nod' (did you mean 'node'?); its series have the labels 'node'",
    );
  });
  it('alert metrics the labelled node kind does not record', () => {
    expectError(
      (s) => (s.alerts[0].expr = 'queue_depth{node="api"} > 100'),
      'alerts[0].expr',
      "'api' is a service, and service nodes do not record 'queue_depth' (only queue do)",
    );
    expectError(
      (s) => (s.alerts[0].expr = 'edge_error_ratio{node="api", to="db"} > 0.1'),
      'alerts[0].expr',
      "edge_error_ratio: there is no edge from 'api' to 'db'",
    );
  });
  it('pace: conditions read series the run records, ranges run from min to max', () => {
    const pace = (symptom: Mutable) => ({
      symptom,
      outage: { metric: 'error_ratio', node: 'api', value: 0.5 },
      symptomToPage: [60, 300],
      pageToOutage: [-120, 0],
      source: 'mechanism',
    });
    expect(errorsOf((s) => (s.pace = pace({ metric: 'db_slow_queries', node: 'db', value: 0 })))).toEqual([]);
    expectError(
      (s) => (s.pace = pace({ metric: 'db_slow_querys', node: 'db', value: 0 })),
      'pace.symptom.metric',
      /unknown metric 'db_slow_querys'.*db_slow_queries/,
    );
    expectError(
      (s) => (s.pace = pace({ metric: 'queue_depth', node: 'ap', value: 0 })),
      'pace.symptom.node',
      /no node named 'ap'/,
    );
    expectError(
      (s) => (s.pace = pace({ metric: 'queue_depth', node: 'api', value: 0 })),
      'pace.symptom.metric',
      /'api' is a service, and service nodes do not record 'queue_depth'/,
    );
    expectError(
      (s) =>
        (s.pace = { ...pace({ metric: 'queue_depth', node: 'jobs', value: 0 }), symptomToPage: [300, 60] }),
      'pace.symptomToPage',
      /min must not exceed max/,
    );
  });
  it('duplicate alert names', () => {
    expectError(
      (s) => s.alerts.push({ ...s.alerts[0] }),
      'alerts[1].name',
      "duplicate alert name 'ApiErrors' (already alerts[0])",
    );
  });
  it('rootCause: unknown node, category outside categories', () => {
    expectError(
      (s) => (s.rootCause.node = 'bd'),
      'rootCause.node',
      "no node named 'bd' (did you mean 'db'?)",
    );
    expectError(
      (s) => (s.rootCause.category = 'databse'),
      'rootCause.category',
      "'databse' is not one of rootCause.categories (did you mean 'database'?); the trainee could never choose it",
    );
  });
  it("rootCause.causes: the taxonomy replaces the scenario's own list", () => {
    const taxonomy = (s: Mutable) => {
      s.rootCause = { node: 'db', category: 'slow queries hold the database', causes: ['slow-queries'] };
      s.solution[1].category = 'slow-queries';
    };
    expect(errorsOf(taxonomy)).toEqual([]);
    expectError(
      (s) => {
        taxonomy(s);
        s.rootCause.causes = ['slow-queries', 'slow-querys'];
      },
      'rootCause.causes[1]',
      /slow-queries/,
    );
    expectError(
      (s) => {
        taxonomy(s);
        s.rootCause.causes = ['cpu', 'cpu'];
      },
      'rootCause.causes[1]',
      "duplicate cause 'cpu'",
    );
    expectError(
      (s) => {
        taxonomy(s);
        s.solution[1].category = 'database';
      },
      'solution[1].category',
      "'database' is not one of rootCause.causes",
    );
    expectError(
      (s) => {
        taxonomy(s);
        s.rootCause.nodes = ['apii'];
      },
      'rootCause.nodes[0]',
      "no node named 'apii' (did you mean 'api'?)",
    );
  });
  it('rootCause without causes needs at least two categories of its own', () => {
    expectError(
      (s) => (s.rootCause.categories = ['database']),
      'rootCause.causes',
      'map the root cause onto the cause taxonomy (e.g. "causes": ["dependency-slow"]), or give at least two rootCause.categories to choose from',
    );
  });
  it('objectives: unknown node, metric the kind does not record', () => {
    expectError(
      (s) => (s.objectives.slos[0].node = 'apii'),
      'objectives.slos[0].node',
      "no node named 'apii' (did you mean 'api'?)",
    );
    expectError(
      (s) => (s.objectives.slos[0].metric = 'queue_oldest_seconds'),
      'objectives.slos[0].metric',
      "'api' is a service, and service nodes do not record 'queue_oldest_seconds' (it is recorded for queue)",
    );
  });
  it('a hold time longer than the scenario', () => {
    expectError(
      (s) => (s.objectives.holdFor = '10m'),
      'objectives.holdFor',
      'the SLOs must hold for 10m, but the scenario lasts only 10m, so it can never be mitigated',
    );
  });
  it('a client whose only edge is broken gets one error, not two', () => {
    const errors = errorsOf((s) => (s.edges[0].to = 'apj'));
    expect(errors.map((e) => e.path)).toEqual(['edges[0].to']);
  });
  it('solution steps referencing unknown actions', () => {
    expectError(
      (s) => (s.solution[2].target = 'payments'),
      'solution[2]',
      "the solution uses 'kill-queries payments', which is not among the scenario's actions (offered: 'kill-queries db'); add it to actions",
    );
    expectError(
      (s) => (s.solution[1].category = 'netwrk'),
      'solution[1].category',
      "'netwrk' is not one of rootCause.categories (did you mean 'network'?)",
    );
    expectError(
      (s) => (s.solution[2].at = '11m'),
      'solution[2].at',
      'this step is taken at 11m, but the scenario ends at 10m',
    );
    expectError(
      (s) => (s.solution[2].at = '1m'),
      'solution[2].at',
      'steps must be in time order, but this one comes before the previous step',
    );
  });
  it('a solution step inherits required params from the offered action', () => {
    const result = validateScenario({
      ...base(),
      solution: [{ at: '5m', kind: 'action', type: 'set-timeout', target: 'api->payments' }],
    });
    expect(result.ok).toBe(true);
  });
});

describe('parseScenarioText', () => {
  it('gives the line and column of a JSON syntax error', () => {
    const text = '{\n  "schemaVersion": 1,\n  "id": "x",\n  "title": "t"\n  "difficulty": "beginner"\n}';
    const result = parseScenarioText(text, 'broken.json');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.message).toBe(
        "broken.json: invalid JSON at line 5, column 3: expected ',' or '}' after a value, found '\"' (a missing comma?)",
      );
    }
  });
  it('explains trailing commas and single quotes', () => {
    const trailing = parseScenarioText('{\n  "a": [1, 2,]\n}');
    expect(!trailing.ok && trailing.errors[0]?.message).toBe(
      'invalid JSON at line 2, column 14: trailing comma before ]: JSON allows none',
    );
    const single = parseScenarioText("{ 'a': 1 }");
    expect(!single.ok && single.errors[0]?.message).toMatch(/line 1, column 3: names need "double quotes"/);
  });
  it('reports an empty file and a truncated one', () => {
    const empty = parseScenarioText('  \n');
    expect(!empty.ok && empty.errors[0]?.message).toBe('the file is empty');
    const truncated = parseScenarioText('{\n  "a": {');
    expect(!truncated.ok && truncated.errors[0]?.message).toMatch(/^invalid JSON at line 2, column 9: /);
  });
  it('validates well-formed text', () => {
    const result = parseScenarioText(JSON.stringify(base(), null, 2));
    expect(result.ok).toBe(true);
  });
});

describe('never crashes', () => {
  it('returns errors, never throws, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateScenario(value);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
  it('survives random mutations of a valid scenario', () => {
    const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
      if (value && typeof value === 'object') {
        return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
      }
      return [prefix];
    };
    const all = paths(base()).filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue(), (path, replacement) => {
        const scenario = base() as Mutable;
        let parent = scenario;
        for (const key of path.slice(0, -1)) parent = parent[key as string];
        parent[path[path.length - 1] as string] = replacement;
        const result = validateScenario(scenario);
        if (!result.ok) {
          for (const e of result.errors) {
            expect(typeof e.path).toBe('string');
            expect(e.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
  it('a truncated or corrupted file gets a line and column, never a throw', () => {
    const text = JSON.stringify(base(), null, 2);
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.constantFrom('', ',', '}', '"', "'", 'x'), (cut, junk) => {
        const result = parseScenarioText(text.slice(0, cut) + junk, 'f.json');
        if (!result.ok && result.errors[0]?.message.includes('invalid JSON')) {
          expect(result.errors[0].message).toMatch(/^f\.json: invalid JSON at line \d+, column \d+: /);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('parseScenarioText never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseScenarioText(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('suggestions', () => {
  it('levenshtein', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
  it('closest suggests only likely typos', () => {
    expect(closest('paymnets', ['payments', 'checkout'])).toBe('payments');
    expect(closest('zzz', ['payments', 'checkout'])).toBeUndefined();
  });
});
