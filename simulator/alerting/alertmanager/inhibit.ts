/**
 * Alertmanager inhibition (prometheus.io/docs/alerting/latest/configuration/#inhibit_rule): a
 * target alert is muted while some firing source alert matches source_matchers and has the same
 * values (absent = empty) of every `equal` label. An alert that matches both sides of a rule is
 * not muted by a source alert that also matches both (Inhibitor.Mutes: two-sided matches excluded),
 * so a rule cannot make alerts of one kind mute each other.
 */
import type { InhibitRule } from '../../scenario/schema';
import type { RouteMatcher } from '../route';
import { allMatch, compileMatchers, type Labels } from './routes';

export interface CompiledInhibitRule {
  readonly source: readonly RouteMatcher[];
  readonly target: readonly RouteMatcher[];
  readonly equal: readonly string[];
}

export function compileInhibitRules(rules: readonly InhibitRule[] | undefined): CompiledInhibitRule[] {
  return (rules ?? []).map((r) => ({
    source: compileMatchers(r.source_matchers),
    target: compileMatchers(r.target_matchers),
    equal: r.equal,
  }));
}

/** Whether `labels` is muted by one of the firing alerts (whose labels are `firing`). */
export function inhibited(
  rules: readonly CompiledInhibitRule[],
  labels: Labels,
  firing: Iterable<Labels>,
): boolean {
  for (const rule of rules) {
    if (!allMatch(rule.target, labels)) continue;
    const twoSided = allMatch(rule.source, labels);
    for (const source of firing) {
      if (!allMatch(rule.source, source)) continue;
      if (twoSided && allMatch(rule.target, source)) continue;
      if (rule.equal.every((name) => (source[name] ?? '') === (labels[name] ?? ''))) return true;
    }
  }
  return false;
}
