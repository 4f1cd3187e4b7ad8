/**
 * Jaeger-like traces view: a search form (service, status, minimum duration, one attribute), the
 * matching sampled traces (failed first, then slowest), a waterfall of the selected one with the
 * clicked span's OpenTelemetry details (service.name, kind, ids, status, attributes), a jump to
 * the request's logs, and the kept traces as an OTLP/JSON download. A search and an opened trace
 * are 'investigate' steps (the debrief shows what was looked at).
 */
import { memo, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Span, Trace } from '../../../../simulator/engine/api';
import { clock } from '../../../lib/format';
import { saveTracesOtlp } from './otlp-export';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { describeSearch, searchTraces, servicesOf, type TraceSearch } from './search';
import { axisTicks, formatMs, sortTraces, waterfall } from './sort';
import './traces.css';

/** Rows rendered in the list. */
const MAX_LIST = 400;

interface Draft {
  service: string;
  status: '' | 'ok' | 'error';
  minMs: string;
  attribute: string;
}
const EMPTY_DRAFT: Draft = { service: '', status: '', minMs: '', attribute: '' };

function toSearch(d: Draft): TraceSearch {
  const min = Number(d.minMs);
  return {
    ...(d.service ? { service: d.service } : {}),
    ...(d.status ? { status: d.status } : {}),
    ...(d.minMs.trim() && Number.isFinite(min) && min > 0 ? { minDurationMs: min } : {}),
    ...(d.attribute.trim() ? { attribute: d.attribute.trim() } : {}),
  };
}

