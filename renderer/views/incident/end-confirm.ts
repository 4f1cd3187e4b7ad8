/**
 * What ending a run now would mean, for the confirmation the header asks (issue 14: no one-click
 * endings). Resolving while an objective is broken, or before the objectives have held for the
 * scenario's holdFor, ends the run unmitigated; abandoning always asks.
 *
 * The SLOs are read as the status bar reads them (status-slos.ts, `readSlos`): during a
 * Prometheus scrape gap an SLO whose node is not scraped has no data, and the dialog says so
 * instead of quoting the engine's value, and then neither claims the hold (itself read from the
 * engine) nor the verdict that value would give.
 */
import type { Scenario } from '../../../simulator/scenario/schema';
import { metricDef } from '../../../simulator/engine/metric-names';
import { clock, metricValue } from '../../lib/format';
import { readSlos } from './status-slos';

export interface EndCheck {
  readonly slos: readonly { readonly value: number; readonly ok: boolean }[];
  readonly okSince: number | null;
  readonly time: number;
}

/**
 * Reasons to confirm resolving now; empty when the objectives have held long enough.
 * `scrapeFailing(node)`: Prometheus cannot scrape the node now (MetricBuffer.scrapeFailing).
 */
export function resolveWarnings(
  scenario: Scenario,
  s: EndCheck,
  scrapeFailing: (node: string) => boolean = () => false,
): string[] {
  const out: string[] = [];
  const { readings } = readSlos(scenario.objectives.slos, s.slos, scrapeFailing);
  let noData = false;
  scenario.objectives.slos.forEach((slo, i) => {
    const reading = readings[i];
    if (!s.slos[i] || !reading) return;
    const unit = metricDef(slo.metric)?.unit;
    if (reading.value === null) {
      noData = true;
      out.push(
        `${slo.node} ${slo.metric}: no data (Prometheus cannot scrape ${slo.node}), so whether it meets its objective (≤ ${metricValue(slo.max, unit)}) is unknown.`,
      );
    } else if (reading.ok === false)
      out.push(
        `${slo.node} ${slo.metric} is ${metricValue(reading.value, unit)} (objective ≤ ${metricValue(slo.max, unit)}).`,
      );
  });
  const holdFor = scenario.objectives.holdFor;
  if (out.length === 0 && (s.okSince === null || s.time - s.okSince < holdFor))
    out.push(
      `The objectives have held for ${clock(s.okSince === null ? 0 : s.time - s.okSince)} of the ${clock(holdFor)} that count as mitigated.`,
    );
  if (noData && out.every((line) => line.includes(': no data (')))
    out.push(
      `Resolving now ends the run; it is scored on the objectives' real values, as mitigated only if they have held for ${clock(holdFor)}.`,
    );
  else if (out.length) out.push('Resolving now ends the run; it is scored as not mitigated.');
  return out;
}

export const ABANDON_WARNING =
  'Abandoning ends the run now; it is scored as abandoned and cannot be resumed.';
