/**
 * Loki-like log explorer over the whole run's lines (stores/log-store.ts): a LogQL query bar
 * (simulator/logs/logql.ts; its errors name the column), a log-volume histogram by level whose
 * bars pick a time range, quick filters by service, level, text and request id (shared with other
 * views through useConsoleUi.logQuery), a live tail (follows the newest line until the trainee
 * scrolls up or pauses), request ids that open their trace, and the matching lines as logfmt or
 * JSON lines. A LogQL query run is an 'investigate' step.
 *
 * Fast at 60x: the live view takes the store's lines at most 4 times a second, and the list is
 * virtual (fixed-height rows; only those in view and a margin are in the DOM).
 */
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type UIEvent,
  type WheelEvent,
} from 'react';
import type { LogLine, Trace } from '../../../../simulator/engine/api';
import { exportLogs, type LogExportFormat } from '../../../../simulator/logs/export';
import { parseLogql } from '../../../../simulator/logs/logql';
import { CLOCK_ORIGIN_MS } from '../../../../simulator/shell/format';
import { clock } from '../../../lib/format';
import { hostApi } from '../../../platform/web-api';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { countNewer, filterLogs, isFiltered, LOG_LEVELS, logMatcher, type LogQuery } from './filter';
import { LogVolume } from './LogVolume';
import './logs.css';

/** Matching lines the list can scroll through (the store keeps at most 20,000 anyway). */
export const MAX_ROWS = 20_000;
/** Row height in pixels (fixed, so the list can be virtual; logs.css sets the same). */
export const ROW_HEIGHT = 20;
/** Rows rendered above and below the visible ones; and how many when the height is unknown. */
const OVERSCAN = 20;
const FALLBACK_ROWS = 60;
/** Pixels from the bottom within which the view counts as following the tail. */
const FOLLOW_SLACK = 24;
/** The live view refreshes at most this often (ms): enough to read, cheap at 60x. */
const LIVE_REFRESH_MS = 250;

const EMPTY_QUERY: LogQuery = {};
const lineIds = new WeakMap<LogLine, number>();
let nextLineId = 1;
function lineKey(line: LogLine): number {
  let id = lineIds.get(line);
  if (id === undefined) {
    id = nextLineId++;
    lineIds.set(line, id);
  }
  return id;
}

/** `value`, but updated at most every `ms` (the latest value always arrives). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    if (wait <= 0) {
      last.current = performance.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}

/**
 * Subscribes to the store (a snapshot arrives up to 10+ times a second at 60x) and hands the view
 * the lines and traces at most every LIVE_REFRESH_MS, so the view re-renders 4 times a second.
 */
export function LogsTab() {
  const logs = useThrottled(
    useIncidentStore((s) => s.logs),
    LIVE_REFRESH_MS,
  );
  const traces = useThrottled(
    useIncidentStore((s) => s.traces),
    LIVE_REFRESH_MS,
  );
  const thinnedBefore = useIncidentStore((s) => s.logsThinnedBefore);
  return <LogsView logs={logs} traces={traces} thinnedBefore={thinnedBefore} />;
}

interface LogsViewProps {
  readonly logs: readonly LogLine[];
  readonly traces: readonly Trace[];
  readonly thinnedBefore: number;
}

