/**
 * Loki-like log explorer: live tail (follows the newest line until the trainee scrolls up or
 * pauses), filters by service, level, text and request id (shared with other views through
 * useConsoleUi.logQuery), and request ids that open their trace. Renders at most the newest
 * MAX_ROWS matching lines, so 5,000 lines in the store stay smooth.
 */
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type UIEvent,
  type WheelEvent,
} from 'react';
import type { LogLine } from '../../../../simulator/engine/api';
import { clock } from '../../../lib/format';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { countNewer, filterLogs, isFiltered, LOG_LEVELS, type LogQuery } from './filter';
import './logs.css';

export const MAX_ROWS = 500;
/** Pixels from the bottom within which the view counts as following the tail. */
const FOLLOW_SLACK = 24;

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

export function LogsTab() {
  const logs = useIncidentStore((s) => s.logs);
  const traces = useIncidentStore((s) => s.traces);
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

  const listRef = useRef<HTMLDivElement>(null);
  /** True while a pointer is down on the list (e.g. dragging its scrollbar). */
  const holding = useRef(false);
  useLayoutEffect(() => {
    const el = listRef.current;
    if (live && el && !holding.current) el.scrollTop = el.scrollHeight;
  }, [rows, live]);

  // Scrolling up pauses the tail. Only the trainee's own gestures count (wheel, keys, dragging),
  // so the view's own jumps to the bottom and content changes never pause it by accident.
  const pause = useCallback(() => {
    if (live) setFrozen(logs);
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
    },
    [pause],
  );

  const update = (patch: Partial<LogQuery>) => setLogQuery({ ...query, ...patch });
  const onRequestId = useCallback(
    (requestId: string) => {
      if (traceIds.has(requestId)) openTrace(requestId);
      else setLogQuery({ ...useConsoleUi.getState().logQuery, requestId });
    },
    [traceIds, openTrace, setLogQuery],
  );

  const filtered = isFiltered(query);
  return (
    <div className="logs" data-testid="logs-tab">
      <div className="logs-toolbar" role="search">
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
        <button
          type="button"
          className={`logs-live ${live ? 'is-live' : 'is-paused'}`}
          aria-pressed={live}
          onClick={() => setFrozen(live ? logs : null)}
          title={live ? 'Pause the live tail' : 'Resume the live tail'}
        >
          {live ? '● Live' : `❚❚ Paused${newer > 0 ? ` · ${newer} new` : ''}`}
        </button>
      </div>
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
        {rows.length === 0 ? (
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
          rows.map((line) => (
            <LogRow
              key={lineKey(line)}
              line={line}
              traced={line.requestId !== undefined && traceIds.has(line.requestId)}
              onRequestId={onRequestId}
            />
          ))
        )}
      </div>
    </div>
  );
}

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
      <span className="log-message">{line.message}</span>
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
