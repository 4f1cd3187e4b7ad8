/**
 * Functions of instant vectors and scalars, as Prometheus 2.42 computes them. Range-vector
 * functions are in range-functions.ts. Every function here but sort, sort_desc, label_replace and
 * label_join drops the metric name.
 */
import type { Call, Expr } from './ast';
import type { FunctionName } from './function-catalog';
import { METRIC_NAME, dropMetricName, labelsKey, withLabel } from './labels';
import { goExp, goLog, goLog10, goLog2 } from './go-math';
import { LABEL_NAME_RE, compileAnchored, parseGoFloat } from './literals';
import { bucketQuantileOf, compareValues } from './quantile';
import type { RangeFunctionName } from './range-functions';
import type { PromLabels } from './types';
import { PromQLEvalError, type Sample, type Value } from './values';

export interface CallContext {
  readonly call: Call;
  readonly timeMs: number;
}

type InstantFunction = (args: readonly Value[], ctx: CallContext) => Value;

function vectorArg(args: readonly Value[], i: number): readonly Sample[] {
  const v = args[i];
  if (v?.type !== 'vector') throw new PromQLEvalError(`argument ${i + 1} must be an instant vector`);
  return v.samples;
}

function scalarArg(args: readonly Value[], i: number, fallback?: number): number {
  const v = args[i];
  if (v === undefined && fallback !== undefined) return fallback;
  if (v?.type !== 'scalar') throw new PromQLEvalError(`argument ${i + 1} must be a scalar`);
  return v.value;
}

function stringArg(args: readonly Value[], i: number): string {
  const v = args[i];
  if (v?.type !== 'string') throw new PromQLEvalError(`argument ${i + 1} must be a string`);
  return v.value;
}

const vector = (samples: Sample[]): Value => ({ type: 'vector', samples });

/** A function of each value; the metric name is dropped. */
function simple(f: (v: number) => number): InstantFunction {
  return (args) =>
    vector(vectorArg(args, 0).map((s) => ({ labels: dropMetricName(s.labels), value: f(s.value) })));
}

/** The labels `absent()` gives its one sample: the selector's equality matchers, minus any label matched twice. */
function absentLabels(arg: Expr | undefined): Record<string, string> {
  const selector =
    arg?.kind === 'vectorSelector' ? arg : arg?.kind === 'matrixSelector' ? arg.selector : undefined;
  const out: Record<string, string> = {};
  const drop: string[] = [];
  for (const m of selector?.matchers ?? []) {
    if (m.name === METRIC_NAME) continue;
    if (m.op === '=' && !(m.name in out)) {
      if (m.value !== '') out[m.name] = m.value;
    } else drop.push(m.name);
  }
  for (const name of drop) delete out[name];
  return out;
}

/** Go's regexp.Expand for label_replace's replacement: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(
    /\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (whole, braced?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const name = (braced ?? bare)!;
      if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
      return match.groups?.[name] ?? '';
    },
  );
}

function labelReplace(args: readonly Value[]): Value {
  const samples = vectorArg(args, 0);
  const [dst, replacement, src, regex] = [1, 2, 3, 4].map((i) => stringArg(args, i)) as [
    string,
    string,
    string,
    string,
  ];
  const re = compileAnchored(regex.replace(/\(\?P</g, '(?<'));
  if (!(re instanceof RegExp)) throw new PromQLEvalError(re.error);
  if (!LABEL_NAME_RE.test(dst))
    throw new PromQLEvalError(`invalid destination label name in label_replace(): ${dst}`);
  return vector(
    samples.map((s) => {
      const match = re.exec(s.labels[src] ?? '');
      return match
        ? { labels: withLabel(s.labels, dst, expand(replacement, match)), value: s.value }
        : { ...s, sampleMs: undefined };
    }),
  );
}

function labelJoin(args: readonly Value[]): Value {
  const samples = vectorArg(args, 0);
  const dst = stringArg(args, 1);
  const separator = stringArg(args, 2);
  const sources = args.slice(3).map((_, i) => stringArg(args, i + 3));
  for (const src of sources) {
    if (!LABEL_NAME_RE.test(src))
      throw new PromQLEvalError(`invalid source label name in label_join(): ${src}`);
  }
  if (!LABEL_NAME_RE.test(dst))
    throw new PromQLEvalError(`invalid destination label name in label_join(): ${dst}`);
  return vector(
    samples.map((s) => ({
      labels: withLabel(s.labels, dst, sources.map((src) => s.labels[src] ?? '').join(separator)),
      value: s.value,
    })),
  );
}

/** A bucket series' bound, its histogram's labels and group key (undefined: not a bucket). */
interface BucketOf {
  readonly upperBound: number;
  readonly labels: PromLabels;
  readonly key: string;
}

/** Remembered per label set (labels.ts: a label set never changes): a rule reads the same buckets every time. */
const bucketMemo = new WeakMap<PromLabels, BucketOf | null>();

function bucketOf(labels: PromLabels): BucketOf | undefined {
  let memo = bucketMemo.get(labels);
  if (memo === undefined) {
    const upperBound = parseGoFloat(labels.le ?? '');
    if (upperBound === undefined)
      memo = null; // no or malformed `le`: not a bucket
    else {
      const { le: _le, ...rest } = dropMetricName(labels);
      // The name is part of the group, so two histograms with the same labels are not merged.
      memo = { upperBound, labels: rest, key: labelsKey(rest) + (labels[METRIC_NAME] ?? '') };
    }
    bucketMemo.set(labels, memo);
  }
  return memo ?? undefined;
}

