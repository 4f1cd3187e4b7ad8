/**
 * The metadata source of the PromQL editor's autocompletion (@prometheus-io/codemirror-promql's
 * PrometheusClient): metric names, label names and values, series and HELP/TYPE, answered from
 * the run's Prometheus view instead of a Prometheus server's HTTP API.
 */
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { PROM_FAMILIES } from '../../../../simulator/prom/catalog';
import type { PromSeries, PromSource } from '../../../../simulator/prom/types';

type MetricMetadata = Awaited<ReturnType<PrometheusClient['metricMetadata']>>[string][number];
type Matcher = NonNullable<Parameters<PrometheusClient['labelValues']>[2]>[number];

/** The families' HELP and TYPE, histograms under each of their series names. */
function metadata(): Record<string, MetricMetadata[]> {
  const out: Record<string, MetricMetadata[]> = {};
  for (const f of PROM_FAMILIES) {
    const names =
      f.type === 'histogram' ? [`${f.name}_bucket`, `${f.name}_sum`, `${f.name}_count`] : [f.name];
    for (const n of names) out[n] ??= [{ type: f.type, help: f.help }];
  }
  return out;
}

/** Whether a series has `metricName` (or any name) and the equality matchers the editor passes. */
function matches(
  s: PromSeries,
  metricName: string | undefined,
  matchers: readonly Matcher[] | undefined,
): boolean {
  if (metricName && s.labels.__name__ !== metricName) return false;
  for (const m of matchers ?? []) {
    // The editor only narrows by the matchers already typed; an exact `=` is all it needs.
    if (m.name === '__name__' || !m.value) continue;
    if ((s.labels[m.name] ?? '') !== m.value) return false;
  }
  return true;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

export function runMetadataClient(source: () => PromSource | undefined): PrometheusClient {
  const series = () => source()?.series() ?? [];
  return {
    metricNames: (prefix?: string) =>
      Promise.resolve(
        sorted(series().map((s) => s.labels.__name__ ?? '')).filter(
          (n) => n && (!prefix || n.startsWith(prefix)),
        ),
      ),
    labelNames: (metricName?: string) =>
      Promise.resolve(
        sorted(
          series()
            .filter((s) => matches(s, metricName, undefined))
            .flatMap((s) => Object.keys(s.labels)),
        ).filter((k) => k !== '__name__'),
      ),
    labelValues: (labelName: string, metricName?: string, matchers?: Matcher[]) =>
      Promise.resolve(
        sorted(
          series()
            .filter((s) => matches(s, metricName, matchers))
            .map((s) => s.labels[labelName])
            .filter((v): v is string => v !== undefined),
        ),
      ),
    series: (metricName: string, matchers?: Matcher[]) =>
      Promise.resolve(
        series()
          .filter((s) => matches(s, metricName, matchers))
          .map((s) => new Map(Object.entries(s.labels))),
      ),
    metricMetadata: () => Promise.resolve(metadata()),
    flags: () => Promise.resolve({}),
  };
}
