/**
 * Log lines as a log shipper would send them: logfmt (`ts=... level=error service=orders
 * request_id=... msg="..." status=500 duration_ms=55`) or JSON lines (one object per line, same
 * keys). The keys are those `| logfmt` and `| json` extract in logql.ts. Pure.
 */
import type { LogLine } from '../engine/api';

export const LOG_EXPORT_FORMATS = ['logfmt', 'jsonl'] as const;
export type LogExportFormat = (typeof LOG_EXPORT_FORMATS)[number];

/** The line's keys in order: time, level, service, request id, message, then its fields. */
export function logRecord(line: LogLine, startMs: number): Record<string, string | number> {
  return {
    ts: new Date(startMs + Math.round(line.t * 1000)).toISOString(),
    level: line.level,
    service: line.node,
    ...(line.requestId ? { request_id: line.requestId } : {}),
    msg: line.message,
    ...line.fields,
  };
}

/** A logfmt value: bare when it can be, else quoted with \\ and " escaped. */
function logfmtValue(v: string | number): string {
  const s = String(v);
  return s !== '' && /^[^\s"=\\]+$/.test(s)
    ? s
    : `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function toLogfmt(lines: readonly LogLine[], startMs: number): string {
  let out = '';
  for (const line of lines) {
    const r = logRecord(line, startMs);
    out += Object.entries(r)
      .map(([k, v]) => `${k}=${logfmtValue(v)}`)
      .join(' ');
    out += '\n';
  }
  return out;
}

export function toJsonLines(lines: readonly LogLine[], startMs: number): string {
  let out = '';
  for (const line of lines) out += `${JSON.stringify(logRecord(line, startMs))}\n`;
  return out;
}

export function exportLogs(lines: readonly LogLine[], format: LogExportFormat, startMs: number): string {
  return format === 'logfmt' ? toLogfmt(lines, startMs) : toJsonLines(lines, startMs);
}

/** Parses one logfmt line back into its keys (tests, and anyone reading an export). */
export function parseLogfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s]*))/g;
  for (let m = re.exec(line); m; m = re.exec(line))
    out[m[1]!] = m[2] !== undefined ? m[2].replace(/\\n/g, '\n').replace(/\\(.)/g, '$1') : (m[3] ?? '');
  return out;
}
