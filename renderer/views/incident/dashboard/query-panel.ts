/**
 * What a PromQL panel draws (a scenario's `panels` entry or a query pinned from Explore): each
 * query run over the window through Explore's runQuery, the series of all queries as one set of
 * lines named by the query's legend format, at most MAX_LINES of them (those with the highest
 * peaks, as the built-in panels keep). Pure: tested over a built-in's run without a DOM.
 */
import type { PromLabels, PromSource } from '../../../../simulator/prom/types';
import { THRESHOLD_COLORS, type ScenarioPanel } from '../../../../simulator/scenario/panels';
import type { PlotThreshold } from './LivePlot';
import { PALETTE } from './panels';
import { runQuery, seriesLabel } from '../explore/run-query';

/** Like the built-in panels: at most this many lines, those with the highest peaks. */
export const MAX_PANEL_LINES = 8;

export interface PanelLine {
  readonly label: string;
  readonly color: string;
  /** The last value in the window (NaN when there is none). */
  readonly latest: number;
}

export type PanelResult =
  | {
      readonly ok: true;
      /** Seconds of simulated time, then one column per line (null: no sample). */
      readonly data: readonly [readonly number[], ...(readonly (number | null)[])[]];
      readonly lines: readonly PanelLine[];
      /** Series beyond MAX_PANEL_LINES, not drawn. */
      readonly hidden: number;
    }
  | { readonly ok: false; readonly error: string };

/**
 * A legend format as Grafana reads it: `{{label}}` (spaces allowed inside the braces) becomes the
 * series' value of that label, empty when it has none; no format names the series as Prometheus
 * prints it.
 */
export function legendText(format: string | undefined, labels: PromLabels): string {
  if (format === undefined || format.trim() === '') return seriesLabel(labels);
  return format.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) => labels[name] ?? '');
}

/** The panel's thresholds as plot lines, colours resolved from their names. */
export function panelThresholds(panel: ScenarioPanel): PlotThreshold[] {
  return panel.thresholds.map((t) => ({
    value: t.value,
    color: THRESHOLD_COLORS[t.color],
    ...(t.label === undefined ? {} : { label: t.label }),
  }));
}

export function runPanel(
  view: PromSource,
  panel: ScenarioPanel,
  fromSeconds: number,
  toSeconds: number,
): PanelResult {
  const found: { label: string; t: readonly number[]; v: readonly (number | null)[] }[] = [];
  for (const [i, query] of panel.queries.entries()) {
    const outcome = runQuery(view, query.expr, fromSeconds, toSeconds);
    if (!outcome.ok)
      return {
        ok: false,
        error: panel.queries.length > 1 ? `Query ${i + 1}: ${outcome.error}` : outcome.error,
      };
    for (const line of outcome.lines) found.push({ label: legendText(query.legend, line.labels), ...line });
  }
  if (found.length === 0) return { ok: true, data: [[]], lines: [], hidden: 0 };
  const peak = (v: readonly (number | null)[]) =>
    v.reduce<number>((m, x) => (x !== null && x > m ? x : m), -Infinity);
  const order = found.map((_, i) => i);
  if (found.length > MAX_PANEL_LINES) order.sort((a, b) => peak(found[b]!.v) - peak(found[a]!.v) || a - b);
  const kept = order.slice(0, MAX_PANEL_LINES).sort((a, b) => a - b);
  const lines = kept.map((i, k) => {
    const v = found[i]!.v;
    let latest = Number.NaN;
    for (let j = v.length - 1; j >= 0; j--) {
      const x = v[j];
      if (x !== null && x !== undefined) {
        latest = x;
        break;
      }
    }
    return { label: found[i]!.label, color: PALETTE[k % PALETTE.length] ?? '#5b9dff', latest };
  });
  // Every query ran over the same window and step, so the lines share their times.
  return {
    ok: true,
    data: [found[kept[0]!]!.t, ...kept.map((i) => found[i]!.v)],
    lines,
    hidden: found.length - kept.length,
  };
}
