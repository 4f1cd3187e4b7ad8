/**
 * The PromQL engine entry points: instant and range queries over a PromSource, with Prometheus
 * 2.42's semantics. A range query evaluates the expression at every step and joins the results
 * by label set, as Prometheus's API returns them. Errors (parse or execution) are returned, not
 * thrown.
 */
import type { Aggregate, Binary, Call, Expr, MatrixSelector, ValueType } from './ast';
import { SET_OPS } from './ast';
import { aggregate } from './aggregate';
import { scalarScalar, vectorAnd, vectorOr, vectorScalar, vectorUnless, vectorVector } from './binary';
import { INSTANT_FUNCTIONS, isInstantFunction } from './functions';
import { dropMetricName, labelsKey } from './labels';
import { parsePromQL } from './parse';
import { EXTRAPOLATED, RANGE_FUNCTIONS, extrapolatedRateAt, isRangeFunction } from './range-functions';
import {
  LOOKBACK_MS,
  countBelow,
  matchedSeries,
  rangeBounds,
  referenceMs,
  selectContext,
  selectInstant,
  selectRange,
  type SelectContext,
} from './select';
import type { PromLabels, PromSource } from './types';
import {
  PromQLEvalError,
  type InstantResult,
  type RangeResult,
  type RangeSeries,
  type Sample,
  type Value,
} from './values';

export interface QueryOptions {
  /** How far back an instant vector looks for a sample (Prometheus's --query.lookback-delta). */
  readonly lookbackMs?: number;
}

/** Most steps a range query may have (Prometheus refuses more than 11,000 points per series). */
export const MAX_RANGE_STEPS = 11_000;

class Evaluator {
  constructor(
    private readonly ctx: SelectContext,
    private readonly lookbackMs: number,
  ) {}

  eval(e: Expr, t: number): Value {
    switch (e.kind) {
      case 'number':
        return { type: 'scalar', value: e.value };
      case 'string':
        return { type: 'string', value: e.value };
      case 'vectorSelector':
        return { type: 'vector', samples: selectInstant(this.ctx, e, t, this.lookbackMs) };
      case 'matrixSelector':
        return {
          type: 'matrix',
          series: selectRange(this.ctx, e, t).map((w) => ({
            labels: w.labels,
            timestamps: Array.from(w.timestamps),
            values: Array.from(w.values),
          })),
        };
      case 'unary':
        return this.unary(e.op, this.eval(e.expr, t));
      case 'call':
        return this.call(e, t);
      case 'aggregate':
        return this.aggregate(e, t);
      case 'binary':
        return this.binary(e, t);
    }
  }

  private vector(e: Expr, t: number): readonly Sample[] {
    const v = this.eval(e, t);
    if (v.type !== 'vector') throw new PromQLEvalError(`expected an instant vector, got ${v.type}`);
    return v.samples;
  }

  private unary(op: '-' | '+', v: Value): Value {
    if (op === '+') return v;
    if (v.type === 'scalar') return { type: 'scalar', value: -v.value };
    if (v.type !== 'vector') throw new PromQLEvalError('unary minus needs a scalar or an instant vector');
    return checked(v.samples.map((s) => ({ labels: dropMetricName(s.labels), value: -s.value })));
  }

