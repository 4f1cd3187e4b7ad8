/**
 * Trace search as Jaeger's and Tempo's search forms offer it: by service (any span's service.name
 * or node), status, minimum duration and one attribute (`key`, `key=value` or `key!=value`, on any
 * span). Pure; a malformed attribute filter is an error message, never an exception.
 */
import type { Trace } from '../../../../simulator/engine/api';

export interface TraceSearch {
  readonly service?: string;
  readonly status?: 'ok' | 'error';
  /** Milliseconds; traces at least this long. */
  readonly minDurationMs?: number;
  /** `key`, `key=value` or `key!=value`. */
  readonly attribute?: string;
}

export interface AttributeFilter {
  readonly key: string;
  readonly op: 'exists' | '=' | '!=';
  readonly value: string;
}

/** Reads an attribute filter; an error names what is wrong and where. */
export function parseAttributeFilter(text: string): AttributeFilter | { error: string } {
  const s = text.trim();
  const m = /^([A-Za-z_][\w.-]*)\s*(?:(!=|=)\s*(.*))?$/.exec(s);
  if (!m) {
    const bad = s.search(/[^\w.\-=!\s"']/);
    return {
      error:
        bad >= 0
          ? `unexpected "${s[bad]}" at column ${bad + 1}: write key, key=value or key!=value`
          : 'write key, key=value or key!=value (e.g. http.response.status_code=503)',
    };
  }
  const raw = (m[3] ?? '').trim();
  const value = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
  if (m[2] && value === '') return { error: `no value after "${m[2]}" at column ${s.length + 1}` };
  return { key: m[1]!, op: (m[2] as '=' | '!=' | undefined) ?? 'exists', value };
}

function attributeMatches(trace: Trace, f: AttributeFilter): boolean {
  for (const span of trace.spans) {
    const v = span.attributes[f.key];
    if (v === undefined) continue;
    if (f.op === 'exists') return true;
    if ((String(v) === f.value) === (f.op === '=')) return true;
  }
  return false;
}

export interface TraceSearchResult {
  readonly traces: readonly Trace[];
  readonly error?: string;
}

/** The traces that match every given criterion (an invalid attribute filter filters nothing). */
export function searchTraces(traces: readonly Trace[], q: TraceSearch): TraceSearchResult {
  const parsed = q.attribute?.trim() ? parseAttributeFilter(q.attribute) : undefined;
  const attr = parsed && !('error' in parsed) ? parsed : undefined;
  const min = q.minDurationMs !== undefined && q.minDurationMs > 0 ? q.minDurationMs / 1000 : 0;
  const out = traces.filter(
    (t) =>
      (!q.status || t.error === (q.status === 'error')) &&
      t.duration >= min &&
      (!q.service || t.spans.some((s) => s.service === q.service || s.node === q.service)) &&
      (!attr || attributeMatches(t, attr)),
  );
  return parsed && 'error' in parsed ? { traces: out, error: parsed.error } : { traces: out };
}

/** Every service.name in the traces, sorted. */
export function servicesOf(traces: readonly Trace[]): string[] {
  const set = new Set<string>();
  for (const t of traces) for (const s of t.spans) set.add(s.service);
  return [...set].sort();
}

/** A short description of a search, as a run step shows it ("status=error service=checkout"). */
export function describeSearch(q: TraceSearch): string {
  const parts: string[] = [];
  if (q.service) parts.push(`service=${q.service}`);
  if (q.status) parts.push(`status=${q.status}`);
  if (q.minDurationMs) parts.push(`minDuration=${q.minDurationMs}ms`);
  if (q.attribute?.trim()) parts.push(q.attribute.trim());
  return parts.join(' ') || 'all traces';
}
