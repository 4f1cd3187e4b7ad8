/**
 * A run's Prometheus view as OpenMetrics text with timestamps, the format
 * `promtool tsdb create-blocks-from openmetrics` loads into TSDB blocks (so a team can open a run
 * in its own Prometheus and Grafana). One family at a time (HELP, TYPE, UNIT from catalog.ts),
 * each series' points in time order, a histogram's buckets, count and sum together per point,
 * and the closing `# EOF`.
 */
import { PROM_FAMILIES, type PromFamily } from './catalog';
import type { PromLabels, PromSeries, PromSource } from './types';

const HISTOGRAM_SUFFIXES = ['_bucket', '_count', '_sum'] as const;

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value as OpenMetrics writes it (Go's ParseFloat reads every one of these). */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Seconds with millisecond precision: OpenMetrics timestamps are seconds. */
function formatTimestamp(ms: number): string {
  return String(ms / 1000);
}

function labelText(labels: PromLabels, skip: string): string {
  const keys = Object.keys(labels)
    .filter((k) => k !== '__name__' && k !== skip)
    .sort();
  return keys.map((k) => `${k}="${escapeLabelValue(labels[k]!)}"`).join(',');
}

/** The OpenMetrics family a series belongs to, with the type the text declares. */
interface FamilyOut {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'unknown';
  readonly help: string;
  readonly unit?: string;
}

function familyOf(metricName: string, byName: ReadonlyMap<string, PromFamily>): FamilyOut {
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!metricName.endsWith(suffix)) continue;
    const base = byName.get(metricName.slice(0, -suffix.length));
    if (base?.type === 'histogram')
      return { name: base.name, type: 'histogram', help: base.help, unit: base.unit };
  }
  const f = byName.get(metricName);
  if (!f) return { name: metricName, type: 'unknown', help: '' };
  if (f.type === 'counter') {
    // OpenMetrics counters are named without `_total` and sampled with it; a counter whose
    // exporter name lacks the suffix (postgres_exporter's) is written as unknown, as Prometheus
    // reads it anyway.
    return f.name.endsWith('_total')
      ? { name: f.name.slice(0, -'_total'.length), type: 'counter', help: f.help, unit: f.unit }
      : { name: f.name, type: 'unknown', help: f.help, unit: f.unit };
  }
  return { name: f.name, type: 'gauge', help: f.help, unit: f.unit };
}

/** The whole view as one OpenMetrics document. */
export function toOpenMetrics(source: PromSource): string {
  const byName = new Map(PROM_FAMILIES.map((f) => [f.name, f]));
  const families = new Map<string, { out: FamilyOut; series: PromSeries[] }>();
  for (const s of source.series()) {
    const out = familyOf(s.labels.__name__ ?? '', byName);
    let entry = families.get(out.name);
    if (!entry) families.set(out.name, (entry = { out, series: [] }));
    entry.series.push(s);
  }
  const lines: string[] = [];
  for (const { out, series } of families.values()) {
    lines.push(`# TYPE ${out.name} ${out.type}`);
    if (out.unit && out.name.endsWith(`_${out.unit}`)) lines.push(`# UNIT ${out.name} ${out.unit}`);
    if (out.help) lines.push(`# HELP ${out.name} ${escapeHelp(out.help)}`);
    if (out.type === 'histogram') writeHistogram(out.name, series, lines);
    else
      for (const s of series) {
        const head = `${s.labels.__name__}{${labelText(s.labels, '')}}`;
        for (let p = 0; p < s.values.length; p++)
          lines.push(`${head} ${formatValue(s.values[p]!)} ${formatTimestamp(s.timestamps[p]!)}`);
      }
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

/** Groups a histogram's series by their labels (without `le`) and writes point after point. */
function writeHistogram(name: string, series: readonly PromSeries[], lines: string[]): void {
  const groups = new Map<string, { buckets: PromSeries[]; count?: PromSeries; sum?: PromSeries }>();
  for (const s of series) {
    const key = labelText(s.labels, 'le');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { buckets: [] }));
    const metric = s.labels.__name__ ?? '';
    if (metric === `${name}_bucket`) g.buckets.push(s);
    else if (metric === `${name}_count`) g.count = s;
    else if (metric === `${name}_sum`) g.sum = s;
  }
  for (const [key, g] of groups) {
    const le = (s: PromSeries) => (s.labels.le === '+Inf' ? Infinity : Number(s.labels.le));
    const buckets = [...g.buckets].sort((a, b) => le(a) - le(b));
    const sep = key ? ',' : '';
    const points = (buckets[0] ?? g.count ?? g.sum)?.timestamps.length ?? 0;
    for (let p = 0; p < points; p++) {
      for (const b of buckets) {
        const ts = formatTimestamp(b.timestamps[p]!);
        lines.push(`${name}_bucket{${key}${sep}le="${b.labels.le}"} ${formatValue(b.values[p]!)} ${ts}`);
      }
      for (const [suffix, s] of [
        ['_count', g.count],
        ['_sum', g.sum],
      ] as const)
        if (s)
          lines.push(
            `${name}${suffix}{${key}} ${formatValue(s.values[p]!)} ${formatTimestamp(s.timestamps[p]!)}`,
          );
    }
  }
}
