/**
 * The headless CLI (`outage-lab`): validate scenario files, run a scenario and write its metric
 * series, run the engine benchmark. `main(argv)` returns the exit code; cli/entry.ts (the bundled
 * bin) calls it, and running this file directly (npm run cli / npm run bench) does too.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_GRAPHS, runBenchmark, type BenchGraph } from '../simulator/engine/bench';
import { createSimulation } from '../simulator/engine/index';
import type { SimulationImpl } from '../simulator/engine/simulation';
import { formatDuration, parseDuration } from '../simulator/scenario/duration';
import type { Scenario } from '../simulator/scenario/schema';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';
import type { RunStep } from '../simulator/runs/record';
import { advanceTo, applyStep } from '../simulator/runs/replay';
import { scoreSimulation } from '../simulator/scoring';
import { measureCounterfactuals } from '../simulator/scoring/counterfactual';
import { toOpenMetrics } from '../simulator/prom/openmetrics';
import { toOtlpTraces } from '../simulator/otel/otlp';
import { exportLogs, LOG_EXPORT_FORMATS, type LogExportFormat } from '../simulator/logs/export';
import { MAX_LOG_LINES_PER_TICK } from '../simulator/engine/logs';
import { TRACE_EVERY_TICKS } from '../simulator/engine/traces';
import { prometheusView } from '../simulator/prom/view';
import { metricsCsv } from '../simulator/series/csv';
import { alerts, ALERTS_USAGE } from './alerts';
import { parseCommandArgs, type Io } from './args';
import { check, CHECK_USAGE } from './check';
import { drillCommand, DRILL_USAGE, validateDrillFile } from './drill';
import { isDrillFile } from './drill-file';
import { baselineWarnings } from '../simulator/check/baseline';
import { scenarioWarnings } from '../simulator/scenario/warnings';
import { readInputFile } from './read-input';
import { loadSteps } from './steps-file';

declare const __APP_VERSION__: string | undefined;

const VALIDATE_USAGE = `Usage: outage-lab validate FILE...

Check scenario files (and readiness drills); every error with its JSON path. A valid file may also get warnings
(stderr, with their JSON path): configurations that are almost always a mistake, such as a
service over capacity or a page that fires with no fault (a fault-free run of up to 10 minutes).
Exit codes: 0 all valid (warnings or not), 1 a file is invalid or unreadable, 2 usage error.`;

const RUN_USAGE = `Usage: outage-lab run FILE [options]

Run a scenario headless and write its metrics, events, alerts and score.
  --seed N               PRNG seed (default: the scenario's)
  --until DURATION       simulated time to run, e.g. 30m (default: the scenario's duration)
  --actions FILE         JSON array of timed steps: actions [{"at": "5m", "type": "scale",
                         "target": "api", "params": {"replicas": 6}}], and {"at": "2m",
                         "kind": "acknowledge"}, {"kind": "declare", "node", "category"},
                         {"kind": "severity", "severity": "SEV2"}, {"kind": "status-update",
                         "text"}, {"kind": "status-page", "state", "impact", "components", "text"}
  --strict               exit 1 when the engine refuses a step (refusals are listed in the
                         JSON output's "refused" with their reason either way)
  --format F             output format: json (default), csv, openmetrics (the run's
                         Prometheus view, loadable with promtool tsdb create-blocks-from
                         openmetrics), or otlp (the run's sampled traces as an OTLP/JSON
                         ExportTraceServiceRequest, loadable by Jaeger or Grafana Tempo),
                         logfmt or jsonl (the run's sampled log lines, every one kept)
  --scrape-interval D    openmetrics: seconds between samples (default 15s)
  --start ISO            openmetrics, otlp, logfmt, jsonl: wall-clock time of t = 0 (default
                         2026-01-01T00:00:00Z)
  --out PATH             write to PATH instead of stdout
A readiness drill (a file with "kind": "drill") is played as "outage-lab drill FILE" with
--actions as its script; --format json prints its JSON (see outage-lab drill --help).
Exit codes: 0 ok, 1 invalid input, failed run or (with --strict) a refused step, 2 usage error.`;

const RUN_FORMATS = ['json', 'csv', 'openmetrics', 'otlp', ...LOG_EXPORT_FORMATS] as const;

const isLogFormat = (f: string): f is LogExportFormat =>
  (LOG_EXPORT_FORMATS as readonly string[]).includes(f);

/** The default wall-clock time of t = 0 in an OpenMetrics export: fixed, so exports are reproducible. */
const DEFAULT_START = '2026-01-01T00:00:00Z';

