/**
 * Runs every canonical case (des/cases.ts) through the reference simulator and prints what it
 * measured next to what theory expects.
 *
 *   npx tsx des/report.ts            # tables
 *   npx tsx des/report.ts --json     # the same results as JSON (for the engine benchmark / CI)
 *   npx tsx des/report.ts --quick    # a quarter of the samples: a fast smoke run, wider CIs
 */
import {
  balancingCases,
  balancingModel,
  chainCase,
  chainModel,
  finiteQueueCases,
  finiteQueueModel,
  mmcModel,
  overloadCases,
  overloadModel,
  stepCases,
  stepModel,
  steadyCases,
} from './cases';
import { Outcome } from './model';
import { simulate } from './simulate';
import { meanCI, type Estimate } from './stats';
import { steadyState } from './steady';
import { crossingEstimates, movingAverage, runTransient } from './transient';

type Est = { value: number; halfWidth: number };
const est = (e: Estimate): Est => ({ value: e.value, halfWidth: e.halfWidth });

export interface Report {
  steady: {
    id: string;
    c: number;
    rho: number;
    requests: number;
    meanWait: Est;
    erlangMeanWait: number;
    p50Response: Est;
    theoryP50: number;
    p99Response: Est;
    theoryP99: number;
  }[];
  steps: {
    id: string;
    c: number;
    kind: string;
    rho0: number;
    rho1: number;
    runs: number;
    from: number;
    to: number;
    t50: Est;
    t90: Est;
  }[];
  overload: {
    id: string;
    c: number;
    runs: number;
    peakWait: number;
    fluidPeakWait: number;
    baseWait: number;
    drain50: Est;
    drain90: Est;
    fluidDrain50: number;
    fluidDrain90: number;
  }[];
  finiteQueue: {
    id: string;
    lambda: number;
    runs: number;
    meanResponse: Est;
    exact: number;
    quoted: number;
    /** Mean response (admitted) by arrival time, 10 s buckets, averaged over runs. */
    series: { t: number; meanResponse: number }[];
  }[];
  balancing: { id: string; meanWait: Est; expected: number | null; ratioToPooled: number }[];
  chain: {
    id: string;
    meanResponse: Est;
    p50: Est;
    p99: Est;
    expected: { mean: number; p50: number; p99: number };
  };
  seconds: number;
}

export function runReport(scale = 1): Report {
  const started = performance.now();
  const runs = (n: number) => Math.max(8, Math.round(n * scale));

  const steady = steadyCases.map((k) => {
    const s = steadyState(mmcModel(k.c, k.lambda), {
      duration: k.duration * scale,
      warmup: k.warmup,
      seed: 1,
    });
    return {
      id: k.id,
      c: k.c,
      rho: k.rho,
      requests: s.requests,
      meanWait: est(s.meanWait),
      erlangMeanWait: k.expected.meanWait,
      p50Response: est(s.p50Response),
      theoryP50: k.expected.p50Response,
      p99Response: est(s.p99Response),
      theoryP99: k.expected.p99Response,
    };
  });

  const steps = stepCases.map((k) => {
    const curve = runTransient(stepModel(k), {
      duration: k.t0 + k.after,
      t0: k.t0,
      bucket: k.bucket,
      runs: runs(k.runs),
    });
    const [t50, t90] = crossingEstimates(curve, k.expected.from, k.expected.to, {
      t0: k.t0,
      bucket: k.bucket,
    });
    return {
      id: k.id,
      c: k.c,
      kind: k.kind,
      rho0: k.rho0,
      rho1: k.rho1,
      runs: curve.runs,
      from: k.expected.from,
      to: k.expected.to,
      t50: est(t50!.time),
      t90: est(t90!.time),
    };
  });

  const overload = overloadCases.map((k) => {
    const tBack = k.t0 + k.overloadFor;
    const curve = runTransient(overloadModel(k), {
      duration: tBack + k.after,
      t0: tBack,
      bucket: k.bucket,
      runs: runs(k.runs),
    });
    // The drain starts from the level reached at the end of the overload (smoothed last bucket).
    const peakWait = movingAverage(curve.meanWait.subarray(0, Math.round(tBack / k.bucket)), 5).at(-1)!;
    const [d50, d90] = crossingEstimates(curve, peakWait, k.baseWait, { t0: tBack, bucket: k.bucket });
    return {
      id: k.id,
      c: k.c,
      runs: curve.runs,
      peakWait,
      fluidPeakWait: k.fluid.peakWait,
      baseWait: k.baseWait,
      drain50: est(d50!.time),
      drain90: est(d90!.time),
      fluidDrain50: 0.5 * k.fluid.drainTime,
      fluidDrain90: 0.9 * k.fluid.drainTime,
    };
  });

  const finiteQueue = finiteQueueCases.map((k) => {
    const n = runs(k.runs);
    const perRun: number[] = [];
    const step = 10;
    const nb = Math.ceil(k.window[1] / step);
    const sum = new Float64Array(nb);
    const cnt = new Float64Array(nb);
    for (let seed = 1; seed <= n; seed++) {
      const r = simulate(finiteQueueModel(k), { duration: k.window[1], seed }).requests;
      let s = 0;
      let m = 0;
      for (let i = 0; i < r.count; i++) {
        if (r.outcome[i] !== Outcome.ok) continue;
        const a = r.arrival[i]!;
        const b = Math.min(nb - 1, Math.floor(a / step));
        sum[b]! += r.response[i]!;
        cnt[b]!++;
        if (a >= k.window[0]) {
          s += r.response[i]!;
          m++;
        }
      }
      if (m > 0) perRun.push(s / m);
    }
    const series: { t: number; meanResponse: number }[] = [];
    for (let b = 4; b < nb; b += 5) series.push({ t: b * step, meanResponse: sum[b]! / cnt[b]! });
    return {
      id: k.id,
      lambda: k.lambda,
      runs: n,
      meanResponse: est(meanCI(perRun)),
      exact: k.expected.meanResponse,
      quoted: k.expected.quoted,
      series,
    };
  });

  const balRaw = balancingCases.map((k) => ({
    k,
    w: steadyState(balancingModel(k), { duration: k.duration * scale, warmup: k.warmup, seed: 1 }).meanWait,
  }));
  const pooled = balRaw.find((b) => b.k.replicas === 1)!.w.value;
  const balancing = balRaw.map(({ k, w }) => ({
    id: k.id,
    meanWait: est(w),
    expected: k.expectedMeanWait,
    ratioToPooled: w.value / pooled,
  }));

  const cs = steadyState(chainModel(chainCase), {
    duration: chainCase.duration * scale,
    warmup: chainCase.warmup,
    seed: 1,
  });
  const chain = {
    id: chainCase.id,
    meanResponse: est(cs.meanResponse),
    p50: est(cs.p50Response),
    p99: est(cs.p99Response),
    expected: chainCase.expected,
  };

  return {
    steady,
    steps,
    overload,
    finiteQueue,
    balancing,
    chain,
    seconds: (performance.now() - started) / 1000,
  };
}

