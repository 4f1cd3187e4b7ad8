/**
 * The fuzz harness (issue 15, item 10): mutations of built-in scenarios and of saved run records,
 * and the properties every one must keep:
 *
 * - the scenario validator never throws, and every error it reports has a JSON path;
 * - a scenario that validates runs in the engine (a bounded number of ticks, with its scripted
 *   solution applied) without throwing, within `hangMs`, and with only finite metrics;
 * - a run record is read or refused with the path of its problem, never thrown on; a record that
 *   reads replays against its scenario without throwing.
 *
 * Used by the short run in the unit suite (fuzz.test.ts) and the long one (`npm run fuzz`).
 */
import fc from 'fast-check';
import type { MetricStore } from '../engine/api';
import { createSimulation } from '../engine/index';
import type { Scenario } from '../scenario/schema';
import { validateScenario } from '../scenario/validate';
import { migrateRunRecord } from '../runs/record';
import { runSteps, solutionSteps } from '../runs/replay';
import type { RunStep } from '../runs/record';
import { mutate, mutationArb, type Mutation } from './mutate';

export interface FuzzSeeds {
  /** Parsed built-in scenario files (valid ones). */
  readonly scenarios: readonly unknown[];
  /** Parsed run records, of any format version. */
  readonly runRecords: readonly unknown[];
}

export interface FuzzCase {
  readonly target: 'scenario' | 'run-record';
  readonly seed: number;
  readonly mutations: readonly Mutation[];
}

export interface FuzzCounts {
  cases: number;
  /** Inputs the validator (or the run record reader) accepted. */
  valid: number;
  /** Inputs refused with errors. */
  rejected: number;
  /** Valid scenarios and valid records run through the engine. */
  engineRuns: number;
  /** Throws, from the validator, the reader or the engine. */
  crashes: number;
  /** Cases that took longer than hangMs. */
  hangs: number;
  /** Engine runs that recorded NaN or Infinity. */
  nonFinite: number;
  /** Errors without a JSON path where the input had one to give. */
  pathless: number;
  /** Slowest case, milliseconds. */
  slowestMs: number;
}

export interface FuzzFailure {
  readonly problem: 'crash' | 'hang' | 'non-finite' | 'pathless';
  readonly detail: string;
  readonly fuzzCase: FuzzCase;
}

export interface FuzzOptions {
  /** Engine ticks per valid input; bounds the run whatever the scenario's duration. */
  readonly ticks: number;
  readonly hangMs: number;
  /** Failures kept for the report (all are counted). */
  readonly keepFailures: number;
}

export const DEFAULT_FUZZ_OPTIONS: FuzzOptions = { ticks: 300, hangMs: 10_000, keepFailures: 20 };

export function fuzzCaseArb(seeds: FuzzSeeds): fc.Arbitrary<FuzzCase> {
  const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 4 });
  return fc.oneof(
    fc.record({
      target: fc.constant('scenario' as const),
      seed: fc.nat(seeds.scenarios.length - 1),
      mutations,
    }),
    fc.record({
      target: fc.constant('run-record' as const),
      seed: fc.nat(seeds.runRecords.length - 1),
      mutations,
    }),
  );
}

export function emptyCounts(): FuzzCounts {
  return {
    cases: 0,
    valid: 0,
    rejected: 0,
    engineRuns: 0,
    crashes: 0,
    hangs: 0,
    nonFinite: 0,
    pathless: 0,
    slowestMs: 0,
  };
}

const describeThrown = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Runs one case, adding to `counts` and `failures`. */
export function runCase(
  seeds: FuzzSeeds,
  fuzzCase: FuzzCase,
  counts: FuzzCounts,
  failures: FuzzFailure[],
  options: FuzzOptions = DEFAULT_FUZZ_OPTIONS,
  now: () => number = Date.now,
): void {
  const fail = (problem: FuzzFailure['problem'], detail: string) => {
    if (problem === 'crash') counts.crashes++;
    else if (problem === 'hang') counts.hangs++;
    else if (problem === 'non-finite') counts.nonFinite++;
    else counts.pathless++;
    if (failures.length < options.keepFailures) failures.push({ problem, detail, fuzzCase });
  };
  counts.cases++;
  const start = now();
  try {
    if (fuzzCase.target === 'scenario') {
      scenarioCase(mutate(seeds.scenarios[fuzzCase.seed], fuzzCase.mutations), counts, fail, options);
    } else {
      recordCase(mutate(seeds.runRecords[fuzzCase.seed], fuzzCase.mutations), seeds, counts, fail, options);
    }
  } catch (error) {
    fail('crash', describeThrown(error));
  }
  const ms = now() - start;
  counts.slowestMs = Math.max(counts.slowestMs, ms);
  if (ms > options.hangMs) fail('hang', `${Math.round(ms)} ms`);
}

