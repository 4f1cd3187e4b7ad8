/**
 * Accuracy table: the engine against the reference DES and closed forms, case by case (issue 11,
 * items 2 and 4). `npx tsx des/accuracy.ts [--json] [--quick]`, and part of `npm run bench`.
 *
 * - steady M/M/c (c in 1, 4, 16; rho in .5, .8, .9): engine mean wait and p99 vs Erlang C;
 * - steps in load or service time: time for the mean wait (by arrival time) to get 50% and 90% of
 *   the way to its new steady value, engine vs DES (engine resolution: one 1 s tick);
 * - overload rho .8 -> 1.2 (60 s) -> .8: the wait at the end of the overload and the drain times;
 * - M/M/1/100 near rho = 1 after 300 s from empty: engine vs the exact transient law;
 * - chains of 2 to 4 hops (A -> B -> C 10/10/50 ms and others): the caller's p50 and p99 vs the
 *   hypoexponential law;
 * - balancing 4 x M/M/4 at rho .9 (random, round-robin): the wait over the pooled M/M/16 wait,
 *   engine vs DES, and random's wait vs Erlang C per replica;
 * - one slow replica of 4 (random balancing, so each replica is exactly M/M/c): mean, p50 and p99
 *   of the mixture vs the exact law (Erlang C per replica, mixed 3:1);
 * - a thread pool calling a database at its capacity (des/pool-at-capacity.ts): the operating
 *   point both settle at (web's error ratio, the database's calls/s and calls held, web's p50).
 */
import { createSimulation } from '../simulator/engine/index';
import { makeScenario } from '../simulator/engine/testing';
import type { TopologyInput } from '../simulator/engine/testing';
import {
  balancingCases,
  balancingModel,
  chainCase,
  finiteQueueCases,
  MU,
  overloadCases,
  overloadModel,
  steadyCases,
  stepCases,
  stepModel,
  type StepCase,
} from './cases';
import { desWindow, engineWindow, mean } from './pool-at-capacity';
import { steadyState } from './steady';
import { hypoexponential, mmc, mmcStationary, mmcTransientWait } from './theory';
import { crossingTimes, levelBetween, runTransient } from './transient';

export interface Row {
  group: string;
  id: string;
  quantity: string;
  engine: number;
  reference: number;
  source: 'theory' | 'DES';
  /** |engine - reference| / reference. */
  relError: number;
}

const S = 1 / MU;

/** Runs a one-service engine scenario; returns per-tick mean wait (latency_mean - service time). */
function engineWaits(
  c: number,
  stages: { duration: number; target: number }[],
  seconds: number,
  opts: {
    queueLimit?: number;
    faults?: TopologyInput['faults'];
    serviceAfter?: { at: number; s: number };
    /** Engine tick in seconds (default 1). */
    tick?: number;
  } = {},
): { wait: Float64Array; p99: Float64Array; mean: Float64Array } {
  const dt = opts.tick ?? 1;
  const sim = createSimulation(
    makeScenario({
      nodes: [
        { id: 'load', kind: 'client', stages, noise: 0 },
        {
          id: 'svc',
          kind: 'service',
          replicas: 1,
          concurrency: c,
          serviceTime: S,
          cpuPerRequest: 0,
          queueLimit: opts.queueLimit ?? 1_000_000,
          memoryLimitMb: 1e9,
        },
      ],
      edges: [{ from: 'load', to: 'svc', timeout: 36_000 }],
      ...(opts.faults ? { faults: opts.faults } : {}),
      ...(dt !== 1 ? { tickSeconds: dt } : {}),
    } as TopologyInput),
  );
  sim.runUntil(seconds);
  const m = sim.metrics;
  const iMean = m.find('latency_mean', 'svc');
  const i99 = m.find('latency_p99', 'svc');
  const n = Math.min(Math.round(seconds / dt), sim.tick);
  const wait = new Float64Array(n);
  const p99 = new Float64Array(n);
  const mean = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const s = opts.serviceAfter && t * dt >= opts.serviceAfter.at ? opts.serviceAfter.s : S;
    mean[t] = m.at(iMean, t);
    wait[t] = mean[t]! - s;
    p99[t] = m.at(i99, t);
  }
  return { wait, p99, mean };
}

function rel(engine: number, reference: number): number {
  return Math.abs(engine - reference) / Math.abs(reference);
}

