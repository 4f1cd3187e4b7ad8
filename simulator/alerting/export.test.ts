/**
 * The exported rule files against real Prometheus: `promtool check rules` accepts every
 * built-in's export, and `promtool test rules` with `alert_rule_test` expectations taken from our
 * rule evaluation (the same as the engine's, engine.test.ts checks) agrees on two built-ins'
 * firing alerts every minute of their run. Skipped without promtool unless CI or
 * REQUIRE_PROMTOOL is set, as the other promtool tests are.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PromAccumulator } from '../prom/accumulate';
import { parsePromQL } from '../prom/parse';
import { promtoolTestFile } from '../prom/promtool-file';
import { metricNames } from '../prom/selectors';
import { BUILTIN_FILES, loadBuiltin, runBuiltin } from '../test-support/builtin-run';
import { SCRAPE_SECONDS } from './engine';
import { prometheusRuleFile, promDuration } from './export';
import { scenarioAlerts } from './rules';

const hasPromtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
const inCI = Boolean(process.env.CI) || Boolean(process.env.REQUIRE_PROMTOOL);
const SKIP_REASON =
  'promtool is not installed (apt-get install -y prometheus); neither CI nor REQUIRE_PROMTOOL is set';
if (!hasPromtool && !inCI) console.warn(`\n*** SKIPPED promtool rule-file tests: ${SKIP_REASON} ***\n`);

function inTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'outage-lab-rules-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('alerts export', () => {
  it('writes Prometheus durations', () => {
    expect([0, 15, 60, 90, 3600 + 61, 0.25].map(promDuration)).toEqual([
      '0s',
      '15s',
      '1m',
      '1m30s',
      '1h1m1s',
      '250ms',
    ]);
  });

  it.each(BUILTIN_FILES)('%s: the export holds every rule with its fields', (file) => {
    const scenario = loadBuiltin(file);
    const parsed = parse(prometheusRuleFile(scenario)) as { groups: { rules: Record<string, unknown>[] }[] };
    const rules = parsed.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(scenarioAlerts(scenario).map((a) => a.name));
    for (const [i, a] of scenarioAlerts(scenario).entries()) {
      expect(rules[i]).toMatchObject({ expr: a.expr, labels: { severity: a.severity } });
      if (a.for > 0) expect(rules[i]!.for).toBe(promDuration(a.for));
    }
  });

  it.skipIf(!hasPromtool && !inCI)(
    `promtool check rules accepts every built-in's export (skips only when ${SKIP_REASON})`,
    () => {
      expect(hasPromtool, 'promtool must be installed when CI is set').toBe(true);
      inTempDir((dir) => {
        const paths = BUILTIN_FILES.map((file) => {
          const path = join(dir, file.replace(/\.json$/, '.rules.yml'));
          writeFileSync(path, prometheusRuleFile(loadBuiltin(file)));
          return path;
        });
        const result = spawnSync('promtool', ['check', 'rules', ...paths], { encoding: 'utf8' });
        expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
        const rules = BUILTIN_FILES.reduce((n, f) => n + scenarioAlerts(loadBuiltin(f)).length, 0);
        const found = [...result.stdout.matchAll(/SUCCESS: (\d+) rules found/g)].reduce(
          (n, m) => n + Number(m[1]),
          0,
        );
        expect(found).toBe(rules);
      });
    },
  );

  it.skipIf(!hasPromtool && !inCI).each(['thread-exhaustion.json', 'log-shipper-floods-dns.json'])(
    `%s: promtool's alert_rule_test agrees with our firing alerts every minute (skips only when ${SKIP_REASON})`,
    (file) => {
      expect(hasPromtool, 'promtool must be installed when CI is set').toBe(true);
      const minutes = 30;
      const { scenario, sim } = runBuiltin(file, minutes * 60);
      const alerts = scenarioAlerts(scenario);
      // Only the series the rules read, scraped as the engine scrapes them.
      const names = new Set<string>();
      for (const a of alerts) {
        const p = parsePromQL(a.expr);
        if (p.ok) for (const n of metricNames(p.expr) ?? []) names.add(n);
      }
      const store = sim.metrics;
      const view = new PromAccumulator(
        { series: store.series, tickSeconds: sim.tickSeconds, value: (i, t) => store.at(i, t) },
        scenario.nodes,
        { scrapeSeconds: SCRAPE_SECONDS, names },
      );
      view.advanceTo(store.firstTick + store.length - 1);
      const evalTimesMs = Array.from({ length: minutes - 1 }, (_, k) => (k + 1) * 60_000);
      const test = promtoolTestFile(view, SCRAPE_SECONDS * 1000, [], {
        rules: alerts.map((a) => ({ alert: a.name, expr: a.expr, forMs: a.for * 1000, labels: a.labels })),
        evaluationIntervalMs: alerts[0]!.interval * 1000,
        evalTimesMs,
        rulesFile: 'rules.yml',
      });
      expect(test.errors).toEqual([]);
      // Not only empty expectations: some of the scenario's alerts fire during the run.
      expect((test.yaml.match(/exp_labels/g) ?? []).length).toBeGreaterThan(10);
      inTempDir((dir) => {
        writeFileSync(join(dir, 'alerts.test.yml'), test.yaml);
        writeFileSync(join(dir, 'rules.yml'), test.rulesYaml ?? '');
        const result = spawnSync('promtool', ['test', 'rules', join(dir, 'alerts.test.yml')], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
        const output = `${result.stdout}\n${result.stderr}`;
        expect({ status: result.status, output: result.status === 0 ? '' : output.slice(0, 10_000) }).toEqual(
          {
            status: 0,
            output: '',
          },
        );
      });
    },
  );
});
