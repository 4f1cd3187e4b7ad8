/** The series selectors of a parsed PromQL expression, and the metric names they read. */
import type { Expr, VectorSelector } from './ast';
import { METRIC_NAME } from './labels';
import { matches } from './select';
import type { PromLabels } from './types';

export function vectorSelectors(e: Expr, out: VectorSelector[] = []): VectorSelector[] {
  switch (e.kind) {
    case 'vectorSelector':
      out.push(e);
      break;
    case 'matrixSelector':
      out.push(e.selector);
      break;
    case 'call':
      for (const a of e.args) vectorSelectors(a, out);
      break;
    case 'aggregate':
      if (e.param) vectorSelectors(e.param, out);
      vectorSelectors(e.expr, out);
      break;
    case 'binary':
      vectorSelectors(e.lhs, out);
      vectorSelectors(e.rhs, out);
      break;
    case 'unary':
      vectorSelectors(e.expr, out);
      break;
    default:
      break;
  }
  return out;
}

/** The metric name a selector fixes with `__name__="..."`, if any (a regexp or none reads any). */
export function selectorName(s: VectorSelector): string | undefined {
  return s.matchers.find((m) => m.name === METRIC_NAME && m.op === '=')?.value;
}

/** Whether a series with these labels is one some selector of `selectors` selects. */
export function selectedByAny(selectors: readonly VectorSelector[]): (labels: PromLabels) => boolean {
  return (labels) => selectors.some((s) => s.matchers.every((m) => matches(m, labels[m.name] ?? '')));
}

/** Every metric name the expression reads, or undefined when a selector may read any name. */
export function metricNames(e: Expr): ReadonlySet<string> | undefined {
  const names = new Set<string>();
  for (const s of vectorSelectors(e)) {
    const name = selectorName(s);
    if (name === undefined) return undefined;
    names.add(name);
  }
  return names;
}
