/**
 * What validation needs to know about faults, actions and alert expressions, read from the
 * engine's catalogs so there is one source of truth.
 */
import { ACTION_CATALOG } from '../engine/actions';
import type { ParamDoc, Target } from '../engine/catalog-types';
import { FAULT_CATALOG } from '../engine/faults';
import { parseAlertExpr, type LabelMatcher } from '../alerts/expr';

export type TargetKind = Target;

export interface TargetSpec {
  readonly kinds: readonly TargetKind[];
  readonly params: Readonly<Record<string, ParamDoc>>;
  /** 'disk': the target node needs a `disk`; 'region': a `region`. */
  readonly requires?: 'disk' | 'region';
}

export function faultSpec(type: string): TargetSpec | undefined {
  if (!Object.prototype.hasOwnProperty.call(FAULT_CATALOG, type)) return undefined;
  const doc = FAULT_CATALOG[type as keyof typeof FAULT_CATALOG];
  return { kinds: doc.appliesTo, params: doc.params, requires: doc.requires };
}

export function actionSpec(type: string): TargetSpec | undefined {
  if (!Object.prototype.hasOwnProperty.call(ACTION_CATALOG, type)) return undefined;
  const doc = ACTION_CATALOG[type as keyof typeof ACTION_CATALOG];
  return { kinds: doc.appliesTo, params: doc.params, requires: doc.requires };
}

export interface Selector {
  readonly metric: string;
  readonly matchers: readonly LabelMatcher[];
}

export type SelectorResult =
  | { readonly ok: true; readonly selectors: readonly Selector[] }
  | { readonly ok: false; readonly error: string; readonly column: number };

/** The metric selectors an alert expression reads (the engine's grammar has one per rule). */
export function alertSelectors(text: string): SelectorResult {
  const parsed = parseAlertExpr(text);
  if (!parsed.ok) return parsed;
  return { ok: true, selectors: [{ metric: parsed.expr.metric, matchers: parsed.expr.matchers }] };
}
