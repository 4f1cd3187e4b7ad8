/**
 * Health of nodes and edges as the topology colours them: green ok, amber warn, red critical,
 * grey before any data. Pure, tested without a DOM.
 */
import { alertNodes } from '../../../../simulator/alerting/describe';
import type { AlertState } from '../../../../simulator/engine/api';

export type Health = 'ok' | 'warn' | 'crit' | 'unknown';

export const THRESHOLDS = {
  errorWarn: 0.01,
  errorCrit: 0.05,
  saturationWarn: 0.8,
  saturationCrit: 0.95,
} as const;

export interface HealthInput {
  /** error_ratio (or the kind's failure ratio), 0-1; NaN when unknown. */
  readonly errorRatio: number;
  /** saturation, or another 0-1 fill level (queue memory / limit); NaN when unknown. */
  readonly saturation: number;
  /** Strongest firing alert whose expression names this node. */
  readonly alert: 'none' | 'warn' | 'crit';
}

export function classifyHealth({ errorRatio, saturation, alert }: HealthInput): Health {
  const err = Number.isFinite(errorRatio) ? errorRatio : Number.NaN;
  const sat = Number.isFinite(saturation) ? saturation : Number.NaN;
  if (alert === 'crit' || err >= THRESHOLDS.errorCrit || sat >= THRESHOLDS.saturationCrit) return 'crit';
  if (alert === 'warn' || err >= THRESHOLDS.errorWarn || sat >= THRESHOLDS.saturationWarn) return 'warn';
  if (Number.isNaN(err) && Number.isNaN(sat)) return 'unknown';
  return 'ok';
}

/** Edge colour from its error ratio: failing edges are drawn red and animated. */
export function edgeHealth(errorRatio: number): Health {
  if (!Number.isFinite(errorRatio)) return 'unknown';
  if (errorRatio >= THRESHOLDS.errorCrit) return 'crit';
  if (errorRatio >= THRESHOLDS.errorWarn) return 'warn';
  return 'ok';
}

/** Node ids an alert's PromQL selects by name (service="<id>", container=..., not `!=`). */
export const nodesInExpr = alertNodes;

/** Alert name -> node ids it names, for the scenario's rules. */
export function alertNodeMap(
  alerts: readonly { readonly name: string; readonly expr: string }[],
): Map<string, string[]> {
  return new Map(alerts.map((a) => [a.name, nodesInExpr(a.expr)]));
}

/** Strongest firing alert on a node: P0/P1 -> crit, P2/P3 -> warn. */
export function nodeAlertLevel(
  node: string,
  states: readonly AlertState[],
  byName: ReadonlyMap<string, readonly string[]>,
): 'none' | 'warn' | 'crit' {
  let level: 'none' | 'warn' | 'crit' = 'none';
  for (const a of states) {
    if (a.status !== 'firing' || !byName.get(a.name)?.includes(node)) continue;
    if (a.severity === 'P0' || a.severity === 'P1') return 'crit';
    level = 'warn';
  }
  return level;
}
