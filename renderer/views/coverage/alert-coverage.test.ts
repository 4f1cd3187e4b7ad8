import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from '../../../simulator/test-support/builtin-run';
import { checkCoverage } from './alert-coverage';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../cli/fixtures/alerts/${name}`, import.meta.url)), 'utf8');

describe('checkCoverage', () => {
  const scenario = loadBuiltin('thread-exhaustion.json');

  it("defaults to the scenario's own rules and reports what paged, when, and against the SLO", () => {
    const reply = checkCoverage({ scenario });
    if (!reply.ok) throw new Error(JSON.stringify(reply.problems));
    expect(reply.source).toBe("the scenario's own rules");
    expect(reply.rules).toBe(scenario.alerting.groups.flatMap((g) => g.rules).length);
    expect(reply.coverage.firstPage).not.toBeNull();
    expect(reply.coverage.firstPage!.at).toBeGreaterThan(reply.coverage.onset);
    expect(reply.coverage.verdict).toMatch(/^(caught|missed)/);
  });

  it("checks a team's rule file with its own names through a mapping, named in the report", () => {
    const redis = loadBuiltin('redis-queue-fills.json');
    const rules = { name: 'team-rules.yml', text: fixture('team-names-rules.yml') };
    const unmapped = checkCoverage({ scenario: redis, rules });
    const mapped = checkCoverage({
      scenario: redis,
      rules,
      mapping: { name: 'map.yml', text: fixture('team-names-mapping.yml') },
    });
    if (!unmapped.ok || !mapped.ok) throw new Error('the fixtures should parse');
    expect(mapped.source).toBe('team-rules.yml');
    // Without the mapping their names match nothing; with it checkout's error rate pages.
    expect(unmapped.coverage.fired.map((f) => f.alert)).not.toContain('CheckoutErrorRate');
    expect(mapped.coverage.fired.map((f) => f.alert)).toContain('CheckoutErrorRate');
    expect(mapped.coverage.fired.length + mapped.coverage.neverFired.length).toBe(mapped.rules);
  });

  it('lists the problems of a bad rule file and a bad mapping with their paths, and plays nothing', () => {
    const reply = checkCoverage({
      scenario,
      rules: {
        name: 'rules.yml',
        text: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x[5m]\n',
      },
      mapping: { name: 'map.yml', text: 'metrics: [1, 2]\n' },
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.problems.map((p) => p.file)).toEqual(['rules.yml', 'map.yml']);
    expect(reply.problems[0]!.path).toBe('groups[0].rules[0].expr');
    expect(reply.problems[0]!.line).toBe(5);
  });

  it('refuses a file with no alerting rule rather than reporting an empty success', () => {
    const reply = checkCoverage({
      scenario,
      rules: {
        name: 'rec.yml',
        text: 'groups:\n  - name: g\n    rules:\n      - record: job:x:rate5m\n        expr: rate(http_requests_total[5m])\n',
      },
    });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.problems[0]!.message).toMatch(/no alerting rules/);
  });
});