type Fail = (problem: FuzzFailure['problem'], detail: string) => void;

function scenarioCase(json: unknown, counts: FuzzCounts, fail: Fail, options: FuzzOptions): void {
  const result = validateScenario(json);
  if (!result.ok) {
    counts.rejected++;
    for (const e of result.errors) {
      // The root is an object, so every problem sits at some path inside it.
      if (
        typeof e.path !== 'string' ||
        (e.path === '' && isObject(json)) ||
        /please report/.test(e.message)
      ) {
        fail('pathless', `'${String(e.path)}': ${e.message}`);
      }
    }
    return;
  }
  counts.valid++;
  runEngine(result.scenario, solutionSteps(result.scenario), counts, fail, options);
}

function recordCase(
  json: unknown,
  seeds: FuzzSeeds,
  counts: FuzzCounts,
  fail: Fail,
  options: FuzzOptions,
): void {
  const result = migrateRunRecord(json);
  if (!result.ok) {
    counts.rejected++;
    if (typeof result.path !== 'string' || (result.path === '' && isObject(json))) {
      fail('pathless', `'${String(result.path)}': ${result.error}`);
    }
    return;
  }
  counts.valid++;
  // Replay it against the built-in scenario it names, as History's replay and the debrief do.
  const scenario = seeds.scenarios
    .map((s) => validateScenario(s))
    .find((r) => r.ok && r.scenario.id === result.record.scenarioId);
  if (scenario?.ok) runEngine(scenario.scenario, result.record.steps, counts, fail, options);
}

function runEngine(
  scenario: Scenario,
  steps: readonly RunStep[],
  counts: FuzzCounts,
  fail: Fail,
  options: FuzzOptions,
): void {
  counts.engineRuns++;
  const sim = createSimulation(scenario);
  runSteps(sim, steps, Math.min(scenario.duration, options.ticks * sim.tickSeconds));
  const problem = nonFiniteMetrics(sim.metrics);
  if (problem) fail('non-finite', problem);
}

/**
 * What is not finite in a run's metrics, or undefined. The store replaces a NaN or an infinity
 * before anything sees it (MetricStore.nonFinite counts them), so the engine computing one is
 * the failure, not only one that reached the stored values.
 */
export function nonFiniteMetrics(metrics: MetricStore): string | undefined {
  if (metrics.nonFinite > 0) {
    return `the engine computed ${metrics.nonFinite} non-finite metric values (the store replaced them)`;
  }
  for (const series of metrics.series) {
    const values = metrics.read(series.index);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const labels = JSON.stringify(series.labels);
      return `${series.metric}${labels} = ${values[bad]} at tick ${metrics.firstTick + bad}`;
    }
  }
  return undefined;
}

/**
 * The cases of a run, the same for the same seed: fc.sample in chunks of 500, each with its own
 * derived seed, so memory stays flat for long runs. `from` skips the first cases (to resume after
 * a hang) without running them.
 */
export function* fuzzCases(seeds: FuzzSeeds, numRuns: number, seed: number, from = 0): Generator<FuzzCase> {
  const chunk = 500;
  for (let done = Math.floor(from / chunk) * chunk; done < numRuns; done += chunk) {
    const cases = fc.sample(fuzzCaseArb(seeds), {
      numRuns: Math.min(chunk, numRuns - done),
      seed: seed + done,
    });
    for (let i = Math.max(0, from - done); i < cases.length; i++) yield cases[i]!;
  }
}

/** Runs `numRuns` generated cases from `seed`; returns the counts and the first failures. */
export function fuzz(
  seeds: FuzzSeeds,
  numRuns: number,
  seed: number,
  options: FuzzOptions = DEFAULT_FUZZ_OPTIONS,
): { counts: FuzzCounts; failures: FuzzFailure[] } {
  const counts = emptyCounts();
  const failures: FuzzFailure[] = [];
  for (const c of fuzzCases(seeds, numRuns, seed)) runCase(seeds, c, counts, failures, options);
  return { counts, failures };
}