export function steadyRows(): Row[] {
  return steadyCases.flatMap((k) => {
    const lam = k.rho * k.c * MU;
    const e = engineWaits(k.c, [{ duration: 600, target: lam }], 600);
    const w = e.wait[599]!;
    const p = e.p99[599]!;
    return [
      { group: 'steady', id: k.id, quantity: 'mean wait', engine: w, reference: k.expected.meanWait },
      { group: 'steady', id: k.id, quantity: 'p99', engine: p, reference: k.expected.p99Response },
    ].map((r) => ({ ...r, source: 'theory' as const, relError: rel(r.engine, r.reference) }));
  });
}

/**
 * A transient faster than a tick cannot show at 1 s ticks (the engine reports per tick), so the
 * step cases also run at FINE_TICK: the model's own dynamics, without the tick's resolution.
 */
const FINE_TICK = 0.1;

/** The engine's t50 / t90 after a step case's change, at `tick` seconds per tick. */
function engineStepCrossings(k: StepCase, duration: number, tick: number): number[] {
  const cm = k.c * MU;
  let e;
  if (k.kind === 'arrival') {
    e = engineWaits(
      k.c,
      [
        { duration: k.t0, target: k.rho0 * cm },
        { duration: 0, target: k.rho1 * cm },
        { duration: k.after, target: k.rho1 * cm },
      ],
      duration,
      { tick },
    );
  } else {
    const factor = k.rho1 / k.rho0;
    e = engineWaits(k.c, [{ duration, target: k.rho0 * cm }], duration, {
      faults: [{ at: k.t0, target: 'svc', type: 'latency', params: { factor } }],
      serviceAfter: { at: k.t0, s: S * factor },
      tick,
    });
  }
  return crossingTimes(e.wait, k.expected.from, k.expected.to, { t0: k.t0, bucket: tick, window: 1 });
}

/** Exact mean wait by arrival time after a step case's change (t = 0 at the step), every EXACT_EVERY s. */
const EXACT_EVERY = 0.01;
function exactStepWait(k: StepCase): Float64Array {
  const cm = k.c * MU;
  const p0 = mmcStationary(k.c, k.rho0 * cm, MU, 600);
  const lam = k.kind === 'arrival' ? k.rho1 * cm : k.rho0 * cm;
  const mu = k.kind === 'arrival' ? MU : (MU * k.rho0) / k.rho1;
  return mmcTransientWait(k.c, p0, lam, mu, k.after, EXACT_EVERY);
}

/** A fine curve's means over buckets of `bucket` seconds. */
function bucketMeans(curve: Float64Array, every: number, bucket: number): Float64Array {
  const per = Math.round(bucket / every);
  const n = Math.floor((curve.length - 1) / per);
  const out = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    let s = 0;
    for (let j = 0; j < per; j++) s += curve[b * per + j]!;
    out[b] = s / per;
  }
  return out;
}

/**
 * Step cases. The reference is the exact M/M/c transient (Kolmogorov equations): the DES agrees
 * with it within its noise, but its crossing times, read off a noisy curve, scatter (the 90% point
 * most, where the curve is flat). Per fraction, four rows:
 * - `1 s ticks`: the engine's per-tick wait (the mean over the tick's arrivals) against the exact
 *   curve averaged over the same 1 s buckets: the fair comparison at the engine's resolution (a
 *   transient that ends within the first second ends in the first tick for both);
 * - `1 s ticks, raw`: the same engine figure against the exact curve itself;
 * - `0.1 s ticks`: the engine at 0.1 s ticks against the exact curve (the model without the tick);
 * - `DES`: the engine at 1 s ticks against the DES's crossing (its moving average, its buckets).
 */
