import { describe, expect, it } from 'vitest';
import { metricDef } from '../engine/metric-names';
import type { NodeKind } from '../scenario/node-kinds';
import { BUILTIN_FILES, columnsOf, runBuiltin } from '../test-support/builtin-run';
import { LATENCY_BUCKETS, PROM_FAMILIES } from './catalog';
import { dashboardQueries, hasDashboardQuery } from './dashboard-queries';
import { evaluateInstant } from './evaluate';
import { prometheusView } from './view';

/** The engine's values of one series over the minute a `[1m]` query reads, and at its end. */
interface Window {
  readonly at: number;
  readonly min: number;
  readonly max: number;
}

/** A bucket's bounds around `x`: the le below it and the le at or above it (10 s past the last). */
function bucketAround(x: number): [number, number] {
  const i = LATENCY_BUCKETS.findIndex((le) => x <= le);
  if (i < 0)
    return [LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1]!, LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1]!];
  return [i === 0 ? 0 : LATENCY_BUCKETS[i - 1]!, LATENCY_BUCKETS[i]!];
}

/**
 * Whether a PromQL panel's value agrees with the engine's series. Gauges: the value at the scrape
 * (rounded where the exporter reports a whole count).
 * Rates and ratios over [1m]: a (weighted) mean of the minute, so between its least and greatest
 * value. Quantiles: histogram_quantile interpolates inside a bucket, so between the bucket below
 * the minute's least value and the bucket above its greatest (Prometheus answers the highest
 * finite bound, 10 s, past it).
 */
function agrees(metric: string, promql: number, w: Window): boolean {
  const scale = metricDef(metric)?.unit === 'mb' ? 1024 * 1024 : 1;
  if (metric.startsWith('latency_p')) {
    const lo = bucketAround(w.min)[0];
    const hi = bucketAround(w.max)[1];
    return promql >= lo - 1e-9 && promql <= hi + 1e-9;
  }
  if (WINDOWED.test(metric)) {
    const slack = 0.02 * Math.max(Math.abs(w.min), Math.abs(w.max)) + 1e-6;
    return promql >= w.min - slack && promql <= w.max + slack;
  }
  // Counts (connections, requests in progress, keys, bytes) are whole at the scrape: within 0.5.
  const whole = INTEGER_GAUGES.has(metric) ? 0.5 : 0;
  return Math.abs(promql - w.at * scale) <= whole + 1e-6 * Math.max(1, Math.abs(w.at * scale));
}

/** Engine metrics an exporter reports as whole numbers (catalog `integer`). */
const INTEGER_GAUGES: ReadonlySet<string> = new Set(
  PROM_FAMILIES.flatMap((f) => (f.derive.kind === 'gauge' && f.derive.integer ? [f.derive.from] : [])),
);

/** Engine metrics a dashboard shows as a rate or ratio over [1m] (the others are gauges). */
const WINDOWED =
  /_rate$|^error_ratio$|^cache_hit_ratio$|^dns_failure_ratio$|^cpu_throttled_ratio$|^latency_mean$/;

describe('the built-in dashboards as PromQL', () => {
  for (const file of BUILTIN_FILES) {
    it(`${file}: every engine panel's query finds its nodes and agrees with the engine`, () => {
      const { scenario, sim } = runBuiltin(file, 1200);
      const source = columnsOf(sim);
      const view = prometheusView(source, scenario.nodes, { scrapeSeconds: 15 });
      const kindOf = new Map<string, NodeKind>(scenario.nodes.map((n) => [n.id, n.kind]));
      const clients = scenario.nodes.filter((n) => n.kind === 'client').map((n) => n.id);
      const kinds = new Set(kindOf.values());
      const problems: string[] = [];
      let gaps = 0;
      for (const s of sim.metrics.series) {
        const node = s.labels.node;
        if (s.labels.to !== undefined || !node || !hasDashboardQuery(s.metric, kindOf.get(node)!)) continue;
        const kind = kindOf.get(node)!;
        const queries = dashboardQueries(s.metric, kinds, { node: { id: node, kind }, clients });
        if (queries.length === 0) {
          problems.push(`${node} ${s.metric}: no query`);
          continue;
        }
        const rateCol = source.values[sim.metrics.find('request_rate', node)]!;
        const scrapeIndex = sim.metrics.find('scrape_ok', node);
        const scraped = scrapeIndex < 0 ? undefined : source.values[scrapeIndex];
        for (const t of [300, 900, 1185]) {
          const k = Math.round(t / sim.tickSeconds) - (source.firstTick ?? 0);
          const col = source.values[s.index]!;
          let min = Infinity;
          let max = -Infinity;
          for (let j = k - Math.round(60 / sim.tickSeconds) + 1; j <= k; j++) {
            min = Math.min(min, col[j]!);
            max = Math.max(max, col[j]!);
          }
          const engine: Window = { at: col[k]!, min, max };
          // A scenario whose scrapes cross a failing node (alerting.scrapeVia): while the node is
          // not scraped Prometheus has no sample (a gap, not the engine's value), and a window
          // that spans the gap is not comparable.
          if (scraped && Array.prototype.slice.call(scraped, k - 60, k + 1).some((ok) => ok === 0)) {
            if (scraped[k] === 0) gaps++;
            continue;
          }
          const found = queries.flatMap((q) => {
            const r = evaluateInstant(view, q.expr, t * 1000);
            if (!r.ok) {
              problems.push(`${node} ${s.metric}: ${r.error} in ${q.expr}`);
              return [];
            }
            return r.value.type === 'vector' ? r.value.samples.map((x) => x.value) : [];
          });
          if (found.length !== 1) {
            problems.push(`${node} ${s.metric} @${t}: ${found.length} series`);
            continue;
          }
          const v = found[0]!;
          // Nothing counted in the minute (no requests, no replicas): Prometheus's 0/0 is NaN, the
          // engine shows its idle value.
          if (Number.isNaN(v) && (rateCol[k] === 0 || max <= 1e-6)) continue;
          if (!agrees(s.metric, v, engine))
            problems.push(
              `${node} ${s.metric} @${t}: PromQL ${v} vs engine ${engine.at} (minute ${min}..${max})`,
            );
        }
      }
      expect(problems).toEqual([]);
      // Only a scenario with a scrape path has gaps; there the gap must show (checked in accumulate).
      if (!scenario.alerting.scrapeVia) expect(gaps).toBe(0);
    });
  }
});
