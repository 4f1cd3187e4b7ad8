/**
 * Runs a PromQL query over the live run for the Explore view and pinned panels: the run's
 * MetricBuffer read through the Prometheus view (simulator/prom/view.ts), a range query over the
 * chosen window, and the instant value at its end. Pure: no React, testable with a buffer.
 */
import { evaluateInstant, evaluateRange } from '../../../../simulator/prom/evaluate';
import type { PromLabels, PromSource } from '../../../../simulator/prom/types';
import { prometheusView, type PromViewNode } from '../../../../simulator/prom/view';
import type { CsvSource } from '../../../../simulator/series/csv';

/** Scrape interval of the view and the finest step a query gets (Prometheus's default 15 s). */
export const SCRAPE_SECONDS = 15;
/** Most points a graph line gets; the step grows with the window. */
const MAX_POINTS = 240;

export interface QueryLine {
  readonly labels: PromLabels;
  /** Seconds of simulated time and values (null: no sample at that step). */
  readonly t: readonly number[];
  readonly v: readonly (number | null)[];
}

export type QueryOutcome =
  | {
      readonly ok: true;
      readonly lines: readonly QueryLine[];
      /** The instant result at the window's end: one row per series (or one scalar). */
      readonly table: readonly { readonly labels: PromLabels; readonly value: number }[];
      readonly stepSeconds: number;
    }
  | { readonly ok: false; readonly error: string };

/** The run's Prometheus view, rebuilt only when the buffer has grown by a scrape interval. */
export function viewCache(nodes: readonly PromViewNode[]): (source: CsvSource) => PromSource {
  let built: { length: number; source: CsvSource; view: PromSource } | undefined;
  return (source) => {
    const every = Math.max(1, Math.round(SCRAPE_SECONDS / source.tickSeconds));
    if (
      built &&
      built.source === source &&
      Math.floor(built.length / every) === Math.floor(source.length / every)
    )
      return built.view;
    // The buffer's columns grow in place: snapshot the length so the view sees a fixed run.
    const view = prometheusView({ ...source, length: source.length }, nodes, {
      scrapeSeconds: SCRAPE_SECONDS,
    });
    built = { length: source.length, source, view };
    return view;
  };
}

export function runQuery(
  view: PromSource,
  expr: string,
  fromSeconds: number,
  toSeconds: number,
): QueryOutcome {
  if (expr.trim() === '')
    return {
      ok: false,
      error: 'Type a PromQL expression, e.g. sum by (service) (rate(http_requests_total[5m]))',
    };
  const span = Math.max(SCRAPE_SECONDS, toSeconds - fromSeconds);
  const stepSeconds = Math.max(
    SCRAPE_SECONDS,
    Math.ceil(span / MAX_POINTS / SCRAPE_SECONDS) * SCRAPE_SECONDS,
  );
  const end = Math.floor(toSeconds / stepSeconds) * stepSeconds;
  const start = Math.max(0, end - Math.floor(span / stepSeconds) * stepSeconds);
  const instant = evaluateInstant(view, expr, end * 1000);
  if (!instant.ok) return { ok: false, error: instant.error };
  const table: { labels: PromLabels; value: number }[] = [];
  const value = instant.value;
  if (value.type === 'scalar') table.push({ labels: {}, value: value.value });
  else if (value.type === 'vector')
    for (const s of value.samples) table.push({ labels: s.labels, value: s.value });
  else if (value.type === 'string') return { ok: false, error: 'A string is not something to graph.' };
  else
    return {
      ok: false,
      error: 'A range vector cannot be graphed: wrap it in a function such as rate() or avg_over_time().',
    };

  const range = evaluateRange(view, expr, start * 1000, end * 1000, stepSeconds * 1000);
  if (!range.ok) return { ok: false, error: range.error };
  const times: number[] = [];
  for (let t = start; t <= end; t += stepSeconds) times.push(t);
  const lines = range.series.map((s) => {
    const at = new Map<number, number>();
    s.timestamps.forEach((ms, k) => at.set(Math.round(ms / 1000), s.values[k]!));
    return {
      labels: s.labels,
      t: times,
      v: times.map((t) => {
        const v = at.get(t);
        return v === undefined || !Number.isFinite(v) ? null : v;
      }),
    };
  });
  return { ok: true, lines, table, stepSeconds };
}

/** `{service="checkout", code="500"}` as Prometheus prints a series (name first). */
export function seriesLabel(labels: PromLabels): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(', ');
  return rest ? `${name}{${rest}}` : name || '{}';
}
