/** The values an expression evaluates to, and the results the entry points return (Prometheus's API shapes). */
import type { PromLabels } from './types';

export interface Sample {
  readonly labels: PromLabels;
  readonly value: number;
  /** Milliseconds of the sample a vector selector picked (timestamp() reads it). */
  readonly sampleMs?: number;
}

export interface RangeSeries {
  readonly labels: PromLabels;
  readonly timestamps: readonly number[];
  readonly values: readonly number[];
}

export type Value =
  | { readonly type: 'scalar'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'vector'; readonly samples: readonly Sample[] }
  | { readonly type: 'matrix'; readonly series: readonly RangeSeries[] };

/** A query failed; `position` is set for parse errors (0-based offset into the expression). */
export interface QueryError {
  readonly ok: false;
  readonly error: string;
  readonly position?: number;
}

/** An instant query's result at `timeMs`. */
export type InstantResult =
  { readonly ok: true; readonly timeMs: number; readonly value: Value } | QueryError;

/** A range query's result: one series per label set (a scalar expression gives one with no labels). */
export type RangeResult = { readonly ok: true; readonly series: readonly RangeSeries[] } | QueryError;

/** Thrown inside the evaluator for Prometheus's execution errors; the entry points turn it into a QueryError. */
export class PromQLEvalError extends Error {}
