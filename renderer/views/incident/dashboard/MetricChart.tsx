/**
 * One Grafana-like time-series panel. Recharts with animations off; data is downsampled by the
 * MetricBuffer and memoized on the store's `version`, so a 10 Hz snapshot redraws a line, not
 * the app. SLO lines and event annotations (deploys, actions) are reference lines.
 */
import { memo, useMemo, useRef } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MetricDef } from '../../../../simulator/engine/metric-names';
import { axisValue, clock, metricValue } from '../../../lib/format';
import { useIncidentStore } from '../../../stores/incident-store';
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
}

const MAX_POINTS = 200;

function MetricChartImpl({ title, unit, lines, range, slo, annotations = [], height = 170 }: Props) {
  const figure = useRef<HTMLElement>(null);
  const version = useChartVersion(figure);
  const buffer = useIncidentStore((s) => s.buffer);

  // The window ends at the simulated time of the (throttled) version being drawn.
  const { from, to } = useMemo(() => {
    const end = Math.max(useIncidentStore.getState().time, 60);
    return { from: Number.isFinite(range) ? Math.max(0, end - range) : 0, to: end };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range, version]);

  const data = useMemo(() => {
    if (!buffer) return [];
    const columns = lines.map((line) => buffer.window(line.series, from, to, MAX_POINTS));
    const rows: Record<string, number | null>[] = [];
    const first = columns[0] ?? [];
    for (let i = 0; i < first.length; i++) {
      const row: Record<string, number | null> = { t: first[i]?.t ?? 0 };
      columns.forEach((col, c) => {
        row[`s${c}`] = col[i]?.v ?? null;
      });
      rows.push(row);
    }
    return rows;
    // `version` is the change signal for the mutable buffer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buffer, lines, from, to, version]);

  const latest = lines.map((line) => (buffer ? buffer.latest(line.series) : Number.NaN));
  const hasData = data.some((row) => Object.entries(row).some(([k, v]) => k !== 't' && v !== null));

  return (
    <figure className="panel chart-panel" aria-label={title} ref={figure}>
      <figcaption className="panel-title">
        <span>{title}</span>
        <span className="panel-latest">
          {lines.length === 1 ? metricValue(latest[0] ?? Number.NaN, unit) : null}
        </span>
      </figcaption>
      <div style={{ height }}>
        {hasData ? (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#262c36" strokeDasharray="2 4" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                domain={[from, Math.max(from + 1, to)]}
                tickFormatter={clock}
                stroke="#6e7681"
                fontSize={11}
                tickCount={6}
                allowDataOverflow
              />
              <YAxis
                stroke="#6e7681"
                fontSize={11}
                width={48}
                tickFormatter={(v: number) => axisValue(v, unit)}
                domain={
                  unit === 'ratio'
                    ? [0, (max: number) => Math.max(0.05, Math.min(1, max * 1.15))]
                    : [0, 'auto']
                }
                allowDataOverflow={false}
              />
              <Tooltip
                isAnimationActive={false}
                contentStyle={{ background: '#161a21', border: '1px solid #2a313d', fontSize: 12 }}
                labelFormatter={(t) => clock(Number(t))}
                formatter={(v, name) => [
                  metricValue(Number(v), unit),
                  lines[Number(String(name).slice(1))]?.label ?? name,
                ]}
              />
              {slo !== undefined ? (
                <ReferenceLine
                  y={slo}
                  stroke="#e3b341"
                  strokeDasharray="6 4"
                  label={{ value: 'SLO', fill: '#e3b341', fontSize: 10, position: 'insideTopRight' }}
                />
              ) : null}
              {annotations
                .filter((a) => a.t >= from && a.t <= to)
                .map((a, i) => (
                  <ReferenceLine
                    key={`${a.t}-${i}`}
                    x={a.t}
                    stroke={a.color}
                    strokeDasharray="3 3"
                    ifOverflow="hidden"
                  />
                ))}
              {lines.map((line, i) => (
                <Line
                  key={line.series}
                  dataKey={`s${i}`}
                  name={`s${i}`}
                  stroke={line.color}
                  dot={false}
                  strokeWidth={1.6}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <div className="chart-empty muted small">No data yet</div>
        )}
      </div>
      {lines.length > 1 ? (
        <ul className="legend">
          {lines.map((line, i) => (
            <li key={line.series}>
              <span className="swatch" style={{ background: line.color }} />
              {line.label} <span className="muted">{metricValue(latest[i] ?? Number.NaN, unit)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}

export const MetricChart = memo(MetricChartImpl);