export function stepRows(quick: boolean, withDes = true): Row[] {
  return stepCases.flatMap((k) => {
    const duration = k.t0 + k.after;
    const exact = exactStepWait(k);
    const at = { t0: 0, window: 1 };
    const rawExact = crossingTimes(exact, k.expected.from, k.expected.to, { ...at, bucket: EXACT_EVERY });
    const tickExact = crossingTimes(bucketMeans(exact, EXACT_EVERY, 1), k.expected.from, k.expected.to, {
      ...at,
      bucket: 1,
    });
    const eng = engineStepCrossings(k, duration, 1);
    const fine = engineStepCrossings(k, duration, FINE_TICK);
    const rows: Omit<Row, 'relError'>[] = [];
    const add = (quantity: string, engine: number, reference: number, source: Row['source']) =>
      rows.push({ group: 'step', id: k.id, quantity, engine, reference, source });
    [0.5, 0.9].forEach((f, i) => {
      const t = `t${f * 100}% (s)`;
      add(`${t}, 1 s ticks`, eng[i]!, tickExact[i]!, 'theory');
      add(`${t}, 1 s ticks, raw`, eng[i]!, rawExact[i]!, 'theory');
      add(`${t}, ${FINE_TICK} s ticks`, fine[i]!, rawExact[i]!, 'theory');
    });
    if (withDes) {
      const runs = quick ? Math.max(20, Math.round(k.runs / 10)) : k.runs;
      const curve = runTransient(stepModel(k), { duration, t0: k.t0, bucket: k.bucket, runs, seed: 1 });
      const des = crossingTimes(curve.meanWait, k.expected.from, k.expected.to, {
        t0: k.t0,
        bucket: k.bucket,
      });
      [0.5, 0.9].forEach((f, i) => add(`t${f * 100}% (s), DES`, eng[i]!, des[i]!, 'DES'));
    }
    return rows.map((r) => ({ ...r, relError: rel(r.engine, r.reference) }));
  });
}

export function overloadRows(quick: boolean): Row[] {
  return overloadCases.flatMap((k) => {
    const runs = quick ? Math.max(20, Math.round(k.runs / 10)) : k.runs;
    const end = k.t0 + k.overloadFor;
    const duration = end + k.after;
    const curve = runTransient(overloadModel(k), { duration, t0: k.t0, bucket: 1, runs, seed: 1 });
    const cm = k.c * MU;
    const e = engineWaits(
      k.c,
      [
        { duration: k.t0, target: k.rhoBase * cm },
        { duration: 0, target: k.rhoPeak * cm },
        { duration: k.overloadFor, target: k.rhoPeak * cm },
        { duration: 0, target: k.rhoBase * cm },
        { duration: k.after, target: k.rhoBase * cm },
      ],
      duration,
    );
    const desPeak = levelBetween(curve, end - 2, end);
    const engPeak = (e.wait[end - 2]! + e.wait[end - 1]!) / 2;
    const desDrain = crossingTimes(curve.meanWait, desPeak, k.baseWait, { t0: end, bucket: 1 });
    const engDrain = crossingTimes(e.wait, engPeak, k.baseWait, { t0: end, bucket: 1, window: 1 });
    return [
      { quantity: 'wait at end of overload (s)', engine: engPeak, reference: desPeak },
      { quantity: 'drain t50% (s)', engine: engDrain[0]!, reference: desDrain[0]! },
      { quantity: 'drain t90% (s)', engine: engDrain[1]!, reference: desDrain[1]! },
    ].map((r) => ({
      group: 'overload',
      id: k.id,
      ...r,
      source: 'DES' as const,
      relError: rel(r.engine, r.reference),
    }));
  });
}

export function finiteRows(): Row[] {
  return finiteQueueCases.map((k) => {
    const [a, b] = k.window;
    // K = 100 in system: 1 thread + 99 queue slots.
    const e = engineWaits(1, [{ duration: b + 1, target: k.lambda }], b + 1, { queueLimit: k.K - 1 });
    let s = 0;
    for (let t = a; t < b; t++) s += e.mean[t]!;
    const engine = s / (b - a);
    return {
      group: 'rho~1',
      id: k.id,
      quantity: 'mean response at 300 s',
      engine,
      reference: k.expected.meanResponse,
      source: 'theory' as const,
      relError: rel(engine, k.expected.meanResponse),
    };
  });
}

/** Extra chains (2 to 4 hops) besides chainCase, each at negligible load vs its hypoexponential law. */
const EXTRA_CHAINS = [
  [0.05, 0.05, 0.05],
  [0.001, 0.001, 0.1],
  [0.05, 0.01, 0.01],
  [0.01, 0.05],
  [0.01, 0.01, 0.01, 0.05],
];