  private call(e: Call, t: number): Value {
    if (isRangeFunction(e.func) || e.func === 'absent_over_time') {
      // The range vector is the last argument but for predict_linear(v range-vector, t scalar).
      const rangeAt = e.func === 'predict_linear' ? 0 : e.args.length - 1;
      const last = e.args[rangeAt]!;
      if (last.kind !== 'matrixSelector')
        throw new PromQLEvalError(`${e.func}() needs a range vector selector`);
      const extrapolated = EXTRAPOLATED[e.func];
      if (extrapolated) return this.extrapolatedRate(last, t, extrapolated.isCounter, extrapolated.isRate);
      const windows = selectRange(this.ctx, last, t);
      if (e.func === 'absent_over_time') {
        return INSTANT_FUNCTIONS.absent(
          [{ type: 'vector', samples: windows.map((w) => ({ labels: w.labels, value: 1 })) }],
          {
            call: e,
            timeMs: t,
          },
        );
      }
      const f = RANGE_FUNCTIONS[e.func];
      const param = e.args.length > 1 ? this.scalar(e.args[rangeAt === 0 ? 1 : 0]!, t) : NaN;
      const { startMs, endMs } = rangeBounds(this.ctx, last, t);
      const out: Sample[] = [];
      for (const window of windows) {
        const value = f({ window, startMs, endMs, rangeMs: last.rangeMs, evalMs: t, param });
        if (value === undefined) continue;
        out.push({
          labels: e.func === 'last_over_time' ? window.labels : dropMetricName(window.labels),
          value,
        });
      }
      return checked(out, e);
    }
    if (!isInstantFunction(e.func)) throw new PromQLEvalError(`function ${e.func} is not supported`);
    const args = e.args.map((a) => this.eval(a, t));
    const result = INSTANT_FUNCTIONS[e.func](args, { call: e, timeMs: t });
    return result.type === 'vector' ? checked(result.samples, e) : result;
  }

  /**
   * rate, increase, delta: selectRange's windows read by index (a rule's rate() at every
   * evaluation made two array views per series; the values are the same).
   */
  private extrapolatedRate(m: MatrixSelector, t: number, isCounter: boolean, isRate: boolean): Value {
    const endMs = referenceMs(this.ctx, m.selector, t);
    const startMs = endMs - m.rangeMs;
    const out: Sample[] = [];
    for (const s of matchedSeries(this.ctx, m.selector)) {
      const ts = s.timestamps;
      const end = countBelow(ts, endMs, true);
      const start = countBelow(ts, startMs, false);
      if (end <= start) continue;
      const value = extrapolatedRateAt(
        ts,
        s.values,
        start,
        end,
        startMs,
        endMs,
        m.rangeMs,
        isCounter,
        isRate,
      );
      if (value !== undefined) out.push({ labels: dropMetricName(s.labels), value });
    }
    return checked(out, m);
  }

  private scalar(e: Expr, t: number): number {
    const v = this.eval(e, t);
    if (v.type !== 'scalar') throw new PromQLEvalError(`expected a scalar, got ${v.type}`);
    return v.value;
  }

  private aggregate(e: Aggregate, t: number): Value {
    let param: number | string | undefined;
    if (e.param) {
      const p = this.eval(e.param, t);
      param = p.type === 'scalar' || p.type === 'string' ? p.value : undefined;
    }
    return { type: 'vector', samples: aggregate(e.op, this.vector(e.expr, t), e.grouping, e.without, param) };
  }

  private binary(e: Binary, t: number): Value {
    const lhs = this.eval(e.lhs, t);
    const rhs = this.eval(e.rhs, t);
    if (lhs.type === 'scalar' && rhs.type === 'scalar') {
      return { type: 'scalar', value: scalarScalar(e.op, lhs.value, rhs.value) };
    }
    if (lhs.type === 'vector' && rhs.type === 'vector') {
      const m = e.matching!;
      if (SET_OPS.has(e.op)) {
        const f = e.op === 'and' ? vectorAnd : e.op === 'or' ? vectorOr : vectorUnless;
        return { type: 'vector', samples: f(lhs.samples, rhs.samples, m) };
      }
      return checked(vectorVector(e.op, lhs.samples, rhs.samples, m, e.returnBool), e);
    }
    if (lhs.type === 'vector' && rhs.type === 'scalar') {
      return checked(vectorScalar(e.op, lhs.samples, rhs.value, false, e.returnBool), e);
    }
    if (lhs.type === 'scalar' && rhs.type === 'vector') {
      return checked(vectorScalar(e.op, rhs.samples, lhs.value, true, e.returnBool), e);
    }
    throw new PromQLEvalError('binary expression must contain only scalar and instant vector types');
  }
}

/**
 * The label sets a node of a parsed expression last returned without a duplicate. A label set
 * never changes once built (labels.ts), and a rule over a fixed source yields the same label set
 * objects at every evaluation, so the same objects in the same order need no second check.
 */
const checkedAt = new WeakMap<object, readonly PromLabels[]>();

