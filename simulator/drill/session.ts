/**
 * One play of a drill: a preparation clock that load tests and waits spend, changes with their lead
 * times and monthly cost, and at the deadline the real peak, the headroom and the score
 * (docs/scoring.md, "Readiness drills"). Pure and deterministic: same drill, seed and steps give
 * the same reports. The CLI (`outage-lab drill`) and the UI drive it the same way.
 */
import type { DrillCommand } from './system-changes';
import { bottleneckSequence, RESOURCES, type Bottleneck } from './bottlenecks';
import { monthlyCost, withAddedPrices, type CostBreakdown, type PeakUsage } from './cost';
import { formatK6Summary, summarize, type K6Summary } from './k6-summary';
import {
  maxRate,
  peakShape,
  rateAt,
  scaleShape,
  shapeDuration,
  testedClient,
  testShape,
  testShapes,
  type Shape,
} from './load-shape';
import { formatPrepDuration, type Drill, type LoadTest } from './schema';
import { finishRun, startRun } from './system';
import type { MetricStore } from '../engine/api';
import { scoreDrill, type DrillScore } from './score';
import { sloTimeline } from '../scoring/series';
import { Rng } from '../random/prng';

export interface AppliedChange {
  readonly command: DrillCommand;
  readonly label: string;
  /** Preparation clock (seconds) when it was made, and when it is in place. */
  readonly at: number;
  readonly effectiveAt: number;
}

/** One series of a load test's window, tick by tick from the window's start (null: not recorded). */
export interface WindowSeries {
  readonly metric: string;
  readonly node: string;
  readonly values: readonly (number | null)[];
}

/**
 * What the dashboards of a test window draw, as plain data (a load test runs in a Web Worker and
 * its report is structured-cloned back, so it carries series, never the live Simulation).
 */
export interface TestWindow {
  readonly tickSeconds: number;
  /** The tested client's request_rate, error_ratio and latency_p99, in that order. */
  readonly client: readonly WindowSeries[];
  /** For each bottleneck (same order), the series its resource is judged on (bottlenecks.ts). */
  readonly bottlenecks: readonly WindowSeries[];
}

/** The series the test window's dashboards show for the tested client. */
export const CLIENT_WINDOW_METRICS = ['request_rate', 'error_ratio', 'latency_p99'] as const;

/**
 * A load test the session accepted, with everything its run depends on: the run is a pure
 * function of the drill and the plan (`runLoadTest`), so it can happen off the UI thread.
 */
export interface TestPlan {
  readonly test: LoadTest;
  /** Preparation clock at the start, and the preparation time the test costs. */
  readonly startedAt: number;
  readonly cost: number;
  /** The changes in place at the start. */
  readonly changes: readonly DrillCommand[];
  readonly seed: number;
}

/** What running a planned test gives (plain, structured-cloneable data). */
export interface TestResult {
  readonly summary: K6Summary;
  readonly bottlenecks: readonly Bottleneck[];
  readonly window: TestWindow;
}

export interface TestReport extends TestResult {
  readonly test: LoadTest;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly text: string;
  /** Changes made but not yet in place when the test ran. */
  readonly pending: readonly AppliedChange[];
}

export type Refusal = { readonly ok: false; readonly message: string };

export interface ChangeReport {
  readonly ok: true;
  readonly change: AppliedChange;
  readonly before: CostBreakdown;
  readonly after: CostBreakdown;
}

export interface PeakReport {
  /** The real peak's multiple of the declared shape (seeded variation). */
  readonly factor: number;
  readonly held: boolean;
  /** Share of the peak's ticks in which every SLO held. */
  readonly heldShare: number;
  /** Worst value of each SLO's series during the peak. */
  readonly worst: readonly { readonly slo: string; readonly value: number; readonly max: number }[];
  readonly bottlenecks: readonly Bottleneck[];
}

export interface DrillDebrief {
  readonly peak: PeakReport;
  /** Highest multiple of the peak served within the SLOs (the ladder's last level held). */
  readonly headroom: number;
  /** The ladder's top level: a headroom equal to it means "at least". */
  readonly ladderTop: number;
  readonly cost: CostBreakdown;
  /** Changes made too late to be in place for the peak. */
  readonly late: readonly AppliedChange[];
  readonly score: DrillScore;
}

