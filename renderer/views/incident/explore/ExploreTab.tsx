/**
 * Explore: ad-hoc PromQL over the running incident, as in Grafana's Explore or Prometheus's
 * query page. The editor completes functions, metric names and label values from the run's
 * Prometheus view; a query graphs over the dashboard's time range and tabulates its value now;
 * queries run are kept in a history and can be pinned to the dashboard. Every query is read-only.
 */
import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { TIME_RANGES, useConsoleUi } from '../../../stores/console-ui-store';
import { pinnedExpr, pinsOf, useExploreStore } from '../../../stores/explore-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { LivePlot } from '../dashboard/LivePlot';
import { PALETTE } from '../dashboard/panels';
import { PromQLEditor } from './PromQLEditor';
import { runMetadataClient } from './run-client';
import { usePromView } from './prom-view';
import { runQuery, seriesLabel, type QueryOutcome } from './run-query';
import './explore.css';

/** Most lines a graph draws (Grafana's default series limit is far higher; a panel is small). */
const MAX_LINES = 12;

const EXAMPLES = [
  'sum by (service) (rate(http_requests_total{code="500"}[5m])) / sum by (service) (rate(http_requests_total[5m]))',
  'histogram_quantile(0.99, sum by (le, service) (rate(http_request_duration_seconds_bucket[5m])))',
  'increase(kube_pod_container_status_restarts_total[10m]) > 0',
];

export function QueryResultGraph({ outcome, height }: { outcome: QueryOutcome; height: number }) {
  const { data, lines } = useMemo(() => {
    if (!outcome.ok || outcome.lines.length === 0) return { data: [[]] as uPlot.AlignedData, lines: [] };
    const shown = outcome.lines.slice(0, MAX_LINES);
    return {
      data: [shown[0]!.t, ...shown.map((l) => l.v)] as uPlot.AlignedData,
      lines: shown.map((l, i) => ({
        label: seriesLabel(l.labels),
        color: PALETTE[i % PALETTE.length] ?? '#5b9dff',
      })),
    };
  }, [outcome]);
  if (!outcome.ok) return <p className="error-text explore-error">{outcome.error}</p>;
  if (lines.length === 0) return <p className="muted small">Empty query result.</p>;
  const t = outcome.lines[0]!.t;
  return (
    <LivePlot
      data={data}
      lines={lines}
      unit={undefined}
      from={t[0] ?? 0}
      to={t[t.length - 1] ?? 0}
      annotations={[]}
      height={height}
    />
  );
}

export function ExploreTab() {
  const scenario = useIncidentStore((s) => s.scenario);
  const query = useExploreStore((s) => s.query);
  const setQuery = useExploreStore((s) => s.setQuery);
  const history = useExploreStore((s) => s.history);
  const pins = useExploreStore((s) => pinsOf(s, scenario?.id));
  const timeRange = useConsoleUi((s) => s.timeRange);
  const view = usePromView();
  const client = useMemo(() => runMetadataClient(view), [view]);
  const [outcome, setOutcome] = useState<QueryOutcome | undefined>();
  const [ran, setRan] = useState('');

  const range = TIME_RANGES.find((r) => r.id === timeRange)?.seconds ?? 900;
  const execute = (expr: string) => {
    const source = view();
    if (!source) return;
    const now = useIncidentStore.getState().time;
    const from = Number.isFinite(range) ? Math.max(0, now - range) : 0;
    setOutcome(runQuery(source, expr, from, now));
    setRan(expr.trim());
    useExploreStore.getState().remember(expr);
    // A query is a look at the system: an investigate step (debrief), not scored.
    useIncidentStore.getState().look('promql', expr);
  };

  if (!scenario) return <p className="muted pad">Waiting for the first metrics…</p>;
  const pinned = pins.some((p) => pinnedExpr(p) === ran);

  return (
    <div className="explore">
      <div className="explore-query">
        <PromQLEditor value={query} client={client} onChange={setQuery} onRun={execute} />
        <button type="button" className="primary" onClick={() => execute(query)}>
          Run query
        </button>
      </div>
      <p className="muted small">
        PromQL over this run, scraped every 15 s; Enter runs, Tab or Ctrl+Space completes. Window:{' '}
        {TIME_RANGES.find((r) => r.id === timeRange)?.label ?? timeRange} (the dashboard&apos;s range).
      </p>
      {outcome ? (
        <section className="explore-result" aria-label="Query result">
          <div className="explore-result-head">
            <code className="explore-ran">{ran}</code>
            {outcome.ok ? (
              <span className="muted small">
                {outcome.lines.length} series · step {outcome.stepSeconds}s
              </span>
            ) : null}
            {outcome.ok ? (
              <button
                type="button"
                disabled={pinned}
                onClick={() => useExploreStore.getState().pin(scenario.id, ran)}
              >
                {pinned ? 'Pinned' : 'Pin to dashboard'}
              </button>
            ) : null}
          </div>
          <QueryResultGraph outcome={outcome} height={220} />
          {outcome.ok && outcome.table.length > 0 ? (
            <table className="explore-table">
              <thead>
                <tr>
                  <th>Series</th>
                  <th>Value now</th>
                </tr>
              </thead>
              <tbody>
                {outcome.table.slice(0, 100).map((row, i) => (
                  <tr key={i}>
                    <td>
                      <code>{seriesLabel(row.labels)}</code>
                    </td>
                    <td className="num">
                      {Number.isFinite(row.value)
                        ? row.value.toPrecision(6).replace(/\.?0+$/, '')
                        : String(row.value)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : (
        <section className="explore-examples" aria-label="Examples">
          <p className="muted small">Try:</p>
          {EXAMPLES.map((e) => (
            <button key={e} type="button" className="link-button explore-example" onClick={() => setQuery(e)}>
              <code>{e}</code>
            </button>
          ))}
        </section>
      )}
      {history.length > 0 ? (
        <section className="explore-history" aria-label="Query history">
          <h3 className="muted small">History</h3>
          <ul>
            {history.map((h) => (
              <li key={h}>
                <button type="button" className="link-button" onClick={() => (setQuery(h), execute(h))}>
                  <code>{h}</code>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
