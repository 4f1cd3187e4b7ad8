import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMapping } from './mapping';
import { parseRuleFile, selectedMetricNames } from './rule-file';
import { parsePromQL } from '../prom/parse';

const fixture = (name: string) =>
  readFileSync(new URL(`../../cli/fixtures/alerts/${name}`, import.meta.url), 'utf8');

function errorsOf(text: string) {
  const r = parseRuleFile(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('rule files', () => {
  it('reads the kube-prometheus-style fixture: groups, intervals, alerting and recording rules', () => {
    const r = parseRuleFile(fixture('kube-prometheus-rules.yml'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.groups.map((g) => [g.name, g.intervalMs, g.rules.length])).toEqual([
      ['kubernetes-apps', undefined, 2],
      ['kubernetes-resources', undefined, 1],
      ['http-slo', 30_000, 4],
      ['redis', undefined, 2],
      ['postgres', undefined, 1],
      ['coredns', undefined, 1],
    ]);
    const burn = r.groups[2]!.rules[2]!;
    expect(burn).toMatchObject({
      kind: 'alert',
      name: 'HTTPErrorBudgetBurn',
      path: 'groups[2].rules[2]',
      forMs: 120_000,
      keepFiringForMs: 0,
      labels: { severity: 'critical' },
    });
    expect(r.groups[2]!.rules[0]).toMatchObject({
      kind: 'record',
      name: 'service:http_requests:error_ratio_rate5m',
    });
  });

  it('accepts a PrometheusRule object and keep_firing_for', () => {
    const r = parseRuleFile(`apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: team}
spec:
  groups:
    - name: g
      rules:
        - alert: A
          expr: up == 0
          for: 1m30s
          keep_firing_for: 10m
`);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.groups[0]!.rules[0]).toMatchObject({ forMs: 90_000, keepFiringForMs: 600_000 });
  });

  it('reports each problem with its YAML path and line, never throws', () => {
    const errors = errorsOf(`groups:
  - name: g
    interval: often
    rules:
      - alert: A
        expr: sum(rate(x[5m]) by (job)
      - alert: B
        record: b
        expr: x
      - alert: C
        expr: x > 1
        for: soon
        severity: page
      - record: not a name
        expr: x
      - alert: D
        labels: {severity: [page]}
  - name: g
    rules: []
`);
    expect(errors.map((e) => `${e.line}: ${e.path}: ${e.message}`)).toEqual([
      '3: groups[0].interval: must be a duration such as 30s or 1m (got "often")',
      expect.stringMatching(
        /^6: groups\[0\]\.rules\[0\]\.expr: parse error at column 17: unexpected "by \(job\)"$/,
      ),
      '7: groups[0].rules[1]: a rule has either alert or record, not both',
      '13: groups[0].rules[2].severity: unknown field "severity"',
      '12: groups[0].rules[2].for: must be a duration such as 5m (got "soon")',
      '14: groups[0].rules[3].record: "not a name" is not a valid metric name',
      '16: groups[0].rules[4].expr: a rule needs an expression',
      '17: groups[0].rules[4].labels.severity: must be a string',
      '18: groups[1].name: group name "g" is repeated',
    ]);
  });

  it('reports a YAML syntax error with its line, and a file that is not a rule file', () => {
    expect(errorsOf('groups:\n  - name: g\n    rules: [\n')[0]).toMatchObject({
      path: '',
      line: expect.any(Number),
    });
    expect(errorsOf('- just a list')).toEqual([
      { path: '', message: 'a rule file must be a mapping with "groups:"' },
    ]);
    expect(errorsOf('groups: 3\nalerts: []')).toEqual([
      { path: 'alerts', line: 2, message: 'unknown field "alerts" (a rule file has only "groups")' },
      { path: 'groups', line: 1, message: 'must be a list of rule groups' },
    ]);
    expect(
      errorsOf('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x[5m]\n')[0],
    ).toMatchObject({
      path: 'groups[0].rules[0].expr',
      message: 'must give an instant vector or a scalar, not a range vector',
    });
  });

  it('lists the metric names an expression selects', () => {
    const p = parsePromQL('sum(rate(a{x="1"}[5m])) / on() group_left b + {__name__="c"} + {__name__=~"d.*"}');
    if (!p.ok) throw new Error(p.error);
    expect(selectedMetricNames(p.expr)).toEqual(['a', 'b', 'c']);
  });

  it('never throws, and every refusal says where, on mangled rule files and mappings', () => {
    const files = [
      fixture('kube-prometheus-rules.yml'),
      fixture('team-names-rules.yml'),
      fixture('team-names-mapping.yml'),
    ];
    // Mutations: cut the text, splice in a random string, or swap two lines.
    const mangled = fc
      .tuple(fc.constantFrom(...files), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }), fc.boolean())
      .map(([text, a, b, insert, swap]) => {
        const lines = text.split('\n');
        if (swap) {
          const i = a % lines.length;
          const j = b % lines.length;
          [lines[i], lines[j]] = [lines[j]!, lines[i]!];
          return lines.join('\n');
        }
        const at = a % (text.length + 1);
        return text.slice(0, at) + insert + text.slice(at + (b % 20));
      });
    fc.assert(
      fc.property(fc.oneof(mangled, fc.string()), (text) => {
        const rules = parseRuleFile(text);
        if (!rules.ok) for (const e of rules.errors) expect(e.message).not.toBe('');
        const mapping = parseMapping(text);
        if (!mapping.ok) for (const e of mapping.errors) expect(e.message).not.toBe('');
      }),
      { numRuns: 300, seed: 16 },
    );
    // An alias bomb is refused with a sentence, not thrown.
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\ngroups: [*c]\n';
    expect(parseRuleFile(bomb)).toEqual({
      ok: false,
      errors: [{ path: '', message: expect.stringMatching(/^YAML: Excessive alias count/) }],
    });
  });
});
