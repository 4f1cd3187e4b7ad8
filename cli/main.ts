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
import { parseDuration, formatDuration } from '../simulator/scenario/duration';
import { ACTION_TYPES, type Scenario } from '../simulator/scenario/schema';
import { formatErrors, parseScenarioText } from '../simulator/scenario/validate';
import { runStepSchema, type RunStep } from '../simulator/runs/record';
import { advanceTo, applyStep } from '../simulator/runs/replay';
import { scoreSimulation } from '../simulator/scoring';

declare const __APP_VERSION__: string | undefined;

const HELP = `outage-lab: train on simulated production outages (headless tools)

Usage:
  outage-lab validate FILE...              check scenario files; every error with its JSON path
  outage-lab run FILE [options]            run a scenario headless and write its metrics
      --seed N                             PRNG seed (default: the scenario's)
      --until DURATION                     simulated time to run, e.g. 30m (default: the scenario's duration)
      --actions FILE                       JSON array of timed steps: actions [{"at": "5m", "type": "scale",
                                           "target": "api", "params": {"replicas": 6}}], and {"at": "2m",
                                           "kind": "acknowledge"}, {"kind": "declare", "node", "category"}
      --format json|csv                    output format (default json)
      --out PATH                           write to PATH instead of stdout
  outage-lab bench [--json]                engine benchmark (node-ticks/s, ms per simulated hour, heap per tick)
      --graph layered|legacy|both          synthetic graph(s) for node-ticks/s (default both): layered, where
                                           every node gets traffic, or legacy, the original graph
  outage-lab --help | --version

Exit codes: 0 ok, 1 invalid input or failed run, 2 usage error.`;

type Io = { out: (s: string) => void; err: (s: string) => void };
const stdio: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

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

/** Splits argv into positional arguments and --flags (with or without values). */
function parseArgs(
  argv: readonly string[],
  valued: readonly string[],
): { positional: string[]; flags: Map<string, string | true> } | string {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? argv[++k];
      if (value === undefined) return `--${name} needs a value`;
      flags.set(name, value);
    } else flags.set(name, true);
  }
  return { positional, flags };
}

function loadScenario(file: string, io: Io): Scenario | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.err(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return undefined;
  }
  const result = parseScenarioText(text, file);
  if (!result.ok) {
    io.err(formatErrors(result.errors, file));
    return undefined;
  }
  return result.scenario;
}

function validate(files: string[], io: Io): number {
  if (files.length === 0) {
    io.err('validate needs at least one FILE');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const scenario = loadScenario(file, io);
    if (scenario) io.out(`${file}: ok (${scenario.id}, ${scenario.nodes.length} nodes)`);
    else failed++;
  }
  return failed ? 1 : 0;
}

/**
 * The --actions file: a JSON array (or `{ "steps": [...] }`) of timed steps, the same steps a run
 * record stores. `kind` defaults to "action"; `at` takes a duration ("5m") or seconds.
 *   {"at": "6m", "kind": "acknowledge"}
 *   {"at": "8m", "kind": "declare", "node": "orders-db", "category": "slow-queries"}
 *   {"at": "9m", "type": "kill-queries", "target": "orders-db"}
 */
function loadSteps(file: string): RunStep[] | string {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return `${file}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const holder = json as { steps?: unknown; actions?: unknown } | null;
  const list = Array.isArray(json) ? json : (holder?.steps ?? holder?.actions);
  if (!Array.isArray(list)) return `${file}: expected a JSON array of timed steps`;
  const out: RunStep[] = [];
  for (const [k, raw] of list.entries()) {
    if (typeof raw !== 'object' || raw === null) return `${file}: [${k}] must be an object`;
    const item = raw as Record<string, unknown>;
    const at = parseDuration((item.at ?? 0) as string | number);
    if (at === undefined) return `${file}: [${k}].at must be a duration such as "5m"`;
    const kind = item.kind ?? 'action';
    if (kind === 'action' && !ACTION_TYPES.includes(item.type as (typeof ACTION_TYPES)[number]))
      return `${file}: [${k}].type "${String(item.type)}" is not an action (${ACTION_TYPES.join(', ')})`;
    const parsed = runStepSchema.safeParse({ ...item, kind, at, params: item.params ?? undefined });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${file}: [${k}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid step'}`;
    }
    out.push(parsed.data);
  }
  return out.sort((a, b) => a.at - b.at);
}

