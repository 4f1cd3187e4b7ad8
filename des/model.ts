/**
 * What the reference simulator simulates, as plain data. Everything is per request: each request is
 * an individual job on an individual thread, which is exactly what the engine's fluid/queueing model
 * approximates and what this oracle checks it against.
 */
import type { Dist } from './random';

export type { Dist };

/**
 * Piecewise-constant function of time: `values[i]` holds from `times[i]` until `times[i + 1]`.
 * `times[0]` must be 0 and times must increase. Used for arrival-rate and service-time steps.
 */
export interface Schedule {
  times: readonly number[];
  values: readonly number[];
}

export type Balancer = 'round-robin' | 'least-outstanding' | 'random';

export interface RetryPolicy {
  /** Total attempts including the first (1 = no retries). */
  maxAttempts: number;
  /** Backoff before retry n (n = 1, 2, ...) is base * multiplier^(n-1), capped at `maxBackoff`. */
  backoffBase: number;
  backoffMultiplier?: number;
  maxBackoff?: number;
  /** 'full': uniform in [0, backoff]; 'equal': backoff/2 + uniform in [0, backoff/2]. */
  jitter?: 'none' | 'full' | 'equal';
}

/** How a caller calls a callee: synchronously, holding its own thread for the whole call. */
export interface CallPolicy {
  /** The caller gives up after this long (seconds). The callee is not told: it still does the work. */
  timeout?: number;
  retry?: RetryPolicy;
}

export interface CallEdge extends CallPolicy {
  /** Name of the callee node. */
  target: string;
  /** Sequential calls to the target per request at the caller (default 1). */
  count?: number;
}

export interface NodeSpec {
  name: string;
  /** Identical replicas behind a balancer (default 1). */
  replicas?: number;
  /** Threads per replica: c in M/M/c. */
  threads: number;
  /**
   * Most requests one replica holds at once, in service plus waiting: K in M/M/c/K. An arrival that
   * finds K is rejected. Infinity (the default) is an unbounded queue.
   */
  capacity?: number;
  /** The node's own work per request, done on its thread before it makes its downstream calls. */
  service: Dist;
  /** Multiplies each service time drawn at a given start time (default constant 1). */
  serviceMultiplier?: Schedule;
  /** Probability that a request's own work ends in an error (default 0). A dead node has 1. */
  errorProbability?: number;
  balancer?: Balancer;
  /** Downstream calls, made one after another in this order while holding the thread. */
  calls?: readonly CallEdge[];
}

export interface SystemModel {
  nodes: readonly NodeSpec[];
  /** Node the external clients call. */
  entry: string;
  /** Poisson arrival rate at the entry (requests/s), constant or a schedule. */
  arrivalRate: number | Schedule;
  /** The external client's timeout and retries towards the entry (default: none). */
  client?: CallPolicy;
}

export interface RunOptions {
  /** Arrivals stop at this time (s); requests still in flight are run to completion. */
  duration: number;
  seed: number;
  /** Width of time-series buckets (s), default 1. */
  bucket?: number;
}

/** Final outcome of an external request (after the client's retries). */
export const Outcome = { ok: 0, rejected: 1, timeout: 2, error: 3 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];
export const OUTCOME_NAMES = ['ok', 'rejected', 'timeout', 'error'] as const;

export function constant(value: number): Schedule {
  return { times: [0], values: [value] };
}

/** `before` until `at`, then `after`. */
export function step(before: number, at: number, after: number): Schedule {
  return { times: [0, at], values: [before, after] };
}

export function valueAt(s: Schedule, t: number): number {
  // Schedules have a handful of pieces: a linear scan beats a binary search here.
  let v = s.values[0]!;
  for (let i = 1; i < s.times.length; i++) {
    if (s.times[i]! > t) break;
    v = s.values[i]!;
  }
  return v;
}

export function validateSchedule(s: Schedule, what: string): void {
  if (s.times.length === 0 || s.times.length !== s.values.length || s.times[0] !== 0) {
    throw new Error(`${what}: a schedule needs matching times/values starting at t=0`);
  }
  for (let i = 1; i < s.times.length; i++) {
    if (!(s.times[i]! > s.times[i - 1]!)) throw new Error(`${what}: schedule times must increase`);
  }
  for (const v of s.values) if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`${what}: bad value ${v}`);
}
