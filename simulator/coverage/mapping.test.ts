import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../test-support/builtin-run';
import { checkScenarioAlerts } from './check-scenario';
import { applyMapping, parseMapping } from './mapping';
import { parseRuleFile, type RuleGroup } from './rule-file';
import type { PromSource } from '../prom/types';

const fixture = (name: string) =>
  readFileSync(new URL(`../../cli/fixtures/alerts/${name}`, import.meta.url), 'utf8');

function groupsOf(text: string): readonly RuleGroup[] {
  const r = parseRuleFile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.groups;
}

describe('name mapping', () => {
  it('parses YAML or JSON and refuses bad names with their path', () => {
    expect(
      parseMapping('{"metrics": {"a_total": "http_requests_total"}, "labels": {"app": "service"}}'),
    ).toEqual({
      ok: true,
      mapping: { metrics: { a_total: 'http_requests_total' }, labels: { app: 'service' } },
    });
    const bad = parseMapping(
      'metrics:\n  "bad name": x\n  ok: 3\nlabels:\n  a: service\n  b: service\nother: 1\n',
    );
    expect(bad).toEqual({
      ok: false,
      errors: [
        { path: 'metrics.bad name', message: '"bad name" is not a valid metrics name' },
        { path: 'metrics.ok', message: 'must be one of our metrics names (got 3)' },
        { path: 'labels.b', message: 'two of your labels map to our "service"' },
        { path: 'other', message: 'unknown field "other" (a mapping has metrics and labels)' },
      ],
    });
  });

  it('renames labels on every series and adds their metric names, histogram series included', () => {
    const series = (labels: Record<string, string>) => ({
      labels,
      timestamps: Float64Array.of(0),
      values: Float64Array.of(1),
    });
    const source: PromSource = {
      series: () => [
        series({ __name__: 'http_requests_total', service: 'api', code: '500' }),
        series({ __name__: 'http_request_duration_seconds_bucket', service: 'api', le: '0.1' }),
        series({ __name__: 'redis_memory_used_bytes', instance: 'r:6379' }),
      ],
    };
    const mapped = applyMapping(source, {
      metrics: {
        reqs: 'http_requests_total',
        latency_seconds: 'http_request_duration_seconds',
        // Theirs: a histogram whose _count carries the code, which our http_requests_total has.
        latency_seconds_count: 'http_requests_total',
      },
      labels: { app: 'service', status: 'code' },
    });
    expect(mapped.series().map((s) => s.labels)).toEqual([
      { __name__: 'http_requests_total', app: 'api', status: '500' },
      { __name__: 'reqs', app: 'api', status: '500' },
      { __name__: 'latency_seconds_count', app: 'api', status: '500' },
      { __name__: 'http_request_duration_seconds_bucket', app: 'api', le: '0.1' },
      { __name__: 'latency_seconds_bucket', app: 'api', le: '0.1' },
      { __name__: 'redis_memory_used_bytes', instance: 'r:6379' },
    ]);
  });

  it('gives a team-named rule file with its mapping the same alerts as the same rules in our names', () => {
    const scenario = loadBuiltin('redis-queue-fills.json');
    const mapping = parseMapping(fixture('team-names-mapping.yml'));
    if (!mapping.ok) throw new Error(JSON.stringify(mapping.errors));
    const team = fixture('team-names-rules.yml');
    // The same file translated by hand into our names.
    const ours = team
      .replaceAll('http_server_requests_seconds_count', 'http_requests_total')
      .replaceAll('http_server_requests_seconds_bucket', 'http_request_duration_seconds_bucket')
      .replaceAll('redis_list_length', 'redis_key_size')
      .replace(/\bapp\b/g, 'service')
      .replace(/\bstatus\b/g, 'code');
    const options = { withSolution: false };
    const mapped = checkScenarioAlerts(scenario, groupsOf(team), { ...options, mapping: mapping.mapping });
    const direct = checkScenarioAlerts(scenario, groupsOf(ours), options);
    const timing = (r: typeof mapped) => r.fired.map((f) => [f.alert, f.firstFiring, f.firings, f.page]);
    expect(timing(mapped)).toEqual(timing(direct));
    expect(mapped.fired.length).toBeGreaterThan(0);
    expect(mapped.outcome).toBe(direct.outcome);
    // Their alerts carry their label names.
    expect(mapped.fired.find((f) => f.alert === 'CheckoutErrorRate')?.labels).toEqual({
      alertname: 'CheckoutErrorRate',
      app: 'checkout',
      severity: 'page',
    });

    // Without the mapping, nothing matches and each rule says which name to map.
    const unmapped = checkScenarioAlerts(scenario, groupsOf(team), options);
    expect(unmapped.fired).toEqual([]);
    expect(unmapped.neverFired.map((n) => n.reason)).toEqual([
      'no series named http_server_requests_seconds_count (map it with a name mapping, --map)',
      'no series named http_server_requests_seconds_bucket (map it with a name mapping, --map)',
      'no series named redis_list_length (map it with a name mapping, --map)',
    ]);
  });
});
