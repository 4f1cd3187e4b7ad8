/**
 * The canvas plot inside a live dashboard panel, drawn with uPlot (the library Grafana itself
 * uses for time series). Recharts re-renders an SVG tree per update; with 16 panels refreshing
 * during a 10x run on a 2-core machine that cost hundreds of milliseconds per frame
 * (scripts/bench-ui.mjs), while uPlot redraws a panel in about a millisecond. The plot is created
 * once per set of series and then only fed new data; the SLO line, annotations and the hover
 * readout are drawn in uPlot hooks, outside React.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisValue, clock, metricValue, type DisplayUnit } from '../../../lib/format';
import { SLO_COLOR } from './panels';

export interface PlotLine {
  readonly label: string;
  readonly color: string;
}
/** A horizontal line at a value: a limit, a capacity (the SLO line is one, drawn from `slo`). */
export interface PlotThreshold {
  readonly value: number;
  readonly color: string;
  readonly label?: string;
}
export interface PlotAnnotation {
  readonly t: number;
  readonly color: string;
  /** Shown in the hover readout when the cursor is on the marker. */
  readonly label: string;
}

interface Props {
  /** [times, ...one array per line]; null = no value. */
  readonly data: uPlot.AlignedData;
  readonly lines: readonly PlotLine[];
  readonly unit: DisplayUnit | undefined;
  readonly from: number;
  readonly to: number;
  readonly slo?: number;
  readonly thresholds?: readonly PlotThreshold[];
  readonly annotations: readonly PlotAnnotation[];
  readonly height: number;
  /** A logarithmic y axis (values at or below zero are not drawn). */
  readonly log?: boolean;
}

/** Clock-friendly tick steps (seconds), so axes read 01:00, 02:00 rather than 01:40, 03:20. */
const TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
const SECONDS_INCRS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600,
  7200,
];

/** Byte axes step in powers of two (64 MiB, 128 MiB, ...), as Grafana's bytes unit does. */
const BYTES_INCRS = Array.from({ length: 60 }, (_, i) => 2 ** i);

const AXIS = {
  stroke: '#8b949e',
  grid: { stroke: '#262c36', width: 1 },
  ticks: { show: false },
  font: '11px sans-serif',
};

/** Pixels either side of a marker within which hovering names it. */
const MARK_HOVER_PX = 4;

