/**
 * The canonical accuracy cases, as data: each names its system, how to run it, and what queueing
 * theory expects. Exported so the engine's accuracy benchmark can run the very same cases and hold
 * its results against both the closed forms and this simulator's (des/report.ts).
 *
 * Units: seconds and requests/s. mu = 10/s per thread (100 ms mean service) throughout.
 */
import type { Balancer, Schedule, SystemModel } from './model';
import { hypoexponential, mm1kArrivalResponse, mmc } from './theory';

export const MU = 10;
const SERVICE = { kind: 'exponential', mean: 1 / MU } as const;

/** One replica of an M/M/c node fed Poisson traffic at `rate`. */
export function mmcModel(
  c: number,
  rate: number | Schedule,
  extra: { capacity?: number; multiplier?: Schedule } = {},
): SystemModel {
  return {
    nodes: [
      {
        name: 'svc',
        threads: c,
        service: SERVICE,
        ...(extra.capacity !== undefined ? { capacity: extra.capacity } : {}),
        ...(extra.multiplier ? { serviceMultiplier: extra.multiplier } : {}),
      },
    ],
    entry: 'svc',
    arrivalRate: rate,
  };
}

// ---------------------------------------------------------------- steady M/M/c

export interface SteadyCase {
  id: string;
  c: number;
  rho: number;
  lambda: number;
  /** Simulated seconds and warm-up for about 10^6 requests. */
  duration: number;
  warmup: number;
  expected: { meanWait: number; p50Response: number; p99Response: number };
}

export const steadyCases: SteadyCase[] = [1, 4, 16].flatMap((c) =>
  [0.5, 0.8, 0.9].map((rho) => {
    const lambda = rho * c * MU;
    const th = mmc(c, lambda, MU);
    return {
      id: `mmc-c${c}-rho${rho}`,
      c,
      rho,
      lambda,
      duration: Math.round(1e6 / lambda),
      warmup: 200,
      expected: {
        meanWait: th.meanWait,
        p50Response: th.responseQuantile(0.5),
        p99Response: th.responseQuantile(0.99),
      },
    };
  }),
);

// ---------------------------------------------------------------- transient steps

export interface StepCase {
  id: string;
  c: number;
  /** What steps at t0: the arrival rate, or the service time (via its multiplier). */
  kind: 'arrival' | 'service';
  rho0: number;
  rho1: number;
  t0: number;
  /** Simulated seconds after the step. */
  after: number;
  bucket: number;
  runs: number;
  /** Steady mean waits before and after (Erlang C); 0 before when starting idle. */
  expected: { from: number; to: number };
}

/** Run lengths scale with the M/M/c relaxation time ~ 1/(c mu (1 - sqrt(rho))^2). */
const STEP_RUN: Record<number, { t0: number; after: Record<string, number>; bucket: number; runs: number }> =
  {
    1: { t0: 50, after: { '0.8': 200, '0.9': 400 }, bucket: 1, runs: 1000 },
    4: { t0: 30, after: { '0.8': 80, '0.9': 150 }, bucket: 0.5, runs: 500 },
    16: { t0: 20, after: { '0.8': 30, '0.9': 40 }, bucket: 0.1, runs: 300 },
  };

function stepCase(c: number, rho0: number, rho1: number, kind: 'arrival' | 'service' = 'arrival'): StepCase {
  const r = STEP_RUN[c]!;
  const from = rho0 > 0 ? mmc(c, rho0 * c * MU, MU).meanWait : 0;
  // A service step scales the service time: rho scales with it, and so does every wait.
  const to =
    kind === 'arrival'
      ? mmc(c, rho1 * c * MU, MU).meanWait
      : mmc(c, rho0 * c * MU, (MU * rho0) / rho1).meanWait;
  return {
    id: `step-${kind}-c${c}-${rho0}-to-${rho1}`,
    c,
    kind,
    rho0,
    rho1,
    t0: r.t0,
    after: r.after[String(rho1)] ?? 150,
    bucket: r.bucket,
    runs: r.runs,
    expected: { from, to },
  };
}

export const stepCases: StepCase[] = [
  ...[1, 4, 16].flatMap((c) => [0.8, 0.9].map((rho1) => stepCase(c, 0.5, rho1))),
  stepCase(4, 0, 0.9),
  stepCase(4, 0.5, 0.9, 'service'),
];

export function stepModel(k: StepCase): SystemModel {
  if (k.kind === 'arrival')
    return mmcModel(k.c, { times: [0, k.t0], values: [k.rho0 * k.c * MU, k.rho1 * k.c * MU] });
  return mmcModel(k.c, k.rho0 * k.c * MU, { multiplier: { times: [0, k.t0], values: [1, k.rho1 / k.rho0] } });
}

// ---------------------------------------------------------------- overload and drain

export interface OverloadCase {
  id: string;
  c: number;
  rhoBase: number;
  rhoPeak: number;
  /** Overload runs over [t0, t0 + overloadFor); the drain is measured from t0 + overloadFor. */
  t0: number;
  overloadFor: number;
  after: number;
  bucket: number;
  runs: number;
  /**
   * Fluid (deterministic) prediction: the backlog grows at (rhoPeak - 1) c mu, so an arrival at the
   * end waits (rhoPeak - 1) * overloadFor; it drains at (1 - rhoBase) c mu, and the wait falls
   * linearly, reaching fraction f of the way down after f * drainTime.
   */
  fluid: { peakWait: number; drainTime: number };
  /** Steady wait at rhoBase (Erlang C): where the drain ends. */
  baseWait: number;
}

