/**
 * Per-tick series the score needs, read from the engine's MetricStore: whether every SLO held, and
 * the failed / allowed requests on the SLO nodes (the error budget). Pure: no DOM, no Node.
 */
import { impactTimeline } from '../comms/impact';
import type { MetricStore } from '../engine/api';
import type { Scenario } from '../scenario/schema';

/**
 * Error allowance for an SLO node that has no `error_ratio` objective (only latency or queue age):
 * 0.1% of its requests, i.e. a 99.9% availability SLO.
 */
export const DEFAULT_ERROR_ALLOWANCE = 0.001;

/** What the score reads per tick. Sample i describes the tick starting at (firstTick + i) * tickSeconds. */
export interface RunSeries {
  readonly tickSeconds: number;
  /** Absolute tick of sample 0 (default 0). */
  readonly firstTick?: number;
  /** 1/true when every SLO of the scenario held during that tick. */
  readonly sloOk: ArrayLike<boolean | number>;
  /** Failed requests on the SLO nodes during that tick (rate x error ratio x tick seconds). */
  readonly failed?: ArrayLike<number>;
  /** Requests the SLOs allow to fail during that tick (rate x allowed ratio x tick seconds). */
  readonly allowed?: ArrayLike<number>;
  /** Customer impact level 0..3 during that tick (simulator/comms/impact.ts); absent: from sloOk. */
  readonly impact?: ArrayLike<number>;
}

export interface SloTimeline {
  readonly firstTick: number;
  readonly tickSeconds: number;
  /** 1 when every SLO held at that tick, else 0. */
  readonly ok: Uint8Array;
  /** SLOs whose series the store does not have (they are ignored, never counted as broken). */
  readonly missing: readonly string[];
}

function sloName(slo: { node: string; metric: string }): string {
  return `${slo.metric}{node="${slo.node}"}`;
}

/**
 * Per tick: 1 when every objective of the scenario held (value <= max), else 0. A NaN value (no
 * traffic yet) counts as holding; an SLO whose series does not exist is listed in `missing`.
 */
export function sloTimeline(scenario: Scenario, metrics: MetricStore, tickSeconds?: number): SloTimeline {
  const length = Math.max(0, metrics.length);
  const ok = new Uint8Array(length).fill(1);
  const missing: string[] = [];
  const buffer = new Float64Array(length);
  for (const slo of scenario.objectives.slos) {
    const index = metrics.find(slo.metric, slo.node);
    if (index < 0) {
      missing.push(sloName(slo));
      continue;
    }
    const values = metrics.read(index, buffer);
    for (let i = 0; i < length; i++) {
      const v = values[i] as number;
      if (v > slo.max) ok[i] = 0; // NaN compares false: counts as holding
    }
  }
  return {
    firstTick: metrics.firstTick,
    tickSeconds: tickSeconds ?? scenario.tickSeconds,
    ok,
    missing,
  };
}

/** The allowed error ratio of each distinct SLO node (the tightest error_ratio objective, or the default). */
export function errorAllowances(scenario: Scenario): Map<string, number> {
  const out = new Map<string, number>();
  for (const slo of scenario.objectives.slos) {
    if (slo.metric !== 'error_ratio') continue;
    out.set(slo.node, Math.min(out.get(slo.node) ?? Infinity, slo.max));
  }
  for (const slo of scenario.objectives.slos) {
    if (!out.has(slo.node)) out.set(slo.node, DEFAULT_ERROR_ALLOWANCE);
  }
  return out;
}

/** What measureSeries returns: a RunSeries with every field present, plus the SLO timeline's. */
export interface MeasuredSeries extends SloTimeline {
  readonly sloOk: Uint8Array;
  readonly failed: Float64Array;
  readonly allowed: Float64Array;
  readonly impact: Uint8Array;
}

/**
 * Everything the score needs from the metrics: the SLO timeline plus, per tick, failed and allowed
 * requests summed over the SLO nodes (request_rate x error_ratio x dt, request_rate x allowance x dt).
 */
export function measureSeries(
  scenario: Scenario,
  metrics: MetricStore,
  tickSeconds?: number,
): MeasuredSeries {
  const timeline = sloTimeline(scenario, metrics, tickSeconds);
  const dt = timeline.tickSeconds;
  const length = timeline.ok.length;
  const failed = new Float64Array(length);
  const allowed = new Float64Array(length);
  const rates = new Float64Array(length);
  const ratios = new Float64Array(length);
  for (const [node, allowance] of errorAllowances(scenario)) {
    const rateIndex = metrics.find('request_rate', node);
    const errorIndex = metrics.find('error_ratio', node);
    if (rateIndex < 0) continue;
    metrics.read(rateIndex, rates);
    if (errorIndex >= 0) metrics.read(errorIndex, ratios);
    else ratios.fill(0);
    for (let i = 0; i < length; i++) {
      const rate = rates[i] as number;
      const ratio = ratios[i] as number;
      if (!(rate > 0) || !Number.isFinite(rate)) continue;
      const clamped = ratio > 0 ? Math.min(1, ratio) : 0;
      failed[i] = (failed[i] as number) + rate * clamped * dt;
      allowed[i] = (allowed[i] as number) + rate * allowance * dt;
    }
  }
  return { ...timeline, sloOk: timeline.ok, failed, allowed, impact: impactTimeline(scenario, metrics) };
}