/** A log axis has no zero: such points are gaps, not a line down to -infinity. */
function positive(data: uPlot.AlignedData): uPlot.AlignedData {
  const [xs, ...ys] = data;
  const cols = ys.map((col) =>
    Array.from(col as ArrayLike<number | null | undefined>, (v) =>
      v !== null && v !== undefined && v > 0 ? v : null,
    ),
  );
  return [xs, ...cols];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

const NO_THRESHOLDS: readonly PlotThreshold[] = [];

/** The SLO line and the panel's thresholds, as one list of lines to draw. */
function levelsOf(slo: number | undefined, thresholds: readonly PlotThreshold[]): readonly PlotThreshold[] {
  return slo === undefined ? thresholds : [{ value: slo, color: SLO_COLOR, label: 'SLO' }, ...thresholds];
}

export function LivePlot({
  data,
  lines,
  unit,
  from,
  to,
  slo,
  thresholds = NO_THRESHOLDS,
  annotations,
  height,
  log = false,
}: Props) {
  const host = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // Hooks read the latest props through this ref, so the plot need not be rebuilt for them.
  const levels = levelsOf(slo, thresholds);
  const highest = levels.reduce((m, l) => (Number.isFinite(l.value) && l.value > m ? l.value : m), 0);
  const latest = useRef({ levels, highest, annotations, from, to, unit, lines });
  latest.current = { levels, highest, annotations, from, to, unit, lines };
  const seriesKey = lines.map((l) => `${l.label}:${l.color}`).join('|');

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const drawMarks = (u: uPlot) => {
      const { levels: lineLevels, annotations: marks } = latest.current;
      const ctx = u.ctx;
      const { left, top, width, height: h } = u.bbox;
      ctx.save();
      ctx.lineWidth = devicePixelRatio;
      for (const mark of marks) {
        const x = u.valToPos(mark.t, 'x', true);
        if (x < left || x > left + width) continue;
        ctx.strokeStyle = mark.color;
        ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + h);
        ctx.stroke();
      }
      for (const level of lineLevels) {
        const y = u.valToPos(level.value, 'y', true);
        if (!(y >= top && y <= top + h)) continue;
        ctx.strokeStyle = level.color;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
        ctx.stroke();
        ctx.setLineDash([]);
        if (level.label) {
          ctx.fillStyle = level.color;
          ctx.font = `${10 * devicePixelRatio}px sans-serif`;
          ctx.textAlign = 'right';
          ctx.fillText(level.label, left + width - 4, y - 4);
        }
      }
      ctx.restore();
    };
    const showReadout = (u: uPlot) => {
      const box = readout.current;
      if (!box) return;
      const idx = u.cursor.idx;
      if (idx === null || idx === undefined) {
        box.style.display = 'none';
        return;
      }
      const { unit: currentUnit, lines: currentLines } = latest.current;
      const t = u.data[0][idx] ?? 0;
      const rows = currentLines.map((line, i) => {
        const v = u.data[i + 1]?.[idx];
        return `<div><span style="color:${line.color}">■</span> ${line.label} <b>${
          v === null || v === undefined ? '–' : metricValue(v, currentUnit)
        }</b></div>`;
      });
      // Markers under the cursor: what happened there (a deploy, a restart, an action).
      const cursorX = u.cursor.left ?? -1;
      const marks = latest.current.annotations
        .filter((m) => Math.abs(u.valToPos(m.t, 'x') - cursorX) <= MARK_HOVER_PX)
        .map(
          (m) =>
            `<div class="readout-mark"><span style="color:${m.color}">▌</span> ${clock(m.t)} ${escapeHtml(m.label)}</div>`,
        );
      box.innerHTML = `<div class="readout-time">${clock(t)}</div>${rows.join('')}${marks.join('')}`;
      box.style.display = 'block';
      const left = (u.cursor.left ?? 0) + 12;
      box.style.left = `${left > u.bbox.width / devicePixelRatio / 2 ? left - box.offsetWidth - 24 : left}px`;
    };
    const opts: uPlot.Options = {
      width: Math.max(100, element.clientWidth),
      height,
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: {
        x: {
          time: false,
          range: () => [latest.current.from, Math.max(latest.current.from + 1, latest.current.to)],
        },
        y: log
          ? {
              distr: 3,
              log: 10,
              range: (_u, min, max) => {
                const lo = Number.isFinite(min) && min > 0 ? min : 0.1;
                const hi = Math.max(Number.isFinite(max) ? max : 1, latest.current.highest, lo * 10);
                return uPlot.rangeLog(lo, hi, 10, true);
              },
            }
          : {
              range: (_u, _min, max) => {
                const top = Number.isFinite(max) ? max : 0;
                const withSlo = Math.max(top, latest.current.highest);
                // A ratio cannot pass 100%: the axis stops there.
                if (latest.current.unit === 'ratio') return [0, Math.min(1, Math.max(0.05, withSlo * 1.15))];
                return [0, withSlo > 0 ? withSlo * 1.15 : 1];
              },
            },
      },
      axes: [
        { ...AXIS, size: 30, incrs: TIME_INCRS, values: (_u, splits) => splits.map((v) => clock(v)) },
        {
          ...AXIS,
          size: 52,
          ...(unit === 'seconds' ? { incrs: SECONDS_INCRS } : unit === 'bytes' ? { incrs: BYTES_INCRS } : {}),
          values: (_u, splits) => splits.map((v) => axisValue(v, latest.current.unit)),
        },
      ],
      series: [
        {},
        ...lines.map((line) => ({ label: line.label, stroke: line.color, width: 1.5, spanGaps: false })),
      ],
      hooks: { draw: [drawMarks], setCursor: [showReadout] },
    };
    const u = new uPlot(opts, log ? positive(data) : data, element);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(100, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Rebuilt only when the set of lines or the height changes; data flows in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seriesKey, height, log]);

  useEffect(() => {
    plot.current?.setData(log ? positive(data) : data);
  }, [data, from, to, slo, thresholds, annotations, log]);

  return (
    <div className="live-plot" style={{ height }}>
      <div ref={host} />
      <div ref={readout} className="plot-readout" />
    </div>
  );
}
