/**
 * A PromQL panel on the dashboard: a scenario's authored panel or a query pinned from Explore
 * (the same `ScenarioPanel`). Its queries are re-evaluated over the dashboard's time range when
 * the run moves on (at most once a second, and not while scrolled out of view) and drawn with the
 * same uPlot canvas as the built-in panels, with the panel's unit and threshold lines.
 */
import { memo, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { ScenarioPanel } from '../../../../simulator/scenario/panels';
import { metricValue } from '../../../lib/format';
import { useIncidentStore } from '../../../stores/incident-store';
import { usePromView } from '../explore/prom-view';
import { LivePlot, type PlotAnnotation } from './LivePlot';
import { panelThresholds, runPanel } from './query-panel';
import { useChartVersion } from './useChartVersion';

interface Props {
  readonly panel: ScenarioPanel;
  /** Seconds of history to show, ending now (Infinity: the whole run). */
  readonly range: number;
  readonly annotations?: readonly PlotAnnotation[];
  readonly height?: number;
  /** Shown as an "Unpin" button (a pinned Explore query). */
  readonly onRemove?: () => void;
}

const NO_ANNOTATIONS: readonly PlotAnnotation[] = [];

function QueryPanelImpl({ panel, range, annotations = NO_ANNOTATIONS, height = 150, onRemove }: Props) {
  const figure = useRef<HTMLElement>(null);
  const version = useChartVersion(figure, 1000);
  const view = usePromView();
  const { result, from, to } = useMemo(() => {
    const now = Math.max(useIncidentStore.getState().time, 60);
    const start = Number.isFinite(range) ? Math.max(0, now - range) : 0;
    const source = view();
    return { result: source ? runPanel(source, panel, start, now) : undefined, from: start, to: now };
    // `version` is the change signal for the mutable buffer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, panel, range, version]);
  const thresholds = useMemo(() => panelThresholds(panel), [panel]);
  const marks = useMemo(() => annotations.filter((a) => a.t >= from && a.t <= to), [annotations, from, to]);
  const exprs = panel.queries.map((q) => q.expr).join('\n');
  const lines = result?.ok ? result.lines : [];
  const hasData = result?.ok === true && result.data.slice(1).some((col) => col.some((v) => v !== null));

  return (
    <figure className="panel chart-panel query-panel" aria-label={panel.title} ref={figure}>
      <figcaption className="panel-title">
        <span title={exprs}>{panel.title}</span>
        <span className="panel-latest">
          {lines.length === 1 ? metricValue(lines[0]!.latest, panel.unit) : null}
          {onRemove ? (
            <button
              type="button"
              className="link-button small"
              aria-label={`Unpin ${panel.title}`}
              onClick={onRemove}
            >
              Unpin
            </button>
          ) : null}
        </span>
      </figcaption>
      {result && !result.ok ? (
        <p className="error-text small">{result.error}</p>
      ) : hasData && result?.ok ? (
        <LivePlot
          data={result.data as uPlot.AlignedData}
          lines={lines}
          unit={panel.unit}
          from={from}
          to={to}
          thresholds={thresholds}
          annotations={marks}
          height={height}
        />
      ) : (
        <div className="chart-empty muted small" style={{ height }}>
          {/* Grafana's wording: an empty result early in the run is only data not there yet. */}
          No data
        </div>
      )}
      {lines.length > 1 ? (
        <ul className="legend">
          {lines.map((line, i) => (
            <li key={i}>
              <span className="legend-entry">
                <span className="swatch" style={{ background: line.color }} />
                {line.label} <span className="muted">{metricValue(line.latest, panel.unit)}</span>
              </span>
            </li>
          ))}
          {result?.ok && result.hidden > 0 ? (
            <li className="muted">
              +{result.hidden} more (top {lines.length} by peak shown)
            </li>
          ) : null}
        </ul>
      ) : null}
    </figure>
  );
}

export const QueryPanel = memo(QueryPanelImpl);
