/**
 * Functions of a range vector, one value per series window, as Prometheus 2.42 computes them
 * (promql/functions.go): extrapolatedRate for rate/increase/delta, instantValue for irate/idelta,
 * least squares for deriv and predict_linear, and the *_over_time family. `undefined` drops the series.
 */
import { quantile } from './quantile';
import type { Window } from './select';

export interface RangeArgs {
  readonly window: Window;
  /** The range's bounds in ms (after offset / @). */
  readonly startMs: number;
  readonly endMs: number;
  readonly rangeMs: number;
  /** The evaluation time in ms (predict_linear's origin). */
  readonly evalMs: number;
  /** The scalar argument: quantile_over_time's q, predict_linear's seconds ahead. */
  readonly param: number;
}

type RangeFunction = (a: RangeArgs) => number | undefined;

/** extrapolatedRate: the change over the window, extrapolated to the range's bounds. */
function extrapolatedRate(a: RangeArgs, isCounter: boolean, isRate: boolean): number | undefined {
  const { timestamps: ts, values: vs } = a.window;
  return extrapolatedRateAt(ts, vs, 0, vs.length, a.startMs, a.endMs, a.rangeMs, isCounter, isRate);
}

/** rate, increase and delta: whether each treats its series as a counter and divides by the range. */
export const EXTRAPOLATED: Readonly<
  Record<string, { readonly isCounter: boolean; readonly isRate: boolean } | undefined>
> = {
  rate: { isCounter: true, isRate: true },
  increase: { isCounter: true, isRate: false },
  delta: { isCounter: false, isRate: false },
};

/**
 * extrapolatedRate over the samples [from, to) of a series' arrays: a rule evaluated every 15 s
 * reads its windows by index instead of making two views per series (same arithmetic).
 */
export function extrapolatedRateAt(
  ts: Float64Array,
  vs: Float64Array,
  from: number,
  to: number,
  startMs: number,
  endMs: number,
  rangeMs: number,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  const n = to - from;
  if (n < 2) return undefined;
  const first = vs[from]!;
  const lastAt = to - 1;
  let result = vs[lastAt]! - first;
  if (isCounter) {
    let last = 0;
    for (let i = from; i < to; i++) {
      if (vs[i]! < last) result += last;
      last = vs[i]!;
    }
  }
  let durationToStart = (ts[from]! - startMs) / 1000;
  const durationToEnd = (endMs - ts[lastAt]!) / 1000;
  const sampledInterval = (ts[lastAt]! - ts[from]!) / 1000;
  const averageBetween = sampledInterval / (n - 1);
  if (isCounter && result > 0 && first >= 0) {
    // A counter cannot go below zero: extrapolate no further back than where it would reach zero.
    const durationToZero = sampledInterval * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageBetween * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
  // Prometheus 2.42 folds the range into one factor before multiplying (the rounding differs otherwise).
  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= rangeMs / 1000;
  return result * factor;
}

/** instantValue: the last two samples (irate, idelta). */
function instantValue(a: RangeArgs, isRate: boolean): number | undefined {
  const { timestamps: ts, values: vs } = a.window;
  const n = vs.length;
  if (n < 2) return undefined;
  const last = vs[n - 1]!;
  const previous = vs[n - 2]!;
  const result = isRate && last < previous ? last : last - previous;
  const interval = ts[n - 1]! - ts[n - 2]!;
  if (interval === 0) return undefined;
  return isRate ? result / (interval / 1000) : result;
}

/** Kahan-compensated add, as Prometheus sums (kahanSumInc). */
function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/**
 * Least squares over the window with Kahan sums (Prometheus 2.42's linearRegression): the slope in
 * units per second and the value at `interceptMs`, x measured in seconds from it. A constant
 * window is slope 0 (NaN for a constant infinity).
 */
function linearRegression(window: Window, interceptMs: number): [number, number] {
  const { timestamps: ts, values: vs } = window;
  const n = vs.length;
  let constant = true;
  let [sumX, cX, sumY, cY, sumXY, cXY, sumX2, cX2] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    if (vs[i] !== vs[0]) constant = false;
    const x = (ts[i]! - interceptMs) / 1e3;
    const y = vs[i]!;
    [sumX, cX] = kahanInc(x, sumX, cX);
    [sumY, cY] = kahanInc(y, sumY, cY);
    [sumXY, cXY] = kahanInc(x * y, sumXY, cXY);
    [sumX2, cX2] = kahanInc(x * x, sumX2, cX2);
  }
  if (constant) return isInf(vs[0]!) ? [NaN, NaN] : [0, vs[0]!];
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

/** deriv: the slope, x measured from the first sample. */
function deriv(a: RangeArgs): number | undefined {
  if (a.window.values.length < 2) return undefined;
  return linearRegression(a.window, a.window.timestamps[0]!)[0];
}

/**
 * predict_linear: the value the regression line reaches `param` seconds after the evaluation time
 * (not the range's end: with `offset` or `@` the line is still read from the step's time).
 */
function predictLinear(a: RangeArgs): number | undefined {
  if (a.window.values.length < 2) return undefined;
  const [slope, intercept] = linearRegression(a.window, a.evalMs);
  return slope * a.param + intercept;
}

function isInf(v: number): boolean {
  return v === Infinity || v === -Infinity;
}

/** The running mean with Kahan compensation (avg_over_time); an infinite mean stays unless a NaN or the opposite infinity arrives. */
function avgOverTime(vs: Float64Array): number {
  let mean = 0;
  let c = 0;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i]!;
    const count = i + 1;
    if (isInf(mean)) {
      if (isInf(v) && mean > 0 === v > 0) continue;
      if (!isInf(v) && !Number.isNaN(v)) continue;
    }
    [mean, c] = kahanInc(v / count - mean / count, mean, c);
  }
  return isInf(mean) ? mean : mean + c;
}

