/**
 * Jaeger-like traces view: sampled traces (failed first, then slowest) and a waterfall of the
 * selected one showing where its time went, with a jump to the request's logs.
 */
import { memo, useMemo, useState } from 'react';
import type { Trace } from '../../../../simulator/engine/api';
import { clock } from '../../../lib/format';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { axisTicks, formatMs, sortTraces, waterfall } from './sort';
import './traces.css';

/** Rows rendered in the list (the store keeps at most 400 traces anyway). */
const MAX_LIST = 400;

export function TracesTab() {
  const traces = useIncidentStore((s) => s.traces);
  const selectedId = useConsoleUi((s) => s.selectedTraceId);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [node, setNode] = useState('');

  const roots = useMemo(() => [...new Set(traces.map((t) => t.root))].sort(), [traces]);
  const sorted = useMemo(() => {
    const shown = traces.filter(
      (t) => (!errorsOnly || t.error) && (!node || t.root === node || t.spans.some((s) => s.node === node)),
    );
    return sortTraces(shown).slice(0, MAX_LIST);
  }, [traces, errorsOnly, node]);
  const selected = useMemo(
    () => (selectedId ? traces.find((t) => t.requestId === selectedId) : undefined),
    [traces, selectedId],
  );
  const failed = useMemo(() => traces.reduce((n, t) => n + (t.error ? 1 : 0), 0), [traces]);

  return (
    <div className="traces" data-testid="traces-tab">
      <section className="traces-list" aria-label="Sampled traces">
        <div className="traces-toolbar">
          <select value={node} onChange={(e) => setNode(e.target.value)} aria-label="Through service">
            <option value="">All services</option>
            {roots.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <label className="traces-check">
            <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />{' '}
            Failed only
          </label>
          <span className="muted small traces-count">
            {traces.length} sampled · {failed} failed
          </span>
        </div>
        {sorted.length === 0 ? (
          <p className="traces-empty muted">
            {traces.length === 0 ? 'No traces sampled yet.' : 'No traces match.'}
          </p>
        ) : (
          <div className="traces-table-wrap">
            <table className="traces-table">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Root</th>
                  <th scope="col" className="num">
                    Duration
                  </th>
                  <th scope="col" className="num">
                    Spans
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((t) => (
                  <TraceRow key={t.requestId} trace={t} selected={t.requestId === selectedId} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="traces-detail" aria-label="Trace detail">
        {selected ? (
          <Waterfall trace={selected} />
        ) : (
          <p className="traces-empty muted">
            {selectedId
              ? `Trace ${selectedId} is no longer kept (only the latest sampled traces are).`
              : 'Select a trace to see where its time went.'}
          </p>
        )}
      </section>
    </div>
  );
}

const TraceRow = memo(function TraceRow({ trace, selected }: { trace: Trace; selected: boolean }) {
  const open = () => useConsoleUi.getState().openTrace(trace.requestId);
  return (
    <tr
      className={`trace-row${trace.error ? ' is-error' : ''}${selected ? ' is-selected' : ''}`}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      }}
      tabIndex={0}
      aria-selected={selected}
    >
      <td className="mono">{clock(trace.t)}</td>
      <td>{trace.root}</td>
      <td className="num mono">{formatMs(trace.duration)}</td>
      <td className="num mono">{trace.spans.length}</td>
      <td>
        <span className={`trace-status ${trace.error ? 'error' : 'ok'}`}>{trace.error ? 'error' : 'ok'}</span>
      </td>
    </tr>
  );
});

const Waterfall = memo(function Waterfall({ trace }: { trace: Trace }) {
  const { rows, total } = useMemo(() => waterfall(trace), [trace]);
  const ticks = useMemo(() => axisTicks(total), [total]);
  const showLogs = () => {
    const ui = useConsoleUi.getState();
    ui.setLogQuery({ requestId: trace.requestId });
    ui.setTab('logs');
  };
  return (
    <div className="waterfall" data-testid="waterfall">
      <header className="waterfall-head">
        <div>
          <h3>
            {trace.root} <span className="mono muted">{trace.requestId}</span>
          </h3>
          <div className="muted small">
            at {clock(trace.t)} · {formatMs(trace.duration)} · {trace.spans.length} spans ·{' '}
            <span className={`trace-status ${trace.error ? 'error' : 'ok'}`}>
              {trace.error ? 'error' : 'ok'}
            </span>
          </div>
        </div>
        <button type="button" onClick={showLogs}>
          Logs for this request
        </button>
      </header>
      <div className="waterfall-grid" role="table" aria-label={`Spans of ${trace.requestId}`}>
        <div className="wf-row wf-axis" role="row">
          <div className="wf-name" role="columnheader">
            Service · operation
          </div>
          <div className="wf-track" role="columnheader">
            {ticks.map((v) => (
              <span key={v} className="wf-tick" style={{ left: `${total > 0 ? (v / total) * 100 : 0}%` }}>
                {formatMs(v)}
              </span>
            ))}
          </div>
          <div className="wf-dur" role="columnheader">
            Duration
          </div>
        </div>
        {rows.map(({ span, offset, width }, i) => (
          <div key={i} className={`wf-row${span.error ? ' is-error' : ''}`} role="row">
            <div
              className="wf-name"
              role="cell"
              style={{ paddingLeft: 8 + span.depth * 14 }}
              title={`${span.node} · ${span.operation}`}
            >
              <span className="wf-node">{span.node}</span> <span className="muted">{span.operation}</span>
            </div>
            <div className="wf-track" role="cell">
              {ticks.map((v) => (
                <span key={v} className="wf-grid" style={{ left: `${total > 0 ? (v / total) * 100 : 0}%` }} />
              ))}
              <span className="wf-bar" style={{ left: `${offset * 100}%`, width: `${width * 100}%` }} />
            </div>
            <div className="wf-dur mono" role="cell">
              {formatMs(span.duration)}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
});