/** Prometheus refuses a result with two elements of the same label set (e.g. after dropping names). */
function checked(samples: readonly Sample[], site?: object): Value {
  if (samples.length < 2) return { type: 'vector', samples };
  const last = site ? checkedAt.get(site) : undefined;
  if (last && last.length === samples.length) {
    let same = true;
    for (let i = 0; i < samples.length && same; i++) same = last[i] === samples[i]!.labels;
    if (same) return { type: 'vector', samples };
  }
  const seen = new Set<string>();
  for (const s of samples) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) throw new PromQLEvalError('vector cannot contain metrics with the same labelset');
    seen.add(key);
  }
  if (site)
    checkedAt.set(
      site,
      samples.map((s) => s.labels),
    );
  return { type: 'vector', samples };
}

function run<T>(f: () => T): T | { ok: false; error: string } {
  try {
    return f();
  } catch (e) {
    if (e instanceof PromQLEvalError) return { ok: false, error: e.message };
    throw e;
  }
}

/** Evaluates `expr` at `timeMs` (an instant query). */
export function evaluateInstant(
  source: PromSource,
  expr: string,
  timeMs: number,
  options: QueryOptions = {},
): InstantResult {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) return parsed;
  if (!Number.isFinite(timeMs)) return { ok: false, error: `bad evaluation time ${timeMs}` };
  const evaluator = new Evaluator(selectContext(source, timeMs, timeMs), options.lookbackMs ?? LOOKBACK_MS);
  return run(() => ({ ok: true as const, timeMs, value: evaluator.eval(parsed.expr, timeMs) }));
}

/** An instant query of an already parsed expression (a rule evaluated again and again). */
export function evaluateParsedInstant(
  source: PromSource,
  expr: Expr,
  timeMs: number,
  options: QueryOptions = {},
): InstantResult {
  const evaluator = new Evaluator(selectContext(source, timeMs, timeMs), options.lookbackMs ?? LOOKBACK_MS);
  return run(() => ({ ok: true as const, timeMs, value: evaluator.eval(expr, timeMs) }));
}

const RANGE_TYPES: ReadonlySet<ValueType> = new Set(['scalar', 'vector']);

/** Evaluates `expr` at startMs, startMs + stepMs, ... up to endMs (a range query). */
export function evaluateRange(
  source: PromSource,
  expr: string,
  startMs: number,
  endMs: number,
  stepMs: number,
  options: QueryOptions = {},
): RangeResult {
  const parsed = parsePromQL(expr);
  if (!parsed.ok) return parsed;
  if (!RANGE_TYPES.has(parsed.type)) {
    return {
      ok: false,
      error: `invalid expression type "${parsed.type}" for range query, must be scalar or instant vector`,
    };
  }
  if (!(stepMs > 0) || !Number.isFinite(startMs) || !Number.isFinite(endMs)) {
    return { ok: false, error: 'a range query needs finite start and end times and a positive step' };
  }
  if (endMs < startMs) return { ok: false, error: 'end time must not be before start time' };
  if ((endMs - startMs) / stepMs >= MAX_RANGE_STEPS) {
    return {
      ok: false,
      error: `exceeded maximum resolution of ${MAX_RANGE_STEPS} points per series: use a larger step`,
    };
  }
  const evaluator = new Evaluator(selectContext(source, startMs, endMs), options.lookbackMs ?? LOOKBACK_MS);
  return run(() => {
    const byLabels = new Map<string, { labels: Sample['labels']; timestamps: number[]; values: number[] }>();
    for (let t = startMs; t <= endMs; t += stepMs) {
      const v = evaluator.eval(parsed.expr, t);
      const samples: readonly Sample[] =
        v.type === 'scalar' ? [{ labels: {}, value: v.value }] : v.type === 'vector' ? v.samples : [];
      for (const s of samples) {
        const key = labelsKey(s.labels);
        let series = byLabels.get(key);
        if (!series) byLabels.set(key, (series = { labels: s.labels, timestamps: [], values: [] }));
        series.timestamps.push(t);
        series.values.push(s.value);
      }
    }
    const series: RangeSeries[] = [...byLabels.values()];
    return { ok: true as const, series };
  });
}
