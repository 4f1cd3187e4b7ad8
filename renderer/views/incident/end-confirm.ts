/**
 * What ending a run now would mean, for the confirmation the header asks (issue 14: no one-click
 * endings). Resolving while an objective is broken, or before the objectives have held for the
 * scenario's holdFor, ends the run unmitigated; abandoning always asks.
 */
import type { Scenario } from '../../../simulator/scenario/schema';
import { metricDef } from '../../../simulator/engine/metric-names';
import { clock, metricValue } from '../../lib/format';

export interface EndCheck {
  readonly slos: readonly { readonly value: number; readonly ok: boolean }[];
  readonly okSince: number | null;
  readonly time: number;
}

/** Reasons to confirm resolving now; empty when the objectives have held long enough. */
export function resolveWarnings(scenario: Scenario, s: EndCheck): string[] {
  const out: string[] = [];
  scenario.objectives.slos.forEach((slo, i) => {
    const state = s.slos[i];
    if (!state || state.ok) return;
    const unit = metricDef(slo.metric)?.unit;
    out.push(
      `${slo.node} ${slo.metric} is ${metricValue(state.value, unit)} (objective ≤ ${metricValue(slo.max, unit)}).`,
    );
  });
  const holdFor = scenario.objectives.holdFor;
  if (out.length === 0 && (s.okSince === null || s.time - s.okSince < holdFor))
    out.push(
      `The objectives have held for ${clock(s.okSince === null ? 0 : s.time - s.okSince)} of the ${clock(holdFor)} that count as mitigated.`,
    );
  if (out.length) out.push('Resolving now ends the run; it is scored as not mitigated.');
  return out;
}

export const ABANDON_WARNING =
  'Abandoning ends the run now; it is scored as abandoned and cannot be resumed.';