export function chainRows(): Row[] {
  const cases = [
    {
      id: chainCase.id,
      means: chainCase.means,
      lambda: chainCase.lambda,
      threads: chainCase.threads,
      expected: chainCase.expected,
    },
    ...EXTRA_CHAINS.map((means) => {
      const law = hypoexponential(means.map((m) => 1 / m));
      return {
        id: `chain-${means.map((m, i) => `${String.fromCharCode(65 + i)}${m * 1000}ms`).join('-')}`,
        means,
        lambda: 1,
        threads: 64,
        expected: { p50: law.quantile(0.5), p99: law.quantile(0.99) },
      };
    }),
  ];
  return cases.flatMap((k) => chainRowsOf(k));
}

function chainRowsOf(k: {
  id: string;
  means: number[];
  lambda: number;
  threads: number;
  expected: { p50: number; p99: number };
}): Row[] {
  const names = k.means.map((_, i) => String.fromCharCode(65 + i));
  const sim = createSimulation(
    makeScenario({
      nodes: [
        { id: 'load', kind: 'client', stages: [{ duration: 120, target: k.lambda }], noise: 0 },
        ...names.map((id, i) => ({
          id,
          kind: 'service' as const,
          replicas: 1,
          concurrency: k.threads,
          serviceTime: k.means[i]!,
          cpuPerRequest: 0,
        })),
      ],
      edges: [{ from: 'load', to: 'A' }, ...names.slice(1).map((to, i) => ({ from: names[i]!, to }))],
    }),
  );
  sim.runUntil(120);
  const m = sim.metrics;
  return [
    { quantity: 'caller p50', engine: m.latest(m.find('latency_p50', 'A')), reference: k.expected.p50 },
    { quantity: 'caller p99', engine: m.latest(m.find('latency_p99', 'A')), reference: k.expected.p99 },
  ].map((r) => ({
    group: 'chain',
    id: k.id,
    ...r,
    source: 'theory' as const,
    relError: rel(r.engine, r.reference),
  }));
}

/** Engine steady state of one service behind a balancer: latency mean, p50, p99. */
function engineReplicas(
  replicas: number,
  threads: number,
  s: number,
  lambda: number,
  balancer: string,
  faults?: TopologyInput['faults'],
): { mean: number; p50: number; p99: number } {
  const sim = createSimulation(
    makeScenario({
      nodes: [
        { id: 'load', kind: 'client', stages: [{ duration: 900, target: lambda }], noise: 0 },
        {
          id: 'svc',
          kind: 'service',
          replicas,
          concurrency: threads,
          serviceTime: s,
          cpuPerRequest: 0,
          queueLimit: 1_000_000,
          memoryLimitMb: 1e9,
          balancer,
        },
      ],
      edges: [{ from: 'load', to: 'svc', timeout: 36_000 }],
      ...(faults ? { faults } : {}),
    } as TopologyInput),
  );
  sim.runUntil(900);
  const m = sim.metrics;
  const at = (name: string) => m.latest(m.find(name, 'svc'));
  return { mean: at('latency_mean'), p50: at('latency_p50'), p99: at('latency_p99') };
}

const ENGINE_BALANCER: Record<string, string> = {
  random: 'random',
  'round-robin': 'round-robin',
  'least-outstanding': 'least-request',
};

export function balancingRows(quick: boolean): Row[] {
  const scale = quick ? 0.2 : 1;
  const des = balancingCases.map((k) => ({
    k,
    w: steadyState(balancingModel(k), { duration: k.duration * scale, warmup: k.warmup, seed: 1 }).meanWait
      .value,
  }));
  const pooled = des.find((d) => d.k.replicas === 1)!;
  const enginePooled = engineReplicas(1, pooled.k.threads, S, pooled.k.lambda, 'least-request').mean - S;
  return des
    .filter((d) => d.k.replicas > 1 && d.k.balancer !== 'least-outstanding')
    .flatMap(({ k, w }) => {
      const ew = engineReplicas(k.replicas, k.threads, S, k.lambda, ENGINE_BALANCER[k.balancer]!).mean - S;
      const rows: Omit<Row, 'relError'>[] = [
        {
          group: 'balancing',
          id: k.id,
          quantity: 'wait / pooled wait',
          engine: ew / enginePooled,
          reference: w / pooled.w,
          source: 'DES',
        },
      ];
      if (k.expectedMeanWait !== null)
        rows.push({
          group: 'balancing',
          id: k.id,
          quantity: 'mean wait',
          engine: ew,
          reference: k.expectedMeanWait,
          source: 'theory',
        });
      return rows.map((r) => ({ ...r, relError: rel(r.engine, r.reference) }));
    });
}