/** histogramQuantile's scratch: each group's buckets together (bounds, counts), in sample order. */
let bucketGroup = new Int32Array(64);
let groupStart = new Int32Array(16);
let upperBounds = new Float64Array(64);
let bucketCounts = new Float64Array(64);

function histogramQuantile(args: readonly Value[]): Value {
  const q = scalarArg(args, 0);
  const samples = vectorArg(args, 1);
  // Group the buckets by histogram (first appearance order), then lay each group's buckets out
  // contiguously in their sample order: bucketQuantile reads them without a Bucket object each.
  // A fresh Map: V8's Map.clear() reallocates its table, which costs more than a new Map.
  const index = new Map<string, number>();
  const labels: PromLabels[] = [];
  if (samples.length > bucketGroup.length) {
    bucketGroup = new Int32Array(samples.length * 2);
    upperBounds = new Float64Array(samples.length * 2);
    bucketCounts = new Float64Array(samples.length * 2);
  }
  for (let i = 0; i < samples.length; i++) {
    const bucket = bucketOf(samples[i]!.labels);
    let g = -1;
    if (bucket) {
      const known = index.get(bucket.key);
      if (known === undefined) {
        g = labels.length;
        index.set(bucket.key, g);
        labels.push(bucket.labels);
      } else g = known;
    }
    bucketGroup[i] = g;
  }
  const groups = labels.length;
  if (groups + 1 > groupStart.length) groupStart = new Int32Array((groups + 1) * 2);
  groupStart.fill(0, 0, groups + 1);
  for (let i = 0; i < samples.length; i++) if (bucketGroup[i]! >= 0) groupStart[bucketGroup[i]! + 1]!++;
  for (let g = 0; g < groups; g++) groupStart[g + 1]! += groupStart[g]!;
  const next = Int32Array.from(groupStart.subarray(0, groups));
  for (let i = 0; i < samples.length; i++) {
    const g = bucketGroup[i]!;
    if (g < 0) continue;
    const at = next[g]!++;
    upperBounds[at] = bucketOf(samples[i]!.labels)!.upperBound;
    bucketCounts[at] = samples[i]!.value;
  }
  const out: Sample[] = [];
  for (let g = 0; g < groups; g++)
    out.push({
      labels: labels[g]!,
      value: bucketQuantileOf(q, upperBounds, bucketCounts, groupStart[g]!, groupStart[g + 1]!),
    });
  return vector(out);
}

function sortBy(descending: boolean): InstantFunction {
  return (args) => {
    const sorted = [...vectorArg(args, 0)].sort((a, b) => compareValues(a.value, b.value));
    if (descending) sorted.reverse();
    return vector(sorted.map((s) => ({ labels: s.labels, value: s.value })));
  };
}

export const INSTANT_FUNCTIONS = {
  abs: simple(Math.abs),
  ceil: simple(Math.ceil),
  floor: simple(Math.floor),
  exp: simple(goExp),
  sqrt: simple(Math.sqrt),
  ln: simple(goLog),
  log2: simple(goLog2),
  log10: simple(goLog10),
  round: (args, ctx) => {
    // Prometheus multiplies by the inverse: fewer rounding surprises than dividing by to_nearest.
    const toNearestInverse = 1 / scalarArg(args, 1, 1);
    return simple((v) => Math.floor(v * toNearestInverse + 0.5) / toNearestInverse)(args, ctx);
  },
  clamp: (args, ctx) => {
    const min = scalarArg(args, 1);
    const max = scalarArg(args, 2);
    if (max < min) return vector([]);
    return simple((v) => Math.max(min, Math.min(max, v)))(args, ctx);
  },
  clamp_min: (args, ctx) => {
    const min = scalarArg(args, 1);
    return simple((v) => Math.max(v, min))(args, ctx);
  },
  clamp_max: (args, ctx) => {
    const max = scalarArg(args, 1);
    return simple((v) => Math.min(v, max))(args, ctx);
  },
  absent: (args, ctx) =>
    vector(vectorArg(args, 0).length > 0 ? [] : [{ labels: absentLabels(ctx.call.args[0]), value: 1 }]),
  scalar: (args) => {
    const samples = vectorArg(args, 0);
    return { type: 'scalar', value: samples.length === 1 ? samples[0]!.value : NaN };
  },
  vector: (args) => vector([{ labels: {}, value: scalarArg(args, 0) }]),
  time: (_args, ctx) => ({ type: 'scalar', value: ctx.timeMs / 1000 }),
  timestamp: (args, ctx) =>
    vector(
      vectorArg(args, 0).map((s) => ({
        labels: dropMetricName(s.labels),
        value: (s.sampleMs ?? ctx.timeMs) / 1000,
      })),
    ),
  sort: sortBy(false),
  sort_desc: sortBy(true),
  label_replace: labelReplace,
  label_join: labelJoin,
  histogram_quantile: histogramQuantile,
} satisfies Record<Exclude<FunctionName, RangeFunctionName | 'absent_over_time'>, InstantFunction>;

export function isInstantFunction(name: string): name is keyof typeof INSTANT_FUNCTIONS {
  return Object.hasOwn(INSTANT_FUNCTIONS, name);
}
