import { useMemo } from 'react';
import { useConsoleUi, TIME_RANGES, type DashboardSource } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { pinnedExpr, pinsOf, useExploreStore } from '../../../stores/explore-store';
import { MetricChart, type Annotation } from './MetricChart';
import { QueryPanel } from './QueryPanel';
import {
  ANNOTATION_KINDS,
  SLO_COLOR,
  asPromPanel,
  authoredPanels,
  collapseAnnotations,
  nodePanels,
  overviewPanels,
} from './panels';

const SOURCES: readonly { id: DashboardSource; label: string; title: string }[] = [
  { id: 'engine', label: 'Engine 1s', title: "The engine's own series, every second" },
  {
    id: 'prometheus',
    label: 'Prometheus 15s',
    title: 'The same panels as PromQL over the 15 s scrapes, as Grafana would draw them',
  },
];

export function DashboardTab() {
  const scenario = useIncidentStore((s) => s.scenario);
  const buffer = useIncidentStore((s) => s.buffer);
  const events = useIncidentStore((s) => s.events);
  const selectedNode = useConsoleUi((s) => s.selectedNode);
  const selectNode = useConsoleUi((s) => s.selectNode);
  const timeRange = useConsoleUi((s) => s.timeRange);
  const setTimeRange = useConsoleUi((s) => s.setTimeRange);
  const source = useConsoleUi((s) => s.dashboardSource);
  const setSource = useConsoleUi((s) => s.setDashboardSource);
  const pins = useExploreStore((s) => pinsOf(s, scenario?.id));

  const panels = useMemo(() => {
    if (!scenario || !buffer) return [];
    return selectedNode
      ? nodePanels(scenario, buffer.series, selectedNode)
      : overviewPanels(scenario, buffer.series);
  }, [scenario, buffer, selectedNode]);

  // The Prometheus source: the same panels as PromQL (stable objects, so QueryPanel's memo holds).
  const promPanels = useMemo(() => panels.map((p) => ({ key: p.key, panel: asPromPanel(p) })), [panels]);
  const engineOnly = promPanels.filter((p) => !p.panel).length;

  const authored = useMemo(
    () => (scenario ? authoredPanels(scenario, selectedNode) : []),
    [scenario, selectedNode],
  );

  const annotations = useMemo<Annotation[]>(() => collapseAnnotations(events), [events]);
  const kinds = useMemo(() => new Set(annotations.map((a) => a.kind)), [annotations]);

  const range = TIME_RANGES.find((r) => r.id === timeRange)?.seconds ?? 900;

  if (!scenario || !buffer) return <p className="muted pad">Waiting for the first metrics…</p>;

  return (
    <div className="dashboard">
      <div className="toolbar">
        <label>
          <span className="muted small">Dashboard</span>{' '}
          <select
            value={selectedNode ?? ''}
            onChange={(e) => selectNode(e.target.value || undefined)}
            aria-label="Dashboard"
          >
            <option value="">Overview (all nodes)</option>
            {scenario.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.id} ({n.kind})
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group" aria-label="Data source">
          {SOURCES.map((s) => (
            <button
              key={s.id}
              className={s.id === source ? 'active' : ''}
              aria-pressed={s.id === source}
              title={s.title}
              onClick={() => setSource(s.id)}
            >
              {s.label}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Time range">
          {TIME_RANGES.map((r) => (
            <button
              key={r.id}
              className={r.id === timeRange ? 'active' : ''}
              onClick={() => setTimeRange(r.id)}
            >
              {r.label}
            </button>
          ))}
        </div>
        <ul className="muted small legend-note" aria-label="Markers">
          <li>
            <span className="swatch" style={{ background: SLO_COLOR }} /> SLO
          </li>
          {/* Your actions and deploys always; the other markers once one is on the charts. */}
          {ANNOTATION_KINDS.filter(
            (k) => k.kind === 'action' || k.kind === 'deploy' || kinds.has(k.kind),
          ).map((k) => (
            <li key={k.kind}>
              <span className="swatch marker" style={{ borderColor: k.color }} /> {k.label}
            </li>
          ))}
        </ul>
      </div>
      {source === 'prometheus' && engineOnly > 0 ? (
        <p className="muted small source-note">
          {engineOnly} of this dashboard&apos;s metrics have no exporter series (probe states, disk,
          per-call); the Engine source shows them.
        </p>
      ) : null}
      <div className="panel-grid">
        {source === 'prometheus'
          ? promPanels.map(({ key, panel }) =>
              panel ? (
                <QueryPanel
                  key={`prom-${selectedNode ?? 'overview'}-${key}`}
                  panel={panel}
                  range={range}
                  annotations={annotations}
                />
              ) : null,
            )
          : panels.map((panel) => (
              <MetricChart
                key={`${selectedNode ?? 'overview'}-${panel.key}`}
                title={panel.title}
                unit={panel.unit}
                lines={panel.lines}
                range={range}
                slo={panel.slo}
                annotations={annotations}
                promql={panel.promql}
              />
            ))}
        {authored.map(({ panel, index }) => (
          <QueryPanel key={`panel-${index}`} panel={panel} range={range} annotations={annotations} />
        ))}
        {selectedNode
          ? null
          : pins.map((pin) => (
              <QueryPanel
                key={`pin-${pinnedExpr(pin)}`}
                panel={pin}
                range={range}
                onRemove={() => useExploreStore.getState().unpin(scenario.id, pinnedExpr(pin))}
              />
            ))}
      </div>
    </div>
  );
}
