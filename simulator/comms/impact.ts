/**
 * The customer impact the run measured, per tick, on the scenario's SLO nodes (the client-facing
 * services): what the status page and the declared severity are scored against, and what the
 * postmortem's customer-impact section says.
 *
 * Levels (higher is worse): 0 none (every SLO held), 1 degraded (an SLO broken), 2 partial outage
 * (an SLO node fails at least 5% of its requests, or its objective's metric is 10x over), 3 full
 * outage (an SLO node fails at least half its requests).
 */
import type { MetricStore } from '../engine/api';
import { IMPACTS, type Impact } from '../scenario/communication';
import type { Scenario } from '../scenario/schema';

export const IMPACT_THRESHOLDS = {
  /** Error ratio on an SLO node from which it is a full outage. */
  fullOutage: 0.5,
  /** Error ratio from which it is a partial outage. */
  partialOutage: 0.05,
  /** An objective's metric this many times over its max is a partial outage (latency, queue age). */
  overFactor: 10,
} as const;

/** Level 0..3 -> impact name (3 = full outage). */
export function impactName(level: number): Impact {
  const clamped = Math.max(0, Math.min(3, Math.round(level)));
  return IMPACTS[3 - clamped]!;
}

/** Impact name -> level 0..3. */
export function impactLevel(impact: Impact): number {
  return 3 - IMPACTS.indexOf(impact);
}

/**
 * Per tick of the store's window, the impact level (0..3). A NaN value (no traffic yet) counts as
 * holding; a missing series is ignored.
 */
export function impactTimeline(scenario: Scenario, metrics: MetricStore): Uint8Array {
  const length = Math.max(0, metrics.length);
  const out = new Uint8Array(length);
  const buffer = new Float64Array(length);
  const raise = (i: number, level: number) => {
    if (level > (out[i] as number)) out[i] = level;
  };
  for (const slo of scenario.objectives.slos) {
    const index = metrics.find(slo.metric, slo.node);
    if (index < 0) continue;
    const values = metrics.read(index, buffer);
    for (let i = 0; i < length; i++) {
      const v = values[i] as number;
      if (!(v > slo.max)) continue;
      raise(i, 1);
      if (slo.metric !== 'error_ratio' && slo.max > 0 && v >= IMPACT_THRESHOLDS.overFactor * slo.max)
        raise(i, 2);
    }
  }
  for (const node of new Set(scenario.objectives.slos.map((s) => s.node))) {
    const index = metrics.find('error_ratio', node);
    if (index < 0) continue;
    const values = metrics.read(index, buffer);
    for (let i = 0; i < length; i++) {
      const v = values[i] as number;
      if (!((out[i] as number) >= 1)) continue; // only while an SLO is broken
      if (v >= IMPACT_THRESHOLDS.fullOutage) raise(i, 3);
      else if (v >= IMPACT_THRESHOLDS.partialOutage) raise(i, 2);
    }
  }
  return out;
}
