/**
 * What the status bar says about the SLOs: what the trainee's monitoring shows, not the engine's
 * truth. While Prometheus cannot scrape an SLO's node (alerting.scrapeVia: `up` 0, a staleness
 * marker and no samples) its value is "no data", as the dashboards show it on both sources (the
 * engine panels' gap, MetricBuffer.window; the Prometheus panels' missing series): telling the
 * value the engine kept computing would tell the trainee more than their tools know. The headline
 * is BREACHED when an SLO with data breaks, NO DATA when none with data breaks but one has none,
 * OK otherwise (and only then the hold toward mitigation, itself read from the engine).
 */
import type { Snapshot } from '../../sim/protocol';

export interface SloReading {
  /** null: no data (the node is not scraped now). */
  readonly value: number | null;
  /** null: unknown. */
  readonly ok: boolean | null;
}

export type SloHeadline = 'OK' | 'BREACHED' | 'NO DATA';

export function readSlos(
  objectives: readonly { readonly node: string }[],
  slos: Snapshot['slos'],
  scrapeFailing: (node: string) => boolean,
): { readonly headline: SloHeadline; readonly readings: readonly SloReading[] } {
  const readings = objectives.map((slo, i): SloReading => {
    const state = slos[i];
    if (!state || scrapeFailing(slo.node)) return { value: null, ok: null };
    return { value: state.value, ok: state.ok };
  });
  const headline: SloHeadline = readings.some((r) => r.ok === false)
    ? 'BREACHED'
    : readings.length === 0 || readings.some((r) => r.ok === null)
      ? 'NO DATA'
      : 'OK';
  return { headline, readings };
}