const LogsView = memo(function LogsView({ logs, traces, thinnedBefore }: LogsViewProps) {
  const scenario = useIncidentStore((s) => s.scenario);
  const query = useConsoleUi((s) => s.logQuery) ?? EMPTY_QUERY;
  const setLogQuery = useConsoleUi((s) => s.setLogQuery);
  const openTrace = useConsoleUi((s) => s.openTrace);

  // While paused, the view shows the lines as they were when it paused.
  const [frozen, setFrozen] = useState<readonly LogLine[] | null>(null);
  const live = frozen === null;
  const source = frozen ?? logs;
  const { rows, total } = useMemo(() => filterLogs(source, query, MAX_ROWS), [source, query]);
  const newer = useMemo(() => (frozen ? countNewer(logs, frozen[frozen.length - 1]) : 0), [frozen, logs]);
  const traceIds = useMemo(() => new Set(traces.map((t) => t.requestId)), [traces]);
  const nodes = useMemo(() => scenario?.nodes.map((n) => n.id) ?? [], [scenario]);
  // The histogram shows the whole run under the query, without its time range.
  const volumeMatch = useMemo(() => logMatcher({ ...query, from: undefined, to: undefined }), [query]);

  const [draft, setDraft] = useState(query.logql ?? '');
  useEffect(() => setDraft(query.logql ?? ''), [query.logql]);
  const draftError = useMemo(() => {
    if (!draft.trim()) return undefined;
    const parsed = parseLogql(draft);
    return 'error' in parsed ? parsed : undefined;
  }, [draft]);
  const [tried, setTried] = useState(false);

  const listRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  /** True while a pointer is down on the list (e.g. dragging its scrollbar). */
  const holding = useRef(false);
  useLayoutEffect(() => {
    const el = listRef.current;
    // Following the tail: the window is derived from the row count, so no state to set here
    // (a second render per update, and a forced layout, would cost a frame at 60x).
    if (live && el && !holding.current) el.scrollTop = el.scrollHeight;
  }, [rows, live]);
  useEffect(() => {
    const el = listRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Scrolling up pauses the tail. Only the trainee's own gestures count (wheel, keys, dragging),
  // so the view's own jumps to the bottom and content changes never pause it by accident.
  const pause = useCallback(() => {
    if (!live) return;
    const el = listRef.current;
    if (el) setViewport({ top: el.scrollTop, height: el.clientHeight });
    setFrozen(logs);
  }, [live, logs]);
  const onWheel = useCallback(
    (e: WheelEvent<HTMLDivElement>) =>
      e.deltaY < 0 && e.currentTarget.scrollHeight > e.currentTarget.clientHeight && pause(),
    [pause],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) =>
      (e.key === 'ArrowUp' || e.key === 'PageUp' || e.key === 'Home') && pause(),
    [pause],
  );
  const onPointerDown = useCallback(() => {
    holding.current = true;
    window.addEventListener('pointerup', () => (holding.current = false), { once: true });
  }, []);
  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (holding.current && fromBottom > FOLLOW_SLACK) pause();
      // The live tail's own scrolling needs no re-render; the trainee's does.
      if (!live || holding.current) setViewport({ top: el.scrollTop, height: el.clientHeight });
    },
    [pause, live],
  );

  const update = (patch: Partial<LogQuery>) => setLogQuery({ ...query, ...patch });
  const onRequestId = useCallback(
    (requestId: string) => {
      if (traceIds.has(requestId)) openTrace(requestId);
      else setLogQuery({ ...useConsoleUi.getState().logQuery, requestId });
    },
    [traceIds, openTrace, setLogQuery],
  );
  const runQuery = () => {
    setTried(true);
    const text = draft.trim();
    if (text && draftError) return;
    update({ logql: text || undefined });
    if (text) useIncidentStore.getState().look('logql', text);
  };

  const [message, setMessage] = useState<string>();
  const download = async (format: LogExportFormat) => {
    const name = `${scenario?.id ?? 'run'}-logs.${format === 'logfmt' ? 'logfmt' : 'jsonl'}`;
    try {
      const saved = await hostApi().saveFile(name, exportLogs(rows, format, CLOCK_ORIGIN_MS));
      setMessage(saved ? `${rows.length} lines saved as ${name}.` : 'Export cancelled.');
    } catch (error) {
      setMessage(`Could not export the lines: ${(error as Error).message}`);
    }
  };

  // The virtual window: rows in view plus a margin; all of them' height is kept by padding.
  const count = rows.length;
  const height = viewport.height > 0 ? viewport.height : FALLBACK_ROWS * ROW_HEIGHT;
  const top = live ? Math.max(0, count * ROW_HEIGHT - height) : viewport.top;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const shown = rows.slice(first, last);

  const filtered = isFiltered(query);
  const ranged = query.from !== undefined || query.to !== undefined;
  return (
    <div className="logs" data-testid="logs-tab">
      <form
        className="logs-query"
        role="search"
        aria-label="LogQL"
        onSubmit={(e) => {
          e.preventDefault();
          runQuery();
        }}
      >
        <input
          className="logs-logql"
          aria-label="LogQL query"
          placeholder='LogQL, e.g. {service="checkout"} |= "timeout"  or  {level="error"} | logfmt | status >= 500'
          spellCheck={false}
          value={draft}
          aria-invalid={tried && draftError ? true : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setTried(false);
          }}
        />
        <button type="submit" className="primary">
          Run query
        </button>
        {query.logql && (
          <button type="button" onClick={() => update({ logql: undefined })}>
            Clear query
          </button>
        )}
      </form>
      {draftError && (tried || draft.length > 3) && (
        <div className="logs-query-error" role="alert" data-testid="logql-error">
          <pre className="logs-caret" aria-hidden="true">
            {draft}
            {'\n'}
            {' '.repeat(Math.max(0, draftError.column - 1))}^
          </pre>
          <span>{draftError.error}</span>
        </div>
      )}
      <LogVolume
        lines={source}
        match={volumeMatch}
        end={source.at(-1)?.t ?? 0}
        from={query.from}
        to={query.to}
        thinnedBefore={thinnedBefore}
        onPick={(from, to) => update({ from, to })}
      />
      <div className="logs-toolbar">
        <select
          value={query.node ?? ''}
          onChange={(e) => update({ node: e.target.value || undefined })}
          aria-label="Service"
        >
          <option value="">All services</option>
          {nodes.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <select
          value={query.level ?? ''}
          onChange={(e) => update({ level: e.target.value || undefined })}
          aria-label="Level"
        >
          <option value="">All levels</option>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="logs-text"
          placeholder="Search text…"
          aria-label="Search text"
          value={query.text ?? ''}
          onChange={(e) => update({ text: e.target.value || undefined })}
        />
        <input
          type="search"
          className="logs-request"
          placeholder="Request id"
          aria-label="Request id"
          value={query.requestId ?? ''}
          onChange={(e) => update({ requestId: e.target.value || undefined })}
        />
        {ranged && (
          <button type="button" onClick={() => update({ from: undefined, to: undefined })}>
            {clock(query.from ?? 0)}–{query.to !== undefined ? clock(query.to) : 'now'} ✕
          </button>
        )}
        {filtered && (
          <button type="button" onClick={() => setLogQuery({})}>
            Clear
          </button>
        )}
        <span className="logs-spacer" />
        <span className="logs-count muted small" aria-live="polite">
          {total > rows.length
            ? `newest ${rows.length} of ${total} lines`
            : `${total} line${total === 1 ? '' : 's'}`}
        </span>
        <button type="button" onClick={() => void download('logfmt')} disabled={rows.length === 0}>
          logfmt
        </button>
        <button type="button" onClick={() => void download('jsonl')} disabled={rows.length === 0}>
          JSON lines
        </button>
        <button
          type="button"
          className={`logs-live ${live ? 'is-live' : 'is-paused'}`}
          aria-pressed={live}
          onClick={() => (live ? pause() : setFrozen(null))}
          title={live ? 'Pause the live tail' : 'Resume the live tail'}
        >
          {live ? '● Live' : `❚❚ Paused${newer > 0 ? ` · ${newer} new` : ''}`}
        </button>
      </div>
      {message && (
        <p className="logs-message muted small" role="status">
          {message}
        </p>
      )}
      <div
        className="logs-list"
        ref={listRef}
        onScroll={onScroll}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onTouchMove={pause}
        role="log"
        aria-label="Log lines"
        tabIndex={0}
      >
        {count === 0 ? (
          <div className="logs-empty muted">
            {source.length === 0 ? (
              'No log lines yet.'
            ) : (
              <>
                No log lines match these filters.{' '}
                <button type="button" className="logs-link" onClick={() => setLogQuery({})}>
                  Clear filters
                </button>
              </>
            )}
          </div>
        ) : (
          <div style={{ paddingTop: first * ROW_HEIGHT, paddingBottom: (count - last) * ROW_HEIGHT }}>
            {shown.map((line) => (
              <LogRow
                key={lineKey(line)}
                line={line}
                traced={line.requestId !== undefined && traceIds.has(line.requestId)}
                onRequestId={onRequestId}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
});

interface LogRowProps {
  readonly line: LogLine;
  readonly traced: boolean;
  readonly onRequestId: (requestId: string) => void;
}

const LogRow = memo(function LogRow({ line, traced, onRequestId }: LogRowProps) {
  return (
    <div className={`log-row lvl-${line.level}`}>
      <span className="log-time">{clock(line.t)}</span>
      <span className="log-level">{line.level}</span>
      <span className="log-node" title={line.node}>
        {line.node}
      </span>
      <span className="log-message" title={line.message}>
        {line.message}
      </span>
      <span className="log-request">
        {line.requestId && (
          <button
            type="button"
            className={`logs-link${traced ? ' has-trace' : ''}`}
            onClick={() => onRequestId(line.requestId as string)}
            title={traced ? 'Open this request’s trace' : 'Show every line of this request'}
          >
            {line.requestId}
          </button>
        )}
      </span>
    </div>
  );
});
