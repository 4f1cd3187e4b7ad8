/**
 * The key charts of an ended run: each objective's metric over the whole run, with the SLO line,
 * the periods the SLOs were broken (shaded), the hidden truth (fault onsets) and the trainee's
 * acknowledgements, declarations and actions (coloured by their effect). One legend for all.
 */
import { memo, useMemo, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { metricDef } from '../../../simulator/engine/metric-names';
import type { Slo } from '../../../simulator/scenario/schema';
import { axisValue, clock, metricValue } from '../../lib/format';
import type { MetricBuffer } from '../../sim/metric-buffer';
import type { Period, SloPeriods, TimelineEntry } from './run-model';
import { scrubState } from './scrub';

const MAX_POINTS = 600;

export interface Marker {
  readonly t: number;
  readonly color: string;
  readonly dash?: string;
  readonly width: number;
  readonly label?: string;
  readonly title: string;
}

/** Visual style of each kind of annotation; the legend is built from the same table. */
export const MARKER_STYLES = {
  fault: { color: '#ff7a45', dash: '8 3', width: 2.5, legend: 'Fault onset (hidden truth)' },
  'fault-cleared': { color: '#ff7a45', dash: '1 3', width: 1.5, legend: 'Fault over (hidden truth)' },
  acknowledge: { color: '#58a6ff', dash: '2 2', width: 1.5, legend: 'You acknowledged' },
  'declare-right': { color: '#a371f7', dash: undefined, width: 1.5, legend: 'You declared (right)' },
  'declare-wrong': { color: '#f778ba', dash: '4 2', width: 1.5, legend: 'You declared (wrong)' },
  'action-good': { color: '#3fb950', dash: undefined, width: 2, legend: 'Your action: fixes / helps' },
  'action-neutral': {
    color: '#9aa4b2',
    dash: undefined,
    width: 1.5,
    legend: 'Your action: neutral / unlisted',
  },
  'action-harmful': { color: '#f85149', dash: undefined, width: 2, legend: 'Your action: harmful' },
} as const;

type MarkerStyle = keyof typeof MARKER_STYLES;

function styleOf(entry: TimelineEntry): MarkerStyle | undefined {
  switch (entry.kind) {
    case 'fault':
    case 'inject':
      return 'fault';
    case 'fault-cleared':
      return 'fault-cleared';
    case 'acknowledge':
      return 'acknowledge';
    case 'declare':
      return entry.correct ? 'declare-right' : 'declare-wrong';
    case 'action':
      if (entry.effect === 'fixes' || entry.effect === 'helps') return 'action-good';
      if (entry.effect === 'harmful') return 'action-harmful';
      return 'action-neutral';
    default:
      return undefined;
  }
}

export function markersOf(timeline: readonly TimelineEntry[]): Marker[] {
  const markers: Marker[] = [];
  for (const entry of timeline) {
    const key = styleOf(entry);
    if (!key) continue;
    const style = MARKER_STYLES[key];
    markers.push({
      t: entry.t,
      color: style.color,
      dash: style.dash,
      width: style.width,
      label: key === 'fault' ? 'fault' : undefined,
      title: entry.text,
    });
  }
  return markers;
}

function LineSwatch({ color, dash, width }: { color: string; dash?: string; width: number }) {
  return (
    <svg width="26" height="10" aria-hidden className="debrief-swatch">
      <line x1="1" y1="5" x2="25" y2="5" stroke={color} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

export function ChartLegend() {
  return (
    <ul className="debrief-legend" aria-label="Chart legend">
      <li>
        <span className="debrief-area-swatch" aria-hidden />
        SLOs broken (any objective)
      </li>
      <li>
        <LineSwatch color="#e3b341" dash="6 4" width={1.5} />
        SLO threshold
      </li>
      {Object.entries(MARKER_STYLES).map(([key, s]) => (
        <li key={key}>
          <LineSwatch color={s.color} dash={s.dash} width={s.width} />
          {s.legend}
        </li>
      ))}
    </ul>
  );
}

interface ChartProps {
  readonly buffer: MetricBuffer;
  readonly slo: Slo;
  readonly series: number;
  readonly title: string;
  readonly endedAt: number;
  readonly breaches: readonly Period[];
  readonly markers: readonly Marker[];
  /** The scrubber's moment, drawn as a cursor across every chart. */
  readonly cursor?: number;
}

function SloChartImpl({ buffer, slo, series, title, endedAt, breaches, markers, cursor }: ChartProps) {
  const unit = metricDef(slo.metric)?.unit;
  const data = useMemo(() => buffer.window(series, 0, endedAt, MAX_POINTS), [buffer, series, endedAt]);
  const to = Math.max(1, endedAt);
  return (
    <figure className="debrief-chart" aria-label={title}>
      <figcaption>
        <span>{title}</span>
        <span className="muted small">
          {slo.metric} on {slo.node}, SLO ≤ {metricValue(slo.max, unit)}
        </span>
      </figcaption>
      <div className="debrief-chart-body">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 220 }}>
          <LineChart data={data} margin={{ top: 14, right: 14, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#262c36" strokeDasharray="2 4" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              domain={[0, to]}
              tickFormatter={clock}
              stroke="#6e7681"
              fontSize={11}
              tickCount={8}
              allowDataOverflow
            />
            <YAxis
              stroke="#6e7681"
              fontSize={11}
              width={52}
              tickFormatter={(v: number) => axisValue(v, unit)}
              domain={[0, (max: number) => Math.max(slo.max * 1.5, max * 1.1) || 1]}
            />
            <Tooltip
              isAnimationActive={false}
              contentStyle={{ background: '#161a21', border: '1px solid #2a313d', fontSize: 12 }}
              labelFormatter={(t) => `T+${clock(Number(t))}`}
              formatter={(v) => [metricValue(Number(v), unit), slo.metric]}
            />
            {breaches.map((p, i) => (
              <ReferenceArea
                key={`b${i}`}
                x1={p.from}
                x2={p.to ?? to}
                fill="#f85149"
                fillOpacity={0.14}
                stroke="none"
                ifOverflow="hidden"
              />
            ))}
            <ReferenceLine y={slo.max} stroke="#e3b341" strokeDasharray="6 4" ifOverflow="extendDomain" />
            {markers.map((m, i) => (
              <ReferenceLine
                key={`m${i}`}
                x={m.t}
                stroke={m.color}
                strokeWidth={m.width}
                strokeDasharray={m.dash}
                ifOverflow="hidden"
                label={
                  m.label
                    ? { value: m.label, fill: m.color, fontSize: 10, position: 'insideTopLeft' }
                    : undefined
                }
              />
            ))}
            {cursor !== undefined ? (
              <ReferenceLine x={cursor} stroke="#e3e7ee" strokeWidth={1.5} ifOverflow="hidden" />
            ) : null}
            <Line
              dataKey="v"
              name={slo.metric}
              stroke="#5b9dff"
              dot={false}
              strokeWidth={1.6}
              isAnimationActive={false}
              connectNulls={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

const SloChart = memo(SloChartImpl);

export function DebriefCharts({
  buffer,
  slos,
  breaches,
  endedAt,
  timeline,
}: {
  buffer: MetricBuffer | undefined;
  slos: readonly SloPeriods[];
  /** Periods at least one SLO was broken (score.measures.sloBreaches). */
  breaches: readonly Period[];
  endedAt: number;
  timeline: readonly TimelineEntry[];
}) {
  const markers = useMemo(() => markersOf(timeline), [timeline]);
  const [cursor, setCursor] = useState<number | undefined>();
  if (!buffer) return <p className="muted">The run's metrics are not available.</p>;
  const scrub = cursor === undefined ? undefined : scrubState(buffer, slos, timeline, cursor);
  return (
    <div className="debrief-charts">
      <ChartLegend />
      <div className="scrubber">
        <label>
          <span className="muted small">Scrub through the run</span>
          <input
            type="range"
            min={0}
            max={Math.max(1, endedAt)}
            step={buffer.tickSeconds}
            value={cursor ?? 0}
            onChange={(e) => setCursor(Number(e.target.value))}
            aria-label="Moment of the run"
          />
        </label>
        {scrub ? (
          <div className="scrub-state" data-testid="scrub-state">
            <strong className="mono">T+{clock(scrub.t)}</strong>
            {scrub.slos.map((s) => (
              <span key={s.name} className={s.ok ? 'ok-text' : 'crit-text'}>
                {s.name}: {metricValue(s.value, metricDef(s.metric)?.unit)} {s.ok ? 'holds' : 'broken'}
              </span>
            ))}
            <span className="muted small">
              {scrub.recent.length
                ? `Last: ${scrub.recent.map((e) => `${clock(e.t)} ${e.text}`).join(' · ')}`
                : 'Nothing has happened yet.'}
            </span>
          </div>
        ) : (
          <span className="muted small">Drag to see the SLOs and what had happened at any moment.</span>
        )}
      </div>
      {slos.map((s, i) =>
        s.series < 0 ? (
          <p key={i} className="muted small">
            No data for {s.name}.
          </p>
        ) : (
          <SloChart
            key={i}
            buffer={buffer}
            slo={s.slo}
            series={s.series}
            title={s.name}
            endedAt={endedAt}
            breaches={breaches}
            markers={markers}
            cursor={cursor}
          />
        ),
      )}
    </div>
  );
}
