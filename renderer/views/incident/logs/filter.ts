/**
 * Log filtering for the Loki-like explorer: a LogQL query (simulator/logs/logql.ts), a time range,
 * and the quick filters by node, level, free text and request id, all ANDed. Pure and
 * allocation-light: scans from the newest line back and keeps at most `limit` matches, so 20,000
 * lines filter in a few milliseconds. A LogQL query that does not parse filters nothing (the tab
 * shows its error).
 */
import type { LogLevel, LogLine } from '../../../../simulator/engine/api';
import { parseLogql } from '../../../../simulator/logs/logql';

export interface LogQuery {
  readonly node?: string;
  readonly level?: string;
  readonly text?: string;
  readonly requestId?: string;
  /** A LogQL query, e.g. {service="checkout"} |= "timeout". */
  readonly logql?: string;
  /** Simulated seconds: lines at or after `from` and before `to`. */
  readonly from?: number;
  readonly to?: number;
}

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A predicate for one query; text matches the message, node or request id, case-insensitively. */
export function logMatcher(query: LogQuery): (line: LogLine) => boolean {
  const node = query.node || undefined;
  const level = query.level || undefined;
  const requestId = query.requestId?.trim() || undefined;
  const text = query.text?.trim().toLowerCase() || undefined;
  const parsed = query.logql?.trim() ? parseLogql(query.logql) : undefined;
  const logql = parsed && !('error' in parsed) ? parsed.matches : undefined;
  const from = query.from ?? -Infinity;
  const to = query.to ?? Infinity;
  return (line) =>
    line.t >= from &&
    line.t < to &&
    (logql === undefined || logql(line)) &&
    (node === undefined || line.node === node) &&
    (level === undefined || line.level === level) &&
    (requestId === undefined || line.requestId === requestId) &&
    (text === undefined ||
      line.message.toLowerCase().includes(text) ||
      line.node.toLowerCase().includes(text) ||
      (line.requestId?.toLowerCase().includes(text) ?? false));
}

export interface FilteredLogs {
  /** The newest `limit` matching lines, oldest first. */
  readonly rows: readonly LogLine[];
  /** How many lines match in all. */
  readonly total: number;
}

export function filterLogs(logs: readonly LogLine[], query: LogQuery, limit: number): FilteredLogs {
  const match = logMatcher(query);
  const rows: LogLine[] = [];
  let total = 0;
  for (let i = logs.length - 1; i >= 0; i--) {
    const line = logs[i];
    if (!line || !match(line)) continue;
    total++;
    if (rows.length < limit) rows.push(line);
  }
  rows.reverse();
  return { rows, total };
}

/** True when the query filters anything. */
export function isFiltered(query: LogQuery): boolean {
  return Boolean(
    query.node ||
    query.level ||
    query.text?.trim() ||
    query.requestId?.trim() ||
    query.logql?.trim() ||
    query.from !== undefined ||
    query.to !== undefined,
  );
}

/** Lines that arrived after `last` (the newest line when the view was paused), matched by value. */
export function countNewer(logs: readonly LogLine[], last: LogLine | undefined): number {
  if (!last) return logs.length;
  for (let i = logs.length - 1; i >= 0; i--) {
    const l = logs[i];
    if (
      l === last ||
      (l &&
        l.t === last.t &&
        l.node === last.node &&
        l.message === last.message &&
        l.requestId === last.requestId)
    ) {
      return logs.length - 1 - i;
    }
  }
  return logs.length;
}
