/**
 * The one CSV writer for metric series (the CLI's `run --format csv` and the debrief's export).
 * RFC 4180: comma separated, CRLF after every row (the last included), a field with a comma,
 * quote or line break quoted with its quotes doubled. One column per series, named
 * Prometheus-style (`error_ratio{node="checkout"}`: `node` first, then the other labels sorted),
 * columns sorted by that name so the order does not depend on the engine's internal series
 * order; one row per tick, `t` in simulated seconds. A missing value (NaN before traffic, or not
 * finite) is an empty field.
 */

export interface CsvSeriesInfo {
  /** Index into `values`. */
  readonly index: number;
  readonly metric: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** What the writer reads: a MetricBuffer in the renderer, the metric store's columns in the CLI. */
export interface CsvSource {
  readonly series: readonly CsvSeriesInfo[];
  /** Values per series (by `index`), one per tick from `firstTick`. */
  readonly values: readonly ArrayLike<number>[];
  /** Ticks recorded (rows). */
  readonly length: number;
  readonly tickSeconds: number;
  /** Tick of the first row (default 0). */
  readonly firstTick?: number;
}

/** One CSV field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `metric{node="x",to="y"}`: `node` first, then the other labels sorted, values escaped as Prometheus does. */
export function seriesName(info: Pick<CsvSeriesInfo, 'metric' | 'labels'>): string {
  const keys = Object.keys(info.labels).sort((a, b) =>
    a === 'node' ? -1 : b === 'node' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  if (keys.length === 0) return info.metric;
  return `${info.metric}{${keys.map((k) => `${k}="${escapeLabel(info.labels[k] ?? '')}"`).join(',')}}`;
}

function numberField(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : String(value);
}

/** The whole run as CSV text: a header `t,<series>,...` and one row per tick. */
export function metricsCsv(source: CsvSource): string {
  // Code-unit order, not localeCompare: the same file on every machine.
  const named = source.series
    .map((s) => ({ name: seriesName(s), column: source.values[s.index] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines: string[] = [['t', ...named.map((n) => n.name)].map(csvField).join(',')];
  const firstTick = source.firstTick ?? 0;
  const row: string[] = new Array<string>(named.length + 1);
  for (let k = 0; k < source.length; k++) {
    row[0] = String(Math.round((firstTick + k) * source.tickSeconds * 1000) / 1000);
    for (let c = 0; c < named.length; c++) row[c + 1] = numberField(named[c]!.column?.[k]);
    lines.push(row.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