/** The headroom ladder: each level ramps for RAMP seconds, holds HOLD, and must hold its SLOs for the last JUDGE. */
const LADDER_STEP = 0.25;
const RAMP = 30;
const HOLD = 120;
const JUDGE = 60;

export class DrillSession {
  private clockSeconds = 0;
  readonly changes: AppliedChange[] = [];
  readonly tests: TestReport[] = [];
  readonly seed: number;
  /** Monthly cost per set of changes (a cost with per-use prices runs the expected peak). */
  private readonly costs = new Map<string, CostBreakdown>();

  constructor(
    readonly drill: Drill,
    options: { seed?: number } = {},
  ) {
    this.seed = options.seed ?? drill.seed;
  }

  /** Preparation time spent, and left before the peak (seconds). */
  get clock(): number {
    return this.clockSeconds;
  }
  get remaining(): number {
    return Math.max(0, this.drill.preparation.deadline - this.clockSeconds);
  }

  private inPlace(at: number): DrillCommand[] {
    return this.changes.filter((c) => c.effectiveAt <= at).map((c) => c.command);
  }

  /** Monthly cost with these changes (default: every change made so far). */
  cost(changes: readonly DrillCommand[] = this.changes.map((c) => c.command)): CostBreakdown {
    const shapes = new Map<string, Shape>();
    for (const c of this.drill.peak.clients) {
      const s = peakShape(c);
      shapes.set(c.client, { startRate: s.startRate, stages: [{ duration: 1, target: s.startRate }] });
    }
    const key = JSON.stringify(changes);
    const known = this.costs.get(key);
    if (known) return known;
    const run = startRun(this.drill, shapes, changes, 1, this.seed);
    const cost = monthlyCost(
      withAddedPrices(this.drill.cost, changes),
      run.sim.liveNodes(),
      this.peakUsage(changes),
    );
    this.costs.set(key, cost);
    return cost;
  }

  /**
   * The throughput of each node with per-use prices, averaged over the expected peak (the declared
   * shape, no variation) with these changes: what the month is billed on.
   */
  private peakUsage(changes: readonly DrillCommand[]): Map<string, PeakUsage> {
    const usage = new Map<string, PeakUsage>();
    const ids = Object.keys(this.drill.cost.usage);
    if (ids.length === 0) return usage;
    const shapes = new Map<string, Shape>();
    let seconds = 0;
    for (const c of this.drill.peak.clients) {
      const s = peakShape(c);
      shapes.set(c.client, s);
      seconds = Math.max(seconds, shapeDuration(s));
    }
    const run = startRun(this.drill, shapes, changes, seconds, this.seed);
    finishRun(run);
    const { sim, windowTick } = run;
    for (const id of ids) {
      const node = sim.scenario.nodes.find((n) => n.id === id);
      if (!node) continue; // a node a change adds, not added in this configuration
      const index = sim.metrics.find(node.kind === 'queue' ? 'enqueue_rate' : 'throughput', id);
      let sum = 0;
      let n = 0;
      for (let k = windowTick; k < sim.metrics.length; k++, n++) sum += sim.metrics.at(index, k) || 0;
      usage.set(id, {
        rate: n > 0 ? sum / n : 0,
        ...(node.kind === 'queue' ? { messageKb: node.messageSizeKb } : {}),
      });
    }
    return usage;
  }

  wait(seconds: number): { ok: true } | Refusal {
    if (!(seconds > 0)) return { ok: false, message: 'a wait must be positive' };
    if (seconds > this.remaining)
      return { ok: false, message: `only ${formatPrepDuration(this.remaining)} remain before the peak` };
    this.clockSeconds += seconds;
    return { ok: true };
  }

  /** A change from the offered list (params override the offered ones). */
  change(command: DrillCommand): ChangeReport | Refusal {
    const offered = this.drill.changes.find((c) => c.type === command.type && c.target === command.target);
    if (!offered) {
      const list = this.drill.changes.map((c) => `${c.type} ${c.target}`).join(', ');
      return {
        ok: false,
        message: `${command.type} on ${command.target} is not among this drill's changes (${list || 'none'})`,
      };
    }
    const full: DrillCommand = { ...command, params: { ...offered.params, ...command.params } };
    const before = this.cost();
    const commands = [...this.changes.map((c) => c.command), full];
    const probe = startRun(this.drill, new Map(), commands, 1, this.seed);
    const refused = probe.refused.find((r) => r.change === full);
    if (refused) return { ok: false, message: refused.reason };
    const change: AppliedChange = {
      command: full,
      label: offered.label ?? `${full.type} ${full.target}`,
      at: this.clockSeconds,
      effectiveAt: this.clockSeconds + offered.leadTime,
    };
    this.changes.push(change);
    return { ok: true, change, before, after: this.cost() };
  }