const BENCH_USAGE = `Usage: outage-lab bench [--json] [--graph layered|legacy|both]

Engine benchmark (node-ticks/s, ms per simulated hour, heap per tick).
  --json                 print the result as JSON
  --graph G              synthetic graph(s) for node-ticks/s (default both): layered, where
                         every node gets traffic, or legacy, the original graph`;

const HELP = `outage-lab: train on simulated production outages (headless tools)

Usage:
  outage-lab validate FILE...              check scenario files; every error with its JSON path
  outage-lab run FILE [options]            run a scenario headless and write its metrics
  outage-lab drill FILE --script S.json    play a readiness drill headless (load tests, changes, score)
  outage-lab check FILE... [options]       run scenarios on many seeds: are they winnable, and only by a response?
  outage-lab alerts check RULES.yml ...    would our Prometheus alert rules have caught each scenario?
  outage-lab bench [--json] [--graph G]    engine benchmark
  outage-lab COMMAND --help                a command's options
  outage-lab --help | --version

Exit codes: 0 ok, 1 invalid input or failed run, 2 usage error.`;

const USAGES = {
  validate: VALIDATE_USAGE,
  run: RUN_USAGE,
  check: CHECK_USAGE,
  drill: DRILL_USAGE,
  alerts: ALERTS_USAGE,
  bench: BENCH_USAGE,
} as const;

const stdio: Io = {
  out: (s) => process.stdout.write(s + '\n'),
  write: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s + '\n'),
  ...(process.stderr.isTTY ? { progress: (s: string) => process.stderr.write(s) } : {}),
};

function version(): string {
  if (typeof __APP_VERSION__ === 'string') return __APP_VERSION__;
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    return (JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'dev';
  }
}

function loadScenario(file: string, io: Io): Scenario | undefined {
  const read = readInputFile('scenario', file);
  if ('error' in read) {
    io.err(read.error);
    return undefined;
  }
  const result = parseScenarioText(read.text, file);
  if (!result.ok) {
    io.err(formatErrors(result.errors, file));
    return undefined;
  }
  return result.scenario;
}

