/**
 * One Grafana-like time-series panel: title, a canvas plot (LivePlot, uPlot), and a legend with
 * the latest values. Data is downsampled by the MetricBuffer (max per bucket) and recomputed
 * only when the throttled `version` changes, so a 10 Hz snapshot redraws a line, not the app.
 */
import { memo, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import type { MetricDef } from '../../../../simulator/engine/metric-names';
import type { DashboardQuery } from '../../../../simulator/prom/dashboard-queries';
import { metricValue } from '../../../lib/format';
import { useIncidentStore } from '../../../stores/incident-store';
import { LivePlot } from './LivePlot';
import { distinctColors, dwarfs } from './panels';
import { useChartVersion } from './useChartVersion';

export interface ChartLine {
  readonly series: number;
  readonly label: string;
  readonly color: string;
}

export interface Annotation {
  readonly t: number;
  readonly label: string;
  readonly color: string;
  readonly kind: string;
}

interface Props {
  readonly title: string;
  readonly unit: MetricDef['unit'] | undefined;
  readonly lines: readonly ChartLine[];
  /** Seconds of history to show, ending now (Infinity: the whole run). */
  readonly range: number;
  readonly slo?: number;
  readonly annotations?: readonly Annotation[];
  readonly height?: number;
  /** The panel as PromQL, shown on the title (what the Prometheus source draws). */
  readonly promql?: readonly DashboardQuery[];
}

const MAX_POINTS = 240;
/** Like Grafana's topk: at most this many lines per panel, those with the highest peaks. */
const MAX_LINES = 8;
const NO_ANNOTATIONS: readonly Annotation[] = [];

function MetricChartImpl({
  title,
  unit,
  lines,
  range,
  slo,
  annotations = NO_ANNOTATIONS,
  height = 150,
  promql,
}: Props) {
  const figure = useRef<HTMLElement>(null);
  // Grafana's legend: a click shows only that series, a second click shows them all again.
  const [isolated, setIsolated] = useState<number | null>(null);
  // null: the panel decides (log when one line dwarfs the others); the toggle overrides it.
  const [logChoice, setLogChoice] = useState<boolean | null>(null);
  const version = useChartVersion(figure);
  const buffer = useIncidentStore((s) => s.buffer);

  // The window ends at the simulated time of the (throttled) version being drawn.
  const { from, to } = useMemo(() => {
    const end = Math.max(useIncidentStore.getState().time, 60);
    return { from: Number.isFinite(range) ? Math.max(0, end - range) : 0, to: end };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range, version]);

  const { data, listed, shown, hasData, peaks } = useMemo(() => {
    if (!buffer)
      return { data: [[]] as uPlot.AlignedData, listed: lines, shown: lines, hasData: false, peaks: [] };
    const all = lines.map((line) => buffer.window(line.series, from, to, MAX_POINTS));
    const peak = (col: readonly { v: number | null }[]) =>
      col.reduce((m, p) => (p.v !== null && p.v > m ? p.v : m), -1);
    const order = lines.map((_, i) => i);
    if (lines.length > MAX_LINES) order.sort((a, b) => peak(all[b] ?? []) - peak(all[a] ?? []) || a - b);
    const top = order.slice(0, MAX_LINES).sort((a, b) => a - b);
    const colored = distinctColors(top.map((i) => lines[i]!));
    const only = top.findIndex((i) => lines[i]!.series === isolated);
    const keep = only >= 0 ? [top[only]!] : top;
    const xs = (all[keep[0] ?? 0] ?? []).map((p) => p.t);
    const ys = keep.map((i) => (all[i] ?? []).map((p) => p.v));
    return {
      data: [xs, ...ys] as uPlot.AlignedData,
      listed: colored,
      shown: only >= 0 ? [colored[only]!] : colored,
      hasData: ys.some((col) => col.some((v) => v !== null)),
      peaks: keep.map((i) => peak(all[i] ?? [])),
    };
    // `version` is the change signal for the mutable buffer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buffer, lines, from, to, version, isolated]);
  const autoLog = unit !== 'ratio' && listed.length > 1 && dwarfs(peaks);
  const log = logChoice ?? autoLog;

  const visibleMarks = useMemo(
    () => annotations.filter((a) => a.t >= from && a.t <= to),
    [annotations, from, to],
  );
  const latest = listed.map((line) => (buffer ? buffer.latest(line.series) : Number.NaN));
  const hidden = lines.length - listed.length;

  return (
    <figure className="panel chart-panel" aria-label={title} ref={figure}>
      <figcaption className="panel-title">
        <span title={promql && promql.length > 0 ? promql.map((q) => q.expr).join('\n') : undefined}>
          {title}
        </span>
        <span className="panel-latest">
          {unit !== 'ratio' && hasData && listed.length > 1 ? (
            <button
              className={`panel-log${log ? ' active' : ''}`}
              aria-pressed={log}
              onClick={() => setLogChoice(!log)}
              title={
                autoLog ? 'One series dwarfs the others: a log axis shows them all' : 'Logarithmic y axis'
              }
            >
              log
            </button>
          ) : null}
          {lines.length === 1 ? metricValue(latest[0] ?? Number.NaN, unit) : null}
        </span>
      </figcaption>
      {hasData ? (
        <LivePlot
          data={data}
          lines={shown}
          unit={unit}
          from={from}
          to={to}
          slo={slo}
          annotations={visibleMarks}
          height={height}
          log={log}
        />
      ) : (
        <div className="chart-empty muted small" style={{ height }}>
          No data yet
        </div>
      )}
      {lines.length > 1 ? (
        <ul className="legend">
          {listed.map((line, i) => (
            <li key={line.series}>
              <button
                className={`legend-entry${isolated !== null && isolated !== line.series ? ' is-dimmed' : ''}`}
                aria-pressed={isolated === line.series}
                title={isolated === line.series ? 'Show every series' : `Show only ${line.label}`}
                onClick={() => setIsolated(isolated === line.series ? null : line.series)}
              >
                <span className="swatch" style={{ background: line.color }} />
                {line.label} <span className="muted">{metricValue(latest[i] ?? Number.NaN, unit)}</span>
              </button>
            </li>
          ))}
          {hidden > 0 ? (
            <li className="muted">
              +{hidden} more (top {shown.length} by peak shown)
            </li>
          ) : null}
        </ul>
      ) : null}
    </figure>
  );
}

export const MetricChart = memo(MetricChartImpl);