  /** Runs a load test against the configuration in place now; it costs preparation time. */
  runTest(test: LoadTest): TestReport | Refusal {
    const plan = this.planTest(test);
    return 'ok' in plan ? plan : this.recordTest(plan, runLoadTest(this.drill, plan));
  }

  /** Accepts a load test (or refuses it: not enough preparation time) without running it. */
  planTest(test: LoadTest): TestPlan | Refusal {
    const cost = shapeDuration(testShape(test)) + this.drill.preparation.perTest;
    if (cost > this.remaining)
      return {
        ok: false,
        message: `the test costs ${formatPrepDuration(cost)} of preparation but ${formatPrepDuration(this.remaining)} remain before the peak`,
      };
    const startedAt = this.clockSeconds;
    return { test, startedAt, cost, changes: this.inPlace(startedAt), seed: this.seed };
  }

  /**
   * Records a planned test's result: the clock moves on by its cost. The plan must start at the
   * clock now (the UI blocks every other step while a test runs).
   */
  recordTest(plan: TestPlan, result: TestResult): TestReport {
    if (plan.startedAt !== this.clockSeconds)
      throw new Error('the preparation clock moved on while the load test ran');
    this.clockSeconds += plan.cost;
    const report: TestReport = {
      ...result,
      test: plan.test,
      startedAt: plan.startedAt,
      endedAt: this.clockSeconds,
      text: formatK6Summary(result.summary),
      pending: this.changes.filter((c) => c.effectiveAt > plan.startedAt),
    };
    this.tests.push(report);
    return report;
  }

  /** The real peak's multiple of the declared shape: 1 + variation x u, u uniform in [-1, 1]. */
  peakFactor(): number {
    const u = new Rng((this.seed ^ 0x7f4a7c15) >>> 0).next();
    return 1 + this.drill.peak.variation * (2 * u - 1);
  }

  /** The deadline: the real peak, the headroom ladder and the score, with the changes in place by then. */
  finish(): DrillDebrief {
    const deadline = this.drill.preparation.deadline;
    const changes = this.inPlace(deadline);
    const late = this.changes.filter((c) => c.effectiveAt > deadline);
    const peak = this.realPeak(changes);
    const { headroom, top } = this.headroom(changes);
    const cost = this.cost(changes);
    const score = scoreDrill({
      headroom,
      goal: this.drill.goal.headroom,
      monthly: cost.monthly,
      budget: this.drill.budget.monthly,
      peakHeldShare: peak.heldShare,
      currency: this.drill.cost.currency,
    });
    this.clockSeconds = deadline;
    return { peak, headroom, ladderTop: top, cost, late, score };
  }

  private realPeak(changes: readonly DrillCommand[]): PeakReport {
    const factor = this.peakFactor();
    const shapes = new Map<string, Shape>();
    let seconds = 0;
    for (const c of this.drill.peak.clients) {
      const s = scaleShape(peakShape(c), factor);
      shapes.set(c.client, s);
      seconds = Math.max(seconds, shapeDuration(s));
    }
    const run = startRun(this.drill, shapes, changes, seconds, this.seed);
    finishRun(run);
    const { sim, windowTick } = run;
    const timeline = sloTimeline(sim.scenario, sim.metrics);
    let held = 0;
    let total = 0;
    for (let k = windowTick; k < sim.metrics.length; k++) {
      total++;
      held += timeline.ok[k - timeline.firstTick] ?? 1;
    }
    const worst = this.drill.slos.map((slo) => {
      const index = sim.metrics.find(slo.metric, slo.node);
      let value = 0;
      for (let k = windowTick; k < sim.metrics.length; k++)
        value = Math.max(value, sim.metrics.at(index, k) || 0);
      return { slo: `${slo.metric}{node="${slo.node}"}`, value, max: slo.max };
    });
    const first = this.drill.peak.clients[0]!;
    const firstShape = shapes.get(first.client)!;
    const peakMax = maxRate(peakShape(first));
    const bottlenecks = bottleneckSequence(
      sim.metrics,
      sim.scenario.nodes,
      sim.liveNodes(),
      windowTick,
      sim.metrics.length,
      sim.tickSeconds,
      (t) => (peakMax > 0 ? rateAt(firstShape, t) / peakMax : 0),
    );
    const heldShare = total > 0 ? held / total : 1;
    return { factor, held: held === total, heldShare, worst, bottlenecks };
  }

