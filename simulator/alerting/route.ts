/**
 * Alertmanager routing, the part the simulation needs: a route's `matchers` (Alertmanager's
 * `label="value"`, `!=`, `=~`, `!~`; regexps anchored as Alertmanager anchors them) and the
 * route tree, grouping, timers, inhibition and silences are in alertmanager/ (which uses these
 * matchers for routes, inhibit rules and silences alike).
 */

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
