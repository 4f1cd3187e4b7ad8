/**
 * Alert expressions: a small PromQL-like subset, enough for paging rules and cheap to evaluate
 * every tick.
 *
 *   expr     := [fn "("] selector ["[" duration "]"] [")"] op number
 *   fn       := avg_over_time | max_over_time | min_over_time
 *   selector := metric ["{" matcher ("," matcher)* [","] "}"]
 *   matcher  := label ("=" | "!=") "\"" value "\""
 *   op       := > | >= | < | <= | == | !=
 *
 * e.g. `error_ratio{node="checkout"} > 0.05`, `avg_over_time(latency_p99{node="api"}[1m]) >= 2`.
 * Without a node matcher the rule covers every series of the metric and fires when any of them
 * meets the condition.
 */
import { parseDuration } from '../scenario/duration';

export type Comparison = '>' | '>=' | '<' | '<=' | '==' | '!=';
export type OverTime = 'avg_over_time' | 'max_over_time' | 'min_over_time';

export interface LabelMatcher {
  readonly label: string;
  readonly value: string;
  readonly negate: boolean;
}

export interface AlertExpr {
  readonly metric: string;
  readonly matchers: readonly LabelMatcher[];
  /** Aggregation over a window, or undefined for the instant value. */
  readonly fn?: OverTime;
  /** Window in seconds (only with fn). */
  readonly window: number;
  readonly op: Comparison;
  readonly threshold: number;
}

export type ParseResult = { ok: true; expr: AlertExpr } | { ok: false; error: string; column: number };

const FUNCTIONS: readonly OverTime[] = ['avg_over_time', 'max_over_time', 'min_over_time'];
const OPS: readonly Comparison[] = ['>=', '<=', '==', '!=', '>', '<'];

class ParseError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

/** Parses an alert expression; errors carry a 1-based column. Never throws. */
export function parseAlertExpr(text: string): ParseResult {
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    throw new ParseError(message, at);
  };
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const ident = (what: string): string => {
    skip();
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(pos));
    if (!m) fail(`expected ${what}`);
    pos += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  };
  const expect = (ch: string, what: string) => {
    skip();
    if (text[pos] !== ch) fail(`expected ${what}`);
    pos++;
  };

  try {
    skip();
    let fn: OverTime | undefined;
    const start = pos;
    let metric = ident('a metric name such as error_ratio');
    skip();
    if (text[pos] === '(') {
      if (!(FUNCTIONS as readonly string[]).includes(metric)) {
        fail(`unknown function "${metric}" (use ${FUNCTIONS.join(', ')})`, start);
      }
      fn = metric as OverTime;
      pos++;
      metric = ident('a metric name inside the function');
    }
    const matchers: LabelMatcher[] = [];
    skip();
    if (text[pos] === '{') {
      pos++;
      skip();
      while (text[pos] !== '}') {
        const label = ident('a label name such as node');
        skip();
        let negate = false;
        if (text.startsWith('!=', pos)) {
          negate = true;
          pos += 2;
        } else if (text[pos] === '=' && text[pos + 1] !== '=') {
          pos++;
        } else fail('expected = or != after the label name');
        skip();
        if (text[pos] !== '"') fail('expected a quoted label value');
        const close = text.indexOf('"', pos + 1);
        if (close < 0) fail('unterminated label value (missing ")');
        matchers.push({ label, value: text.slice(pos + 1, close), negate });
        pos = close + 1;
        skip();
        if (text[pos] === ',') {
          pos++;
          skip();
        } else if (text[pos] !== '}') fail('expected , or } after the label value');
      }
      pos++;
    }
    let window = 0;
    skip();
    if (text[pos] === '[') {
      if (!fn) fail('a range [..] is only allowed inside avg_over_time, max_over_time or min_over_time');
      const close = text.indexOf(']', pos);
      if (close < 0) fail('unterminated range (missing ])');
      const seconds = parseDuration(text.slice(pos + 1, close));
      if (seconds === undefined || seconds <= 0) fail('expected a duration such as 1m in the range', pos + 1);
      window = seconds as number;
      pos = close + 1;
    } else if (fn) fail(`${fn} needs a range such as [1m]`);
    if (fn) expect(')', ') to close the function');
    skip();
    const op = OPS.find((o) => text.startsWith(o, pos));
    if (!op) fail('expected a comparison (>, >=, <, <=, ==, !=)');
    pos += (op as string).length;
    skip();
    const num = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(pos));
    if (!num) fail('expected a number after the comparison');
    const threshold = Number((num as RegExpExecArray)[0]);
    pos += (num as RegExpExecArray)[0].length;
    skip();
    if (pos < text.length) fail('unexpected text after the number');
    return { ok: true, expr: { metric, matchers, fn, window, op: op as Comparison, threshold } };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message, column: e.at + 1 };
    throw e;
  }
}

/** Metric names an expression references ([] when it does not parse). */
export function alertExprMetrics(text: string): string[] {
  const parsed = parseAlertExpr(text);
  return parsed.ok ? [parsed.expr.metric] : [];
}

/** True when a series' labels satisfy every matcher. */
export function matchesLabels(expr: AlertExpr, labels: Readonly<Record<string, string>>): boolean {
  for (const m of expr.matchers) {
    const equal = labels[m.label] === m.value;
    if (equal === m.negate) return false;
  }
  return true;
}

export function compare(op: Comparison, value: number, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}
