/**
 * Alertmanager routing, the part the simulation needs: a route's `matchers` (Alertmanager's
 * `label="value"`, `!=`, `=~`, `!~`; regexps anchored as Alertmanager anchors them) and the
 * receiver an alert's labels reach: the first child route whose matchers all match, else the
 * root's receiver. group_by / group_wait / group_interval / repeat_interval / continue are kept
 * and exported, not simulated (a firing alert notifies at once).
 */
import type { AlertRoute, Receiver } from '../scenario/schema';

export interface RouteMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
  /** The anchored regexp, for =~ and !~. */
  readonly re?: RegExp;
}

export type MatcherResult = { ok: true; matcher: RouteMatcher } | { ok: false; error: string };

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** Parses one Alertmanager matcher such as `severity=~"P0|P1"` (the value quoted or bare). */
export function parseMatcher(text: string): MatcherResult {
  const m = MATCHER.exec(text);
  if (!m)
    return {
      ok: false,
      error: `'${text}' is not a matcher: write label="value" (or !=, =~, !~), e.g. severity="P1"`,
    };
  const [, label, op, raw] = m as unknown as [string, string, RouteMatcher['op'], string];
  let value = raw;
  if (raw.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'string') throw new Error('not a string');
      value = parsed;
    } catch {
      return { ok: false, error: `'${text}': the quoted value ${raw} is not a valid string` };
    }
  }
  if (op === '=~' || op === '!~') {
    try {
      return { ok: true, matcher: { label, op, value, re: new RegExp(`^(?:${value})$`) } };
    } catch (e) {
      return {
        ok: false,
        error: `'${text}': bad regular expression (${e instanceof Error ? e.message : e})`,
      };
    }
  }
  return { ok: true, matcher: { label, op, value } };
}

export function matcherMatches(m: RouteMatcher, labels: Readonly<Record<string, string>>): boolean {
  const v = labels[m.label] ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return m.re!.test(v);
    case '!~':
      return !m.re!.test(v);
  }
}

function allMatch(matchers: readonly string[], labels: Readonly<Record<string, string>>): boolean {
  for (const text of matchers) {
    const parsed = parseMatcher(text);
    // The validator reports a bad matcher; at run time it matches nothing.
    if (!parsed.ok || !matcherMatches(parsed.matcher, labels)) return false;
  }
  return true;
}

/** The receiver an alert with these labels reaches. */
export function receiverFor(route: AlertRoute, labels: Readonly<Record<string, string>>): Receiver {
  if (!allMatch(route.matchers, labels)) return route.receiver;
  for (const child of route.routes) if (allMatch(child.matchers, labels)) return child.receiver;
  return route.receiver;
}
