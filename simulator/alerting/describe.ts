/**
 * What the console reads off an alert's PromQL: the nodes it watches (for the topology's alert
 * badges) and the unit of its value (for the Alerts tab), both from the parsed expression.
 */
import type { MetricDef } from '../engine/metric-names';
import type { Expr } from '../prom/ast';
import { parsePromQL } from '../prom/parse';
import { selectorName, vectorSelectors } from '../prom/selectors';

/** The labels that name a node in the Prometheus view (catalog.ts), `instance` with its port. */
const NODE_LABELS = ['service', 'container', 'deployment', 'datname', 'key', 'instance'];

/** Node ids the expression selects by equality (an edge's callee, server_address, is not watched). */
export function alertNodes(expr: string): string[] {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) return [];
  const found = new Set<string>();
  for (const s of vectorSelectors(parsed.expr))
    for (const m of s.matchers)
      if (m.op === '=' && NODE_LABELS.includes(m.name))
        found.add(m.name === 'instance' ? m.value.replace(/:\d+$/, '') : m.value);
  return [...found];
}

function unitOfName(name: string | undefined): MetricDef['unit'] | undefined {
  if (name === undefined) return undefined;
  if (/_seconds(_bucket|_sum)?$/.test(name)) return 'seconds';
  if (name.endsWith('_ratio')) return 'ratio';
  return undefined;
}

function unitOf(e: Expr): MetricDef['unit'] | undefined {
  switch (e.kind) {
    case 'binary': {
      // The compared side; a quotient of two rates of the same family is a ratio.
      if (['>', '<', '>=', '<=', '==', '!='].includes(e.op)) return unitOf(e.lhs);
      if (e.op === '/') {
        const [l, r] = [e.lhs, e.rhs].map((side) => vectorSelectors(side).map(selectorName)[0]);
        if (l !== undefined && l === r && !/_(sum|count)$/.test(l)) return 'ratio';
        if (e.rhs.kind === 'number' && e.rhs.value === 1024 && e.lhs.kind === 'binary') return 'mb';
        if (l !== undefined && r !== undefined && /_sum$/.test(l) && /_count$/.test(r)) return unitOfName(l);
      }
      return unitOf(e.lhs);
    }
    case 'call':
      if (e.func === 'histogram_quantile') return 'seconds';
      if (e.func === 'rate' || e.func === 'irate') return 'rps';
      return e.args[0] ? unitOf(e.args[0]) : undefined;
    case 'aggregate':
      return unitOf(e.expr);
    case 'vectorSelector':
      return unitOfName(selectorName(e));
    case 'matrixSelector':
      return unitOfName(selectorName(e.selector));
    default:
      return undefined;
  }
}

const units = new Map<string, MetricDef['unit'] | undefined>();

/**
 * The unit the alert's value is in, when the expression says (seconds, ratio, MB, per second).
 * Remembered per expression: the Alerts tab asks on every render.
 */
export function alertUnit(expr: string): MetricDef['unit'] | undefined {
  if (units.has(expr)) return units.get(expr);
  const parsed = parsePromQL(expr);
  const unit = parsed.ok ? unitOf(parsed.expr) : undefined;
  if (units.size > 1000) units.clear();
  units.set(expr, unit);
  return unit;
}
