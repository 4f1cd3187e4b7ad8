/**
 * Metrics export: every series of the run as CSV (RFC 4180: comma separated, CRLF line ends,
 * fields with a comma, quote or line break quoted and their quotes doubled). One column per series,
 * named Prometheus-style (`error_ratio{node="checkout"}`), one row per tick for the whole run.
 * A tick without a value (NaN: no traffic yet) is an empty field.
 */
import type { SeriesInfo } from '../../../simulator/engine/api';

/** The part of a MetricBuffer the export reads. */
export interface CsvSource {
  readonly series: readonly SeriesInfo[];
  readonly values: readonly ArrayLike<number>[];
  /** Ticks recorded (rows). */
  readonly length: number;
  readonly tickSeconds: number;
}

/** One CSV field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `metric{node="x",to="y"}`: `node` first, then the other labels sorted, values escaped as Prometheus does. */
export function seriesName(info: Pick<SeriesInfo, 'metric' | 'labels'>): string {
  const keys = Object.keys(info.labels).sort((a, b) =>
    a === 'node' ? -1 : b === 'node' ? 1 : a.localeCompare(b),
  );
  if (keys.length === 0) return info.metric;
  return `${info.metric}{${keys.map((k) => `${k}="${escapeLabel(info.labels[k] ?? '')}"`).join(',')}}`;
}

function numberField(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/** The whole run as CSV text: a header `t,<series>,...` and one row per tick (t in simulated seconds). */
export function metricsCsv(buffer: CsvSource): string {
  const lines: string[] = [];
  lines.push(['t', ...buffer.series.map(seriesName)].map(csvField).join(','));
  const columns = buffer.series.map((s) => buffer.values[s.index]);
  const row: string[] = new Array<string>(columns.length + 1);
  for (let tick = 0; tick < buffer.length; tick++) {
    row[0] = String(Math.round(tick * buffer.tickSeconds * 1000) / 1000);
    for (let c = 0; c < columns.length; c++) row[c + 1] = numberField(columns[c]?.[tick]);
    lines.push(row.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** A file name for the export: "metrics-<run id>.csv" (characters unsafe in file names replaced). */
export function metricsFileName(runId: string): string {
  return `metrics-${runId.replace(/[^A-Za-z0-9._-]/g, '-')}.csv`;
}