// ---------------------------------------------------------------- text rendering

const f = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const pm = (e: Est, d = 4) => `${f(e.value, d)} ± ${f(e.halfWidth, d)}`;
const pct = (got: number, want: number) =>
  `${want === 0 ? '-' : (((got - want) / want) * 100).toFixed(1) + '%'}`;

function table(title: string, head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [`\n${title}`, line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

export function renderReport(r: Report): string {
  const out: string[] = [];
  out.push(
    table(
      'Steady M/M/c (mu = 10/s per thread): DES (95% CI, batch means) vs Erlang C',
      [
        'case',
        'requests',
        'mean wait (s)',
        'Erlang C',
        'err',
        'p50 resp (s)',
        'theory',
        'p99 resp (s)',
        'theory',
        'err',
      ],
      r.steady.map((s) => [
        s.id,
        String(s.requests),
        pm(s.meanWait, 5),
        f(s.erlangMeanWait, 5),
        pct(s.meanWait.value, s.erlangMeanWait),
        pm(s.p50Response),
        f(s.theoryP50),
        pm(s.p99Response),
        f(s.theoryP99),
        pct(s.p99Response.value, s.theoryP99),
      ]),
    ),
  );
  out.push(
    table(
      'Transient steps: time after the step (s) for the mean wait (by arrival) to cover 50% / 90% of the way',
      ['case', 'runs', 'wait before', 'wait after', 't50 (s)', 't90 (s)'],
      r.steps.map((s) => [s.id, String(s.runs), f(s.from, 5), f(s.to, 5), pm(s.t50, 2), pm(s.t90, 2)]),
    ),
  );
  out.push(
    table(
      'Overload rho 0.8 -> 1.2 for 60 s -> 0.8: wait at the end of overload, and the drain (s after the step back)',
      ['case', 'runs', 'peak wait', 'fluid', 'drain 50%', 'fluid', 'drain 90%', 'fluid'],
      r.overload.map((o) => [
        o.id,
        String(o.runs),
        f(o.peakWait, 2),
        f(o.fluidPeakWait, 2),
        pm(o.drain50, 2),
        f(o.fluidDrain50, 1),
        pm(o.drain90, 2),
        f(o.fluidDrain90, 1),
      ]),
    ),
  );
  out.push(
    table(
      'M/M/1/K, mu = 10/s, K = 100, from empty: mean response (s) of admitted requests arriving in [295, 305) s; then the same by 10 s arrival bucket',
      [
        'case',
        'runs',
        'DES',
        'exact (Kolmogorov)',
        'quoted',
        ...r.finiteQueue[0]!.series.map((p) => `[${p.t},${p.t + 10})`),
      ],
      r.finiteQueue.map((q) => [
        q.id,
        String(q.runs),
        pm(q.meanResponse, 3),
        f(q.exact, 3),
        f(q.quoted, 2),
        ...q.series.map((p) => f(p.meanResponse, 2)),
      ]),
    ),
  );
  out.push(
    table(
      'Replicas vs pooling at rho 0.9, 160 threads-worth of load split 4 ways: mean wait per request',
      ['case', 'mean wait (s)', 'theory', 'ratio to pooled'],
      r.balancing.map((b) => [
        b.id,
        pm(b.meanWait, 5),
        b.expected === null ? '-' : f(b.expected, 5),
        f(b.ratioToPooled, 2),
      ]),
    ),
  );
  const c = r.chain;
  out.push(
    table(
      'Chain A -> B -> C (exp 10/10/50 ms, 10 req/s, 16 threads each): caller latency vs hypoexponential',
      ['case', 'mean (s)', 'theory', 'p50 (s)', 'theory', 'p99 (s)', 'theory'],
      [
        [
          c.id,
          pm(c.meanResponse),
          f(c.expected.mean),
          pm(c.p50),
          f(c.expected.p50),
          pm(c.p99),
          f(c.expected.p99),
        ],
      ],
    ),
  );
  out.push(`\n(${r.seconds.toFixed(1)} s)`);
  return out.join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const args = process.argv.slice(2);
  const report = runReport(args.includes('--quick') ? 0.25 : 1);
  if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else console.log(renderReport(report));
}
