/**
 * Defaults visible (issue 18 item 3): every value the parser or the engine fills in for a field an
 * author left out is the default the JSON Schema and the generated reference show.
 */
import { describe, expect, it } from 'vitest';
import { compileRoute } from '../alerting/alertmanager/routes';
import { scenarioAlerts } from '../alerting/rules';
import { BUILTIN_FILES, readBuiltinJson } from '../test-support/builtin-run';
import { DEFAULTS, OMITTED_KEYWORD, durationText } from './defaults';
import { TEAMS, teamSettings } from './escalation';
import { buildJsonSchema } from './json-schema';
import { referenceMarkdown } from './reference';
import { parseDuration } from './duration';
import { scenarioSchema } from './schema';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every optional object given empty, so the parser fills in all of its defaults. */
const everything: Json = {
  schemaVersion: 2,
  id: 'defaults',
  title: 'Defaults',
  difficulty: 'beginner',
  duration: '10m',
  nodes: [
    { id: 'users', kind: 'client', stages: [{ duration: '1m', target: 10 }], resend: {} },
    { id: 'lb', kind: 'loadbalancer', routing: {} },
    {
      id: 'api',
      kind: 'service',
      sidecar: {},
      autoscaler: { metric: 'cpu', target: 0.6 },
      livenessProbe: {},
      readinessProbe: {},
      disk: {},
    },
    { id: 'db', kind: 'database', disk: {} },
    { id: 'cache', kind: 'cache', keyspace: {} },
    { id: 'q', kind: 'queue' },
    { id: 'dns', kind: 'dns' },
    { id: 'ext', kind: 'external' },
  ],
  edges: [{ from: 'users', to: 'lb', circuitBreaker: {} }],
  faults: [{ at: '1m', target: 'api', type: 'latency' }],
  alerting: {
    groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', labels: { severity: 'P1' } }] }],
    route: { routes: [{}] },
    inhibit_rules: [{ source_matchers: ['a="b"'], target_matchers: ['c="d"'] }],
    silences: [{ matchers: ['a="b"'], endsAt: '5m', comment: 'x' }],
  },
  actions: [{ type: 'restart', target: 'api' }],
  rootCause: { node: 'api', category: 'x' },
  objectives: { slos: [{ metric: 'error_ratio', node: 'api', max: 0.01 }] },
  hints: [{ text: 'h' }],
  solution: [{ at: 0, kind: 'acknowledge' }],
  postmortem: {},
  communication: {
    stakeholders: [{ id: 's', name: 'S' }],
    messages: [{ from: 's', text: 't', when: { metric: 'error_ratio', node: 'api', value: 1 } }],
    deploys: [{ node: 'api', author: 'a', message: 'm' }],
    escalation: { database: {}, network: {}, platform: {}, vendor: {} },
  },
  runbooks: [{ id: 'r', title: 'R', markdown: 'b' }],
  panels: [{ title: 'P', queries: [{ expr: 'up' }], thresholds: [{ value: 1 }] }],
};

/** The published schema of `value` inside `schema`: a node's option by its kind, list items, map values. */
function option(schema: Json, value: unknown): Json {
  const options = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (!options || !isObject(value)) return schema;
  return (
    options.find((o) => {
      const kind = (o.properties as Record<string, Json> | undefined)?.kind?.const;
      return kind !== undefined && kind === value.kind;
    }) ?? schema
  );
}

/**
 * Every value present in `parsed` but absent from `raw`, with the published schema at its path:
 * what the parser filled in, and what an author reading the schema is told.
 */