  /** Steps of LADDER_STEP x the peak's highest rate (every client at once) until a level breaks an SLO. */
  headroom(changes: readonly DrillCommand[]): { headroom: number; top: number } {
    const top = this.drill.goal.headroom + 1;
    const levels: number[] = [];
    for (let m = LADDER_STEP * 2; m <= top + 1e-9; m += LADDER_STEP) levels.push(Number(m.toFixed(2)));
    const shapes = new Map<string, Shape>();
    for (const c of this.drill.peak.clients) {
      const max = maxRate(peakShape(c));
      shapes.set(c.client, {
        startRate: max * levels[0]!,
        stages: levels.flatMap((m) => [
          { duration: RAMP, target: max * m },
          { duration: HOLD, target: max * m },
        ]),
      });
    }
    const run = startRun(this.drill, shapes, changes, levels.length * (RAMP + HOLD), this.seed);
    const { sim, windowTick } = run;
    const perLevel = Math.round((RAMP + HOLD) / sim.tickSeconds);
    const judged = Math.round(JUDGE / sim.tickSeconds);
    let headroom = 0;
    // Level by level, stopping at the first that breaks (the rest would not count).
    for (let l = 0; l < levels.length; l++) {
      const end = windowTick + (l + 1) * perLevel;
      sim.runUntil(end * sim.tickSeconds);
      const timeline = sloTimeline(sim.scenario, sim.metrics);
      let ok = true;
      for (let k = end - judged; k < end; k++) if (!(timeline.ok[k - timeline.firstTick] ?? 1)) ok = false;
      if (!ok) break;
      headroom = levels[l]!;
    }
    return { headroom, top };
  }
}

/** Ticks [from, to) of one series, null where the series is not recorded. */
function windowSeries(
  metrics: MetricStore,
  metric: string,
  node: string,
  from: number,
  to: number,
): WindowSeries {
  const index = metrics.find(metric, node);
  const values: (number | null)[] = [];
  for (let k = from; k < to; k++) values.push(index < 0 ? null : metrics.at(index, k));
  return { metric, node, values };
}

/**
 * Runs a planned load test: a pure function of the drill and the plan, the same in the session
 * (CLI, tests) and in the drill's Web Worker. `onProgress` hears the share of the window run.
 */
export function runLoadTest(drill: Drill, plan: TestPlan, onProgress?: (done: number) => void): TestResult {
  const { test } = plan;
  const shape = testShape(test);
  const seconds = shapeDuration(shape);
  const run = startRun(drill, testShapes(drill, test), plan.changes, seconds, plan.seed);
  finishRun(run, onProgress);
  const { sim, windowTick } = run;
  const client = testedClient(drill, test);
  const peakMax = maxRate(peakShape(client));
  const toTick = windowTick + Math.round(seconds / sim.tickSeconds);
  const summary = summarize(
    sim.metrics,
    test,
    client.client,
    windowTick,
    toTick,
    sim.tickSeconds,
    maxRate(shape),
  );
  const nodes = sim.scenario.nodes; // with the nodes system changes added
  const bottlenecks = bottleneckSequence(
    sim.metrics,
    nodes,
    sim.liveNodes(),
    windowTick,
    toTick,
    sim.tickSeconds,
    (t) => (peakMax > 0 ? rateAt(shape, t) / peakMax : 0),
  );
  // The dashboards' series, through the end of the run.
  const end = sim.metrics.length;
  const series = (metric: string, node: string) => windowSeries(sim.metrics, metric, node, windowTick, end);
  const resourceMetric = (b: Bottleneck) => {
    const kind = nodes.find((n) => n.id === b.node)?.kind;
    return (kind && RESOURCES[kind].find((r) => r.name === b.resource)?.metric) ?? 'saturation';
  };
  return {
    summary,
    bottlenecks,
    window: {
      tickSeconds: sim.tickSeconds,
      client: CLIENT_WINDOW_METRICS.map((m) => series(m, client.client)),
      bottlenecks: bottlenecks.map((b) => series(resourceMetric(b), b.node)),
    },
  };
}