/**
 * One replica of 4 slow (latency fault with replicas: 1), random balancing: each replica is
 * exactly M/M/c with lambda / 4, so the law is the 3:1 mixture of two Erlang C responses.
 */
export function slowReplicaRows(): Row[] {
  const cases = [
    { id: 'slow-1of4-x1.5-4xMM4-rho.5', threads: 4, s: 0.1, lambda: 80, factor: 1.5 },
    { id: 'slow-1of4-x10-4xMM50-rho.04', threads: 50, s: 0.02, lambda: 400, factor: 10 },
  ];
  return cases.flatMap((k) => {
    const fast = mmc(k.threads, k.lambda / 4, 1 / k.s);
    const slow = mmc(k.threads, k.lambda / 4, 1 / (k.s * k.factor));
    const survival = (t: number) => 0.75 * fast.responseSurvival(t) + 0.25 * slow.responseSurvival(t);
    const quantile = (q: number) => {
      let lo = 0;
      let hi = 1;
      while (survival(hi) > 1 - q) hi *= 2;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (survival(mid) > 1 - q) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    const e = engineReplicas(4, k.threads, k.s, k.lambda, 'random', [
      { at: 0, target: 'svc', type: 'latency', params: { factor: k.factor, replicas: 1 } },
    ]);
    return [
      { quantity: 'mean', engine: e.mean, reference: 0.75 * fast.meanResponse + 0.25 * slow.meanResponse },
      { quantity: 'p50', engine: e.p50, reference: quantile(0.5) },
      { quantity: 'p99', engine: e.p99, reference: quantile(0.99) },
    ].map((r) => ({
      group: 'odd replica',
      id: k.id,
      ...r,
      source: 'theory' as const,
      relError: rel(r.engine, r.reference),
    }));
  });
}

/** A thread pool calling a database at its capacity: the operating point both settle at. */
export function poolAtCapacityRows(): Row[] {
  const des = desWindow();
  const w = engineWindow('service', 180, 240);
  return [
    { quantity: 'web error ratio', engine: mean(w.webErr), reference: des.webErr },
    { quantity: 'database calls/s', engine: mean(w.dbRate), reference: des.dbRate },
    { quantity: 'database calls held', engine: mean(w.dbInflight), reference: des.dbInflight },
    { quantity: 'web p50 (s)', engine: mean(w.webP50), reference: des.webP50 },
  ].map((r) => ({
    group: 'coupling',
    id: '256-threads-x4-calls-vs-db-at-capacity',
    ...r,
    source: 'DES' as const,
    relError: rel(r.engine, r.reference),
  }));
}

export function accuracyTable(quick = false): Row[] {
  return [
    ...steadyRows(),
    ...finiteRows(),
    ...stepRows(quick),
    ...overloadRows(quick),
    ...chainRows(),
    ...balancingRows(quick),
    ...slowReplicaRows(),
    ...poolAtCapacityRows(),
  ];
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toPrecision(4);
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const json = process.argv.includes('--json');
  const quick = process.argv.includes('--quick');
  const rows = accuracyTable(quick);
  if (json) console.log(JSON.stringify({ accuracy: rows }, null, 2));
  else {
    console.log('Engine accuracy vs queueing theory and the reference DES (relative error per case)');
    console.log(['group', 'case', 'quantity', 'engine', 'reference', 'rel. error'].join('\t'));
    for (const r of rows)
      console.log(
        [
          r.group,
          r.id,
          r.quantity,
          fmt(r.engine),
          `${fmt(r.reference)} (${r.source})`,
          `${(r.relError * 100).toFixed(1)}%`,
        ].join('\t'),
      );
    // Worst per group: the step group's DES rows read crossing times off a noisy averaged curve
    // (docs/architecture.md, "Knowingly approximate"), so one overall maximum says little.
    const key = (r: Row) => `${r.group} vs ${r.source}`;
    for (const group of new Set(rows.map(key))) {
      const worst = rows.filter((r) => key(r) === group).reduce((a, b) => (b.relError > a.relError ? b : a));
      console.log(`worst, ${group}: ${worst.id} ${worst.quantity}: ${(worst.relError * 100).toFixed(1)}%`);
    }
  }
}
