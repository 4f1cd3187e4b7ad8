/**
 * The PromQL functions the evaluator supports, with their signatures as Prometheus declares them
 * (promql/parser/functions.go). parse.ts type-checks calls against this list; functions.ts
 * implements exactly these names (a `Record` keyed by them, so the two cannot drift).
 */
import type { ValueType } from './ast';

export interface FunctionSignature {
  readonly args: readonly ValueType[];
  /** How many trailing arguments may be left out (-1: the last one repeats any number of times). */
  readonly variadic?: number;
  readonly returns: ValueType;
}

const V = 'vector';
const M = 'matrix';
const S = 'scalar';
const STR = 'string';

const simple: FunctionSignature = { args: [V], returns: V };
const overTime: FunctionSignature = { args: [M], returns: V };

export const FUNCTION_SIGNATURES = {
  abs: simple,
  absent: simple,
  absent_over_time: overTime,
  ceil: simple,
  changes: overTime,
  clamp: { args: [V, S, S], returns: V },
  clamp_max: { args: [V, S], returns: V },
  clamp_min: { args: [V, S], returns: V },
  delta: overTime,
  deriv: overTime,
  exp: simple,
  floor: simple,
  histogram_quantile: { args: [S, V], returns: V },
  idelta: overTime,
  increase: overTime,
  irate: overTime,
  label_join: { args: [V, STR, STR, STR], variadic: -1, returns: V },
  label_replace: { args: [V, STR, STR, STR, STR], returns: V },
  ln: simple,
  log10: simple,
  log2: simple,
  rate: overTime,
  resets: overTime,
  round: { args: [V, S], variadic: 1, returns: V },
  scalar: { args: [V], returns: S },
  sort: simple,
  sort_desc: simple,
  sqrt: simple,
  time: { args: [], returns: S },
  timestamp: simple,
  vector: { args: [S], returns: V },
  avg_over_time: overTime,
  count_over_time: overTime,
  last_over_time: overTime,
  max_over_time: overTime,
  min_over_time: overTime,
  present_over_time: overTime,
  predict_linear: { args: [M, S], returns: V },
  quantile_over_time: { args: [S, M], returns: V },
  stddev_over_time: overTime,
  stdvar_over_time: overTime,
  sum_over_time: overTime,
} as const satisfies Record<string, FunctionSignature>;

export type FunctionName = keyof typeof FUNCTION_SIGNATURES;

export function isSupportedFunction(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTION_SIGNATURES, name);
}