/** Population variance by Welford's method with Kahan compensation (stdvar_over_time). */
function variance(vs: Float64Array): number {
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i]!;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanInc(delta / (i + 1), mean, cMean);
    [aux, cAux] = kahanInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / vs.length;
}

export const RANGE_FUNCTIONS = {
  rate: (a) => extrapolatedRate(a, true, true),
  increase: (a) => extrapolatedRate(a, true, false),
  delta: (a) => extrapolatedRate(a, false, false),
  irate: (a) => instantValue(a, true),
  idelta: (a) => instantValue(a, false),
  deriv,
  predict_linear: predictLinear,
  changes: ({ window: { values: vs } }) => {
    let changes = 0;
    for (let i = 1; i < vs.length; i++) {
      if (vs[i] !== vs[i - 1] && !(Number.isNaN(vs[i]) && Number.isNaN(vs[i - 1]))) changes++;
    }
    return changes;
  },
  resets: ({ window: { values: vs } }) => {
    let resets = 0;
    for (let i = 1; i < vs.length; i++) if (vs[i]! < vs[i - 1]!) resets++;
    return resets;
  },
  avg_over_time: ({ window }) => avgOverTime(window.values),
  count_over_time: ({ window }) => window.values.length,
  last_over_time: ({ window }) => window.values[window.values.length - 1],
  max_over_time: ({ window: { values: vs } }) => {
    let max = vs[0]!;
    for (const v of vs) if (v > max || Number.isNaN(max)) max = v;
    return max;
  },
  min_over_time: ({ window: { values: vs } }) => {
    let min = vs[0]!;
    for (const v of vs) if (v < min || Number.isNaN(min)) min = v;
    return min;
  },
  present_over_time: () => 1,
  quantile_over_time: ({ window, param }) => quantile(param, Array.from(window.values)),
  stddev_over_time: ({ window }) => Math.sqrt(variance(window.values)),
  stdvar_over_time: ({ window }) => variance(window.values),
  sum_over_time: ({ window: { values: vs } }) => {
    let sum = 0;
    let c = 0;
    for (const v of vs) [sum, c] = kahanInc(v, sum, c);
    return isInf(sum) ? sum : sum + c;
  },
} satisfies Record<string, RangeFunction>;

export type RangeFunctionName = keyof typeof RANGE_FUNCTIONS;

export function isRangeFunction(name: string): name is RangeFunctionName {
  return Object.hasOwn(RANGE_FUNCTIONS, name);
}