function validate(argv: string[], io: Io): number {
  const args = parseCommandArgs('validate', argv, {}, VALIDATE_USAGE, io);
  if (typeof args === 'number') return args;
  const files = args.positionals;
  if (files.length === 0) {
    io.err("outage-lab validate needs at least one FILE. Try 'outage-lab validate --help'.");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    // A readiness drill is checked against the drill format.
    if (isDrillFile(file)) {
      if (validateDrillFile(file, io)) io.out(`${file}: ok (readiness drill)`);
      else failed++;
      continue;
    }
    const scenario = loadScenario(file, io);
    if (!scenario) {
      failed++;
      continue;
    }
    const warnings = [...scenarioWarnings(scenario), ...baselineWarnings(scenario)];
    const note = warnings.length ? `, ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : '';
    io.out(`${file}: ok (${scenario.id}, ${scenario.nodes.length} nodes${note})`);
    for (const w of warnings) io.err(`${file}: ${w.path ? `${w.path}: ` : ''}warning: ${w.message}`);
  }
  return failed ? 1 : 0;
}

/** A step the engine refused, as the JSON output reports it. */
interface RefusedStep {
  /** Position in the --actions file. */
  index: number;
  at: number;
  step: RunStep;
  reason: string;
}

function run(argv: string[], io: Io): number {
  const args = parseCommandArgs(
    'run',
    argv,
    {
      seed: { type: 'string' },
      until: { type: 'string' },
      actions: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      strict: { type: 'boolean' },
      'scrape-interval': { type: 'string' },
      start: { type: 'string' },
    },
    RUN_USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const { positionals, values: flags } = args;
  const usage = (message: string) => (io.err(`${message}. Try 'outage-lab run --help'.`), 2);
  if (positionals.length !== 1) return usage('outage-lab run needs exactly one scenario FILE');
  // A readiness drill plays its --actions file as a drill script.
  if (isDrillFile(positionals[0]!)) return drillCommand(drillArgs(flags, positionals[0]!), io, 'actions');
  const format = flags.format ?? 'json';
  if (!(RUN_FORMATS as readonly string[]).includes(format))
    return usage(`--format must be ${RUN_FORMATS.slice(0, -1).join(', ')} or ${RUN_FORMATS.at(-1)}`);
  const scrape = flags['scrape-interval'] === undefined ? 15 : parseDuration(flags['scrape-interval']);
  if (scrape === undefined || !(scrape > 0)) return usage('--scrape-interval must be a duration such as 15s');
  const startMs = Date.parse(flags.start ?? DEFAULT_START);
  if (!Number.isFinite(startMs))
    return usage('--start must be an ISO date-time such as 2026-01-01T00:00:00Z');
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0))
    return usage('--seed must be a non-negative integer');
  const scenario = loadScenario(positionals[0]!, io);
  if (!scenario) return 1;
  const until = flags.until === undefined ? scenario.duration : parseDuration(flags.until);
  if (until === undefined) return usage('--until must be a duration such as 30m');
  const steps = flags.actions === undefined ? [] : loadSteps(flags.actions);
  if (typeof steps === 'string') return (io.err(steps), 1);

  const started = performance.now();
  const ticks = Math.ceil(until / scenario.tickSeconds) + 1;
  const sim = createSimulation(scenario, {
    seed,
    historyTicks: ticks,
    // An export keeps the whole run's traces.
    ...(format === 'otlp' ? { traceCapacity: Math.ceil(ticks / TRACE_EVERY_TICKS) + 1 } : {}),
    ...(isLogFormat(format) ? { logCapacity: ticks * MAX_LOG_LINES_PER_TICK } : {}),
  }) as SimulationImpl;
  const refused: RefusedStep[] = [];
  for (const { index, step } of steps) {
    if (step.at > until) break;
    advanceTo(sim, step.at);
    const result = applyStep(sim, step);
    if (!result.ok) {
      refused.push({ index, at: step.at, step, reason: result.message });
      io.err(`${step.kind} at ${formatDuration(step.at)} refused: ${result.message}`);
    }
  }
  advanceTo(sim, until);
  const elapsed = performance.now() - started;
  // Headless runs end by time; the score says whether the SLOs recovered and held.
  // Formula 3: each action's effect measured by replaying without it.
  const counterfactuals = measureCounterfactuals(
    scenario,
    seed,
    steps.map((s) => s.step),
    until,
  );
  let score = scoreSimulation(sim, 'timeout', counterfactuals);
  if (score.measures.ttm !== null) score = scoreSimulation(sim, 'mitigated', counterfactuals);

  const m = sim.metrics;
  let text: string;
  if (format === 'json') {
    const series = m.series.map((s) => ({
      metric: s.metric,
      labels: s.labels,
      values: Array.from(m.read(s.index)),
    }));
    text = JSON.stringify({
      scenario: scenario.id,
      seed: seed ?? scenario.seed,
      tickSeconds: sim.tickSeconds,
      firstTick: m.firstTick,
      series,
      events: sim.events,
      alerts: sim.alertTransitions,
      score,
      refused,
    });
  } else if (isLogFormat(format)) {
    text = exportLogs(sim.logs(), format, startMs);
  } else if (format === 'otlp') {
    text = JSON.stringify(
      toOtlpTraces(sim.traces(), { startMs, namespace: scenario.id, version: version() }),
    );
  } else {
    const values: Float64Array[] = [];
    for (const s of m.series) values[s.index] = m.read(s.index);
    const columns = {
      series: m.series,
      values,
      length: m.length,
      tickSeconds: sim.tickSeconds,
      firstTick: m.firstTick,
    };
    text =
      format === 'csv'
        ? metricsCsv(columns)
        : toOpenMetrics(prometheusView(columns, scenario.nodes, { scrapeSeconds: scrape, startMs }));
  }
  const out = flags.out;
  const fired = sim.alertTransitions.filter((a) => a.status === 'firing');
  let worst = { node: '', value: 0 };
  for (const s of m.series) {
    if (s.metric !== 'error_ratio') continue;
    for (const v of m.read(s.index)) if (v > worst.value) worst = { node: s.labels.node!, value: v };
  }
  const summary =
    `${scenario.id}: ${formatDuration(until)} simulated (${m.length} ticks, seed ${seed ?? scenario.seed}) in ${elapsed.toFixed(0)} ms; ` +
    `${fired.length} alert(s) fired${fired.length ? ` (${[...new Set(fired.map((a) => a.name))].join(', ')})` : ''}; ` +
    `${sim.events.length} events; peak error ratio ${worst.value.toFixed(3)}${worst.node ? ` at ${worst.node}` : ''}; ` +
    `score ${score.total}/100 (${score.grade})` +
    (refused.length ? `; ${refused.length} step(s) refused` : '');
  // CSV and OpenMetrics already end with their line break; JSON gets a final newline.
  const body = format === 'json' || format === 'otlp' ? text + '\n' : text;
  if (typeof out === 'string') {
    writeFileSync(out, body);
    io.out(`${summary}; wrote ${out}`);
  } else {
    io.write(body);
    io.err(summary);
  }
  return flags.strict && refused.length ? 1 : 0;
}

/** `run`'s arguments as `drill` takes them: --actions is the script, --format json is --json. */
function drillArgs(flags: Record<string, string | boolean | undefined>, file: string): string[] {
  const out = [file];
  if (typeof flags.actions === 'string') out.push('--actions', flags.actions);
  if (typeof flags.seed === 'string') out.push('--seed', flags.seed);
  if (flags.strict) out.push('--strict');
  if (flags.format === 'json') out.push('--json');
  return out;
}

function bench(argv: string[], io: Io): number {
  const args = parseCommandArgs(
    'bench',
    argv,
    { json: { type: 'boolean' }, graph: { type: 'string' } },
    BENCH_USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  if (args.positionals.length) {
    io.err(`outage-lab bench takes no FILE (got '${args.positionals[0]}'). Try 'outage-lab bench --help'.`);
    return 2;
  }
  const graphFlag = args.values.graph ?? 'both';
  const isGraph = (v: unknown): v is BenchGraph => (BENCH_GRAPHS as readonly unknown[]).includes(v);
  const graphs = graphFlag === 'both' ? BENCH_GRAPHS : isGraph(graphFlag) ? [graphFlag] : undefined;
  if (!graphs) {
    io.err(`--graph must be ${BENCH_GRAPHS.join(', ')} or both (got ${JSON.stringify(graphFlag)})`);
    return 2;
  }
  const json = args.values.json === true;
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');
  const scenarios: Scenario[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('schema'));
  } catch {
    // no built-in scenarios next to this build
  }
  for (const f of files.sort()) {
    const s = loadScenario(join(dir, f), io);
    if (s) scenarios.push(s);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  const result = runBenchmark(
    scenarios,
    {
      now: () => performance.now(),
      heapUsed: () => process.memoryUsage().heapUsed,
      gc,
    },
    undefined,
    graphs,
  );
  if (json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  for (const graph of graphs) {
    io.out(`node-ticks per second, ${graph} synthetic graph (best of 3; share of services with traffic):`);
    const reached = result.servicesWithTraffic[graph] ?? {};
    for (const [k, v] of Object.entries(result.nodeTicksPerSecond[graph] ?? {}))
      io.out(`  ${k.padEnd(8)} ${(v / 1e6).toFixed(2)} M   ${Math.round((reached[k] ?? 0) * 100)}%`);
  }
  io.out('ms per simulated hour:');
  const width = Math.max(0, ...Object.keys(result.msPerSimulatedHour).map((k) => k.length)) + 2;
  for (const [k, v] of Object.entries(result.msPerSimulatedHour))
    io.out(`  ${k.padEnd(width)} ${v.toFixed(2).padStart(6)} ms`);
  io.out(
    `heap bytes per tick (steady state, layered graph): ${result.heapBytesPerTick}${gc ? '' : ' (run node with --expose-gc for a cleaner figure)'}`,
  );
  return 0;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        // `outage-lab help run` is `outage-lab run --help`.
        if (command === 'help' && rest[0] && rest[0] in USAGES) {
          io.out(USAGES[rest[0] as keyof typeof USAGES]);
          return 0;
        }
        io.out(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.out(version());
        return 0;
      case 'validate':
        return validate(rest, io);
      case 'run':
        return run(rest, io);
      case 'drill':
        return drillCommand(rest, io);
      case 'check':
        return await check(rest, io, loadScenario);
      case 'alerts':
        return alerts(rest, io, loadScenario);
      case 'bench':
        return bench(rest, io);
      default:
        io.err(`unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    io.err(`outage-lab ${command}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/**
 * Whether this module is the script being run (tsx cli/main.ts ...), not imported by cli/entry.ts
 * or tests. Only the TypeScript source: bundled into dist-node/cli.mjs this module's URL is the
 * bundle's, which *is* the script, and `node dist-node/cli.mjs` ran every command twice.
 */
export function ranDirectly(moduleUrl: string, script: string | undefined): boolean {
  return !!script && moduleUrl.endsWith('.ts') && moduleUrl === pathToFileURL(resolve(script)).href;
}

if (ranDirectly(import.meta.url, process.argv[1])) {
  // `outage-lab run ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