function run(argv: string[], io: Io): number {
  const parsed = parseArgs(argv, ['seed', 'until', 'actions', 'format', 'out']);
  if (typeof parsed === 'string') return (io.err(parsed), 2);
  const { positional, flags } = parsed;
  if (positional.length !== 1) return (io.err('run needs exactly one scenario FILE'), 2);
  const format = (flags.get('format') ?? 'json') as string;
  if (format !== 'json' && format !== 'csv') return (io.err('--format must be json or csv'), 2);
  const seedFlag = flags.get('seed');
  const seed = seedFlag === undefined ? undefined : Number(seedFlag);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0))
    return (io.err('--seed must be a non-negative integer'), 2);
  const scenario = loadScenario(positional[0]!, io);
  if (!scenario) return 1;
  const untilFlag = flags.get('until');
  const until = untilFlag === undefined ? scenario.duration : parseDuration(String(untilFlag));
  if (until === undefined) return (io.err('--until must be a duration such as 30m'), 2);
  const steps = typeof flags.get('actions') === 'string' ? loadSteps(flags.get('actions') as string) : [];
  if (typeof steps === 'string') return (io.err(steps), 1);

  const started = performance.now();
  const sim = createSimulation(scenario, {
    seed,
    historyTicks: Math.ceil(until / scenario.tickSeconds) + 1,
  }) as SimulationImpl;
  for (const step of steps) {
    if (step.at > until) break;
    advanceTo(sim, step.at);
    const result = applyStep(sim, step);
    if (!result.ok) io.err(`${step.kind} at ${formatDuration(step.at)}: ${result.message}`);
  }
  advanceTo(sim, until);
  const elapsed = performance.now() - started;
  // Headless runs end by time; the score says whether the SLOs recovered and held.
  let score = scoreSimulation(sim, 'timeout');
  if (score.measures.ttm !== null) score = scoreSimulation(sim, 'mitigated');

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
    });
  } else {
    const cols = m.series.map(
      (s) =>
        `${s.metric}{${Object.entries(s.labels)
          .map(([k, v]) => `${k}="${v}"`)
          .join(',')}}`,
    );
    const data = m.series.map((s) => m.read(s.index));
    const lines = [['tick', 'time', ...cols].map(csvCell).join(',')];
    for (let k = 0; k < m.length; k++) {
      const tick = m.firstTick + k;
      lines.push([tick, tick * sim.tickSeconds, ...data.map((d) => d[k])].join(','));
    }
    text = lines.join('\n');
  }
  const out = flags.get('out');
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
    `score ${score.total}/100 (${score.grade})`;
  if (typeof out === 'string') {
    writeFileSync(out, text + '\n');
    io.out(`${summary}; wrote ${out}`);
  } else {
    io.out(text);
    io.err(summary);
  }
  return 0;
}

const csvCell = (s: string | number) =>
  typeof s === 'string' && /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : String(s);

function bench(argv: string[], io: Io): number {
  const args = parseArgs(argv, ['graph']);
  if (typeof args === 'string') {
    io.err(args);
    return 2;
  }
  const graphFlag = args.flags.get('graph') ?? 'both';
  const isGraph = (v: unknown): v is BenchGraph => (BENCH_GRAPHS as readonly unknown[]).includes(v);
  const graphs = graphFlag === 'both' ? BENCH_GRAPHS : isGraph(graphFlag) ? [graphFlag] : undefined;
  if (!graphs) {
    io.err(`--graph must be ${BENCH_GRAPHS.join(', ')} or both (got ${JSON.stringify(graphFlag)})`);
    return 2;
  }
  const json = args.flags.get('json') === true;
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

// Run when executed directly (tsx cli/main.ts ...), not when imported by cli/entry.ts or tests.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // `outage-lab run ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
