/**
 * Steady-state estimates from one long run: discard a warm-up, then batch-means CIs over the
 * requests in arrival order (see stats.ts for why batch means).
 */
import { Outcome, type RunOptions, type SystemModel } from './model';
import { simulate, type RunResult } from './simulate';
import { batchMeans, quantileOf, type Estimate } from './stats';

export interface SteadyEstimates {
  requests: number;
  /** Queue wait at the entry (first attempt) of admitted requests. */
  meanWait: Estimate;
  meanResponse: Estimate;
  p50Response: Estimate;
  p99Response: Estimate;
  /** Share of arrivals rejected at the entry (the client's final outcome). */
  blocking: Estimate;
  /** Time-average number at each node over the measured window. */
  inSystem: number[];
  /** Admitted arrival rate at each node over the measured window. */
  admittedRate: number[];
  run: RunResult;
}

export interface SteadyOptions extends RunOptions {
  warmup: number;
  batches?: number;
}

export function steadyState(model: SystemModel, opts: SteadyOptions): SteadyEstimates {
  const run = simulate(model, opts);
  return steadyFrom(run, opts.warmup, opts.batches ?? 20);
}

export function steadyFrom(run: RunResult, warmup: number, batches = 20): SteadyEstimates {
  const r = run.requests;
  const waits: number[] = [];
  const responses: number[] = [];
  const rejected: number[] = [];
  for (let i = 0; i < r.count; i++) {
    if (r.arrival[i]! < warmup) continue;
    const o = r.outcome[i]!;
    rejected.push(o === Outcome.rejected ? 1 : 0);
    if (r.wait[i]! === r.wait[i]!) waits.push(r.wait[i]!);
    if (o === Outcome.ok) responses.push(r.response[i]!);
  }
  const b0 = Math.floor(warmup / run.bucket);
  const window = run.duration - b0 * run.bucket;
  const inSystem = run.nodes.map((n) => n.area.subarray(b0).reduce((s, a) => s + a, 0) / window);
  // Admitted rate per node isn't bucketed; over a long window the whole-run rate is what Little needs.
  const admittedRate = run.nodes.map((n) => (n.offered - n.rejected) / run.duration);
  return {
    requests: rejected.length,
    meanWait: batchMeans(waits, batches),
    meanResponse: batchMeans(responses, batches),
    p50Response: batchMeans(responses, batches, quantileOf(0.5)),
    p99Response: batchMeans(responses, batches, quantileOf(0.99)),
    blocking: batchMeans(rejected, batches),
    inSystem,
    admittedRate,
    run,
  };
}

/** Whether `expected` lies within the estimate's CI widened by `slack` half-widths (default 1 extra). */
export function agrees(e: Estimate, expected: number, slack = 2): boolean {
  return Math.abs(e.value - expected) <= slack * e.halfWidth;
}