export const overloadCases: OverloadCase[] = [1, 4, 16].map((c) => {
  const rhoBase = 0.8;
  const rhoPeak = 1.2;
  const overloadFor = 60;
  const peakWait = (rhoPeak - 1) * overloadFor;
  return {
    id: `overload-c${c}-${rhoBase}-${rhoPeak}-${rhoBase}`,
    c,
    rhoBase,
    rhoPeak,
    t0: 50,
    overloadFor,
    after: 150,
    bucket: 1,
    runs: c === 16 ? 100 : c === 4 ? 200 : 400,
    fluid: { peakWait, drainTime: peakWait / (1 - rhoBase) },
    baseWait: mmc(c, rhoBase * c * MU, MU).meanWait,
  };
});

export function overloadModel(k: OverloadCase): SystemModel {
  const cm = k.c * MU;
  return mmcModel(k.c, {
    times: [0, k.t0, k.t0 + k.overloadFor],
    values: [k.rhoBase * cm, k.rhoPeak * cm, k.rhoBase * cm],
  });
}

// ---------------------------------------------------------------- M/M/1/K near rho = 1

export interface FiniteQueueCase {
  id: string;
  lambda: number;
  K: number;
  /** Mean response of admitted requests arriving in [window[0], window[1]), starting empty. */
  window: [number, number];
  runs: number;
  expected: {
    /** Exact: transient M/M/1/K law (Kolmogorov equations), averaged over the window. */
    meanResponse: number;
    /** The rough figure first quoted for this case; kept for reference, the exact value rules. */
    quoted: number;
  };
}

export const finiteQueueCases: FiniteQueueCase[] = (
  [
    [9.9, 4.06],
    [10.0, 4.96],
    [10.1, 5.78],
  ] as const
).map(([lambda, quoted]) => {
  const window: [number, number] = [295, 305];
  const pts = [295.5, 297.5, 299.5, 301.5, 303.5].map((t) => mm1kArrivalResponse(100, lambda, MU, t));
  return {
    id: `mm1k-K100-lambda${lambda}`,
    lambda,
    K: 100,
    window,
    // Only ~100 requests per run land in the window, and they are strongly correlated: many runs.
    runs: 1600,
    expected: { meanResponse: pts.reduce((s, x) => s + x, 0) / pts.length, quoted },
  };
});

export function finiteQueueModel(k: FiniteQueueCase): SystemModel {
  return mmcModel(1, k.lambda, { capacity: k.K });
}

// ---------------------------------------------------------------- replicas vs pooling

export interface BalancingCase {
  id: string;
  replicas: number;
  threads: number;
  balancer: Balancer;
  lambda: number;
  duration: number;
  warmup: number;
  /** Erlang C for what the balancer reduces to, where a closed form exists. */
  expectedMeanWait: number | null;
}

const BAL_LAMBDA = 0.9 * 16 * MU;
export const balancingCases: BalancingCase[] = [
  {
    id: 'pooled-1xMM16',
    replicas: 1,
    threads: 16,
    balancer: 'round-robin',
    expectedMeanWait: mmc(16, BAL_LAMBDA, MU).meanWait,
  },
  // Random splitting thins Poisson into Poisson: each replica is exactly M/M/4.
  {
    id: 'random-4xMM4',
    replicas: 4,
    threads: 4,
    balancer: 'random',
    expectedMeanWait: mmc(4, BAL_LAMBDA / 4, MU).meanWait,
  },
  // Round-robin feeds each replica Erlang-4 gaps (E4/M/4): no simple closed form here.
  { id: 'round-robin-4xMM4', replicas: 4, threads: 4, balancer: 'round-robin', expectedMeanWait: null },
  {
    id: 'least-outstanding-4xMM4',
    replicas: 4,
    threads: 4,
    balancer: 'least-outstanding',
    expectedMeanWait: null,
  },
].map((k) => ({ ...k, balancer: k.balancer as Balancer, lambda: BAL_LAMBDA, duration: 5000, warmup: 100 }));

export function balancingModel(k: BalancingCase): SystemModel {
  return {
    nodes: [
      { name: 'svc', threads: k.threads, replicas: k.replicas, balancer: k.balancer, service: SERVICE },
    ],
    entry: 'svc',
    arrivalRate: k.lambda,
  };
}

// ---------------------------------------------------------------- call chain

export interface ChainCase {
  id: string;
  /** Mean service per hop (s), caller first. */
  means: number[];
  lambda: number;
  threads: number;
  duration: number;
  warmup: number;
  expected: { mean: number; p50: number; p99: number };
}

const CHAIN_MEANS = [0.01, 0.01, 0.05];
const chainLaw = hypoexponential(CHAIN_MEANS.map((m) => 1 / m));
export const chainCase: ChainCase = {
  id: 'chain-A10ms-B10ms-C50ms',
  means: CHAIN_MEANS,
  lambda: 10,
  threads: 16,
  duration: 50_000,
  warmup: 10,
  expected: { mean: chainLaw.mean, p50: chainLaw.quantile(0.5), p99: chainLaw.quantile(0.99) },
};

export function chainModel(k: ChainCase): SystemModel {
  const names = k.means.map((_, i) => String.fromCharCode(65 + i));
  return {
    nodes: k.means.map((m, i) => ({
      name: names[i]!,
      threads: k.threads,
      service: { kind: 'exponential', mean: m },
      ...(i + 1 < names.length ? { calls: [{ target: names[i + 1]! }] } : {}),
    })),
    entry: names[0]!,
    arrivalRate: k.lambda,
  };
}