export function TracesTab() {
  const traces = useIncidentStore((s) => s.traces);
  const selectedId = useConsoleUi((s) => s.selectedTraceId);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [search, setSearch] = useState<TraceSearch>({});
  const [message, setMessage] = useState<string>();

  const services = useMemo(() => servicesOf(traces), [traces]);
  const result = useMemo(() => searchTraces(traces, search), [traces, search]);
  const sorted = useMemo(() => sortTraces(result.traces).slice(0, MAX_LIST), [result]);
  const selected = useMemo(
    () => (selectedId ? traces.find((t) => t.requestId === selectedId) : undefined),
    [traces, selectedId],
  );
  const failed = useMemo(() => traces.reduce((n, t) => n + (t.error ? 1 : 0), 0), [traces]);

  // An opened trace is a look at the system (recorded once per trace).
  useEffect(() => {
    if (selected) useIncidentStore.getState().look('trace', openedText(selected));
  }, [selected]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const next = toSearch(draft);
    setSearch(next);
    useIncidentStore.getState().look('traces', describeSearch(next));
  };
  const status = (value: Draft['status']) => {
    const next = { ...draft, status: value };
    setDraft(next);
    setSearch(toSearch(next));
    useIncidentStore.getState().look('traces', describeSearch(toSearch(next)));
  };

  const exportOtlp = async () => {
    const { scenario, tracesDropped } = useIncidentStore.getState();
    setMessage(await saveTracesOtlp(traces, tracesDropped, scenario?.id));
  };

  return (
    <div className="traces" data-testid="traces-tab">
      <section className="traces-list" aria-label="Sampled traces">
        <form className="traces-toolbar" role="search" onSubmit={submit}>
          <select
            value={draft.service}
            onChange={(e) => setDraft({ ...draft, service: e.target.value })}
            aria-label="Service"
          >
            <option value="">All services</option>
            {services.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <select
            value={draft.status}
            onChange={(e) => status(e.target.value as Draft['status'])}
            aria-label="Status"
          >
            <option value="">Any status</option>
            <option value="error">Error</option>
            <option value="ok">OK</option>
          </select>
          <input
            className="traces-min"
            type="number"
            min={0}
            placeholder="Min ms"
            aria-label="Minimum duration (ms)"
            value={draft.minMs}
            onChange={(e) => setDraft({ ...draft, minMs: e.target.value })}
          />
          <input
            className="traces-attr"
            type="search"
            placeholder="Attribute, e.g. http.response.status_code=503"
            aria-label="Attribute"
            aria-invalid={result.error ? true : undefined}
            value={draft.attribute}
            onChange={(e) => setDraft({ ...draft, attribute: e.target.value })}
          />
          <button type="submit">Find traces</button>
          <span className="muted small traces-count">
            {result.traces.length === traces.length
              ? `${traces.length} sampled · ${failed} failed`
              : `${result.traces.length} of ${traces.length} match`}
          </span>
          <button
            type="button"
            onClick={() => void exportOtlp()}
            disabled={traces.length === 0}
            title="Download the run's traces as OTLP/JSON (loads in Jaeger or Grafana Tempo)"
          >
            Export OTLP
          </button>
        </form>
        {result.error && (
          <p className="traces-error" role="alert">
            Attribute: {result.error}
          </p>
        )}
        {message && (
          <p className="traces-message muted small" role="status">
            {message}
          </p>
        )}
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
          <Waterfall key={selected.requestId} trace={selected} />
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

/** How an opened trace reads in the run's steps: its id and where it failed. */
function openedText(trace: Trace): string {
  const failing = [...new Set(trace.spans.filter((s) => s.error).map((s) => s.node))];
  return `${trace.requestId}${failing.length ? ` (failed at ${failing.join(', ')})` : ''}`;
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
  // The deepest failed span (closest to the cause) is the one to read first.
  const [picked, setPicked] = useState(() => originOfFailure(trace));
  const span = trace.spans[picked];
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
            </span>{' '}
            · trace_id <span className="mono">{trace.traceId}</span>
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
        {rows.map(({ span: s, offset, width }, i) => (
          <div
            key={i}
            className={`wf-row${s.error ? ' is-error' : ''}${i === picked ? ' is-picked' : ''}`}
            role="row"
            tabIndex={0}
            aria-selected={i === picked}
            onClick={() => setPicked(i)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                setPicked(i);
              }
            }}
          >
            <div
              className="wf-name"
              role="cell"
              style={{ paddingLeft: 8 + s.depth * 14 }}
              title={`${s.service} · ${s.operation} (${s.kind})`}
            >
              <span className="wf-node">{s.service}</span> <span className="muted">{s.operation}</span>
            </div>
            <div className="wf-track" role="cell">
              {ticks.map((v) => (
                <span key={v} className="wf-grid" style={{ left: `${total > 0 ? (v / total) * 100 : 0}%` }} />
              ))}
              <span className="wf-bar" style={{ left: `${offset * 100}%`, width: `${width * 100}%` }} />
            </div>
            <div className="wf-dur mono" role="cell">
              {formatMs(s.duration)}
            </div>
          </div>
        ))}
      </div>
      {span && <SpanDetail span={span} />}
    </div>
  );
});

/** The index of the deepest failed span (the first of them), or 0. */
export function originOfFailure(trace: Trace): number {
  let best = -1;
  trace.spans.forEach((s, i) => {
    if (s.error && (best < 0 || s.depth > trace.spans[best]!.depth)) best = i;
  });
  return Math.max(0, best);
}

function SpanDetail({ span }: { span: Span }) {
  const rows: [string, string][] = [
    ['service.name', span.service],
    ['span.kind', span.kind],
    ['span_id', span.spanId],
    ['parent_span_id', span.parentSpanId ?? '(root)'],
    ['status', span.error ? 'ERROR' : 'UNSET'],
    ...(span.statusMessage ? ([['status.message', span.statusMessage]] as [string, string][]) : []),
    ...Object.entries(span.attributes).map(([k, v]) => [k, String(v)] as [string, string]),
  ];
  return (
    <section className="span-detail" data-testid="span-detail" aria-label={`Span ${span.operation}`}>
      <h4>
        {span.service} · {span.operation} <span className="muted small">{formatMs(span.duration)}</span>
      </h4>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k} className={k === 'status.message' ? 'is-error' : undefined}>
              <th scope="row" className="mono">
                {k}
              </th>
              <td className="mono">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