function filledIn(schema: Json, raw: unknown, parsed: unknown, path: string, out: [string, unknown, Json][]) {
  const s = option(schema, raw);
  if (Array.isArray(parsed) && Array.isArray(raw)) {
    parsed.forEach((p, i) => filledIn((s.items ?? {}) as Json, raw[i], p, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(parsed) || !isObject(raw)) return;
  const props = (s.properties ?? {}) as Record<string, Json>;
  for (const [key, value] of Object.entries(parsed)) {
    const member = props[key] ?? (isObject(s.additionalProperties) ? s.additionalProperties : undefined);
    if (!member) continue;
    if (raw[key] === undefined) out.push([`${path}.${key}`, value, member]);
    else filledIn(member, raw[key], value, `${path}.${key}`, out);
  }
}

const published = buildJsonSchema() as Json;

describe('scenario defaults', () => {
  const sources: [string, Json][] = [
    ['every optional section', everything],
    ...BUILTIN_FILES.map((f): [string, Json] => [f, readBuiltinJson(f)]),
  ];

  it.each(sources)('what the parser fills in is the published default (%s)', (_, raw) => {
    const parsed = scenarioSchema.safeParse(raw);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    const out: [string, unknown, Json][] = [];
    filledIn(published, raw, parsed.data, '$', out);
    expect(out.length).toBeGreaterThan(0);
    const wrong = out
      .filter(([, value, member]) => JSON.stringify(member.default) !== JSON.stringify(value))
      .map(
        ([path, value, member]) =>
          `${path}: parsed ${JSON.stringify(value)}, schema ${JSON.stringify(member.default)}`,
      );
    expect(wrong).toEqual([]);
  });

  it('the issue’s hidden defaults are published with their values', () => {
    const service = (
      (published.properties as Record<string, Json>).nodes!.items as { oneOf: Json[] }
    ).oneOf.find((o) => (o.properties as Record<string, Json>).kind!.const === 'service')!;
    const serviceProps = service.properties as Record<string, Json>;
    expect(serviceProps.serviceTime!.default).toBe(0.02);
    expect(serviceProps.cpuPerRequest!.default).toBe(0.01);
    expect(serviceProps.coldStart!.default).toBe(30);
    const edge = ((published.properties as Record<string, Json>).edges!.items as Json).properties as Record<
      string,
      Json
    >;
    expect(edge.timeout!.default).toBe(30);
    expect(edge.backoff!.default).toBe(0.1);
  });

  // The engine's own fallbacks for fields left out (not filled in by the parser).
  const alerting = (published.properties as Record<string, Json>).alerting!;
  const route = (alerting.properties as Record<string, Json>).route!;
  const routeProps = route.properties as Record<string, Json>;

  it("the engine's route timers are the published root defaults, and children inherit them", () => {
    const compiled = compileRoute({ receiver: 'page', matchers: [], routes: [{ matchers: [] }] });
    expect(compiled.groupWait).toBe(routeProps.group_wait!.default);
    expect(compiled.groupInterval).toBe(routeProps.group_interval!.default);
    expect(compiled.repeatInterval).toBe(routeProps.repeat_interval!.default);
    expect(compiled.routes[0]!.groupWait).toBe(compiled.groupWait);
    const child = ((routeProps.routes!.items as Json).properties as Record<string, Json>).group_wait!;
    expect(child[OMITTED_KEYWORD]).toBe("the root route's");
  });

  it("the engine's keep_firing_for is the published default", () => {
    const parsed = scenarioSchema.parse(everything);
    const rule = (
      (
        ((alerting.properties as Record<string, Json>).groups!.items as Json).properties as Record<
          string,
          Json
        >
      ).rules!.items as Json
    ).properties as Record<string, Json>;
    expect(scenarioAlerts(parsed)[0]!.keepFiringFor).toBe(rule.keep_firing_for!.default);
  });

  it("a team's delays left out are the published per-team defaults", () => {
    const communication = (published.properties as Record<string, Json>).communication!;
    const escalation = (communication.properties as Record<string, Json>).escalation!;
    for (const team of TEAMS) {
      const fields = ((escalation.properties as Record<string, Json>)[team]!.properties ?? {}) as Record<
        string,
        Json
      >;
      const settings = teamSettings(undefined, team);
      expect(settings.joinAfter).toBe(fields.joinAfter!.default);
      expect(settings.actAfter).toBe(fields.actAfter!.default);
      expect(settings.name).toBe(fields.name!.default);
    }
  });

  it('the reference shows a default for every field but free text and either-or fields', () => {
    // Fields whose absence means nothing to the engine (text) or that one of their siblings replaces.
    const noDefault = new Set([
      '$schema',
      'basedOn',
      'id', // a fault's optional name
      'note',
      'description',
      'runbook_url',
      'pr',
      'label', // a threshold's text
      // a solution step: which apply depends on its kind
      'type',
      'target',
      'category',
      'params',
      // a message: exactly one of these triggers it
      'at',
      'when',
      'silence',
    ]);
    const rows = referenceMarkdown()
      .split('\n')
      .map((line) => /^\| `([^`]+)` \| (.*?) \| (.*?) \| /.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && m[3] === '—')
      .map((m) => m[1]!);
    expect(rows.filter((name) => !noDefault.has(name))).toEqual([]);
  });

  it('the reference shows duration defaults with their unit', () => {
    const md = referenceMarkdown();
    const row = (name: string) => md.split('\n').filter((l) => l.startsWith(`| \`${name}\` |`));
    expect(row('serviceTime')[0]).toContain('| `20ms` |');
    expect(row('cpuPerRequest').some((l) => l.includes('| `10ms` |'))).toBe(true);
    expect(row('coldStart')[0]).toContain('| `30s` |');
    expect(row('backoff')[0]).toContain('| `100ms` |');
    expect(row('for')[0]).toContain('| `0s` |');
    expect(row('repeat_interval')[0]).toContain('| `4h` |');
  });
});

describe('durationText', () => {
  it.each([
    [0, '0s'],
    [0.02, '20ms'],
    [0.1, '100ms'],
    [1.5, '1.5s'],
    [30, '30s'],
    [90, '1m30s'],
    [300, '5m'],
    [4 * 3600, '4h'],
    [0.0005, '0.0005s'],
  ])('%s s reads %s and parses back', (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
    expect(parseDuration(text)).toBeCloseTo(seconds, 9);
  });

  it('covers every duration default', () => {
    const walk = (v: unknown): number[] =>
      typeof v === 'number' ? [v] : isObject(v) ? Object.values(v).flatMap(walk) : [];
    for (const seconds of walk(DEFAULTS))
      expect(parseDuration(durationText(seconds))).toBeCloseTo(seconds, 9);
  });
});
