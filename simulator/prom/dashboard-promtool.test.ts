/**
 * The built-in dashboards' PromQL (dashboard-queries.ts) checked against real Prometheus: three
 * built-ins' exporter series (between them every exporter a query reads: HTTP, postgres, redis as
 * queue and as cache, CoreDNS, cAdvisor, kube-state-metrics) and our evaluator's answers to every
 * overview and node query go into a `promtool test rules` file; promtool must agree on each.
 * Skipped without promtool outside CI, like promtool.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../engine/metric-names';
import type { NodeKind } from '../scenario/node-kinds';
import { loadBuiltin } from '../test-support/builtin-run';
import { PROM_SERIES_NAMES } from './catalog';
import { dashboardQueries } from './dashboard-queries';
import { promtoolTestFile, type ExprCase } from './promtool-file';
import { sourceOf, viewSeries } from './testing';

const hasPromtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
const inCI = Boolean(process.env.CI) || Boolean(process.env.REQUIRE_PROMTOOL);
const MINUTES = 12;
const EVAL_MS = [5, 8.5, 12].map((m) => m * 60_000);

describe.each(['redis-queue-fills.json', 'cache-stampede-db-herd.json', 'log-shipper-floods-dns.json'])(
  'the dashboard queries of %s',
  (file) => {
    const scenario = loadBuiltin(file);
    const kinds = new Set<NodeKind>(scenario.nodes.map((n) => n.kind));
    const clients = scenario.nodes.filter((n) => n.kind === 'client').map((n) => n.id);
    const exprs = new Set<string>();
    // As the dashboards ask: each metric for the kinds that record it, on the overview and per node.
    for (const metric of METRICS) {
      if (metric.scope) continue;
      const recording = new Set([...kinds].filter((k) => metric.kinds.includes(k)));
      for (const q of dashboardQueries(metric.name, recording, { clients })) exprs.add(q.expr);
      for (const node of scenario.nodes.filter((n) => recording.has(n.kind)))
        for (const q of dashboardQueries(metric.name, recording, { node, clients })) exprs.add(q.expr);
    }
    const cases: ExprCase[] = [...exprs].flatMap((expr) => EVAL_MS.map((evalMs) => ({ expr, evalMs })));

    it('has queries for every exporter the scenario has', () => {
      expect(exprs.size).toBeGreaterThan(20);
    });

    it.skipIf(!hasPromtool && !inCI)('promtool agrees with every answer', () => {
      expect(hasPromtool, 'promtool must be installed when CI is set (.ci/run installs it)').toBe(true);
      const series = viewSeries(scenario, { minutes: MINUTES, names: PROM_SERIES_NAMES });
      const test = promtoolTestFile(sourceOf(series), 15_000, cases);
      expect(test.errors).toEqual([]);
      // The queries find series (most answer one sample per node), not empty results.
      expect((test.yaml.match(/value: /g) ?? []).length).toBeGreaterThan(cases.length);
      const dir = mkdtempSync(join(tmpdir(), 'outage-lab-dashboard-'));
      try {
        const path = join(dir, 'dashboard.test.yml');
        writeFileSync(path, test.yaml);
        const result = spawnSync('promtool', ['test', 'rules', path], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
        const output = `${result.stdout}\n${result.stderr}`;
        const failures = (output.match(/expr: /g) ?? []).length;
        expect({
          status: result.status,
          failures,
          output: failures > 0 ? output.slice(0, 10_000) : '',
        }).toEqual({
          status: 0,
          failures: 0,
          output: '',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
