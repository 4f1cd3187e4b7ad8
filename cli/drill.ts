/**
 * `outage-lab drill FILE --script SCRIPT.json`: plays a readiness drill headless. Prints each load
 * test's k6 summary and bottleneck sequence, each change's cost, then the real peak, the headroom,
 * the cost against the budget and the score (`--json` for the same as one JSON object).
 * `outage-lab run DRILL --actions SCRIPT.json` lands here too.
 */
import { parseCommandArgs, type Io } from './args';
import { readInputFile } from './read-input';
import { describeSequence } from '../simulator/drill/bottlenecks';
import { formatMoney } from '../simulator/drill/cost';
import { playDrill, type Play, type PlayEvent } from '../simulator/drill/play';
import { formatPrepDuration, type Drill } from '../simulator/drill/schema';
import { parseDrillScript } from '../simulator/drill/script';
import { cheapestToGoal, type SearchResult } from '../simulator/drill/search';
import { parseDrillText } from '../simulator/drill/validate';
import { formatErrors } from '../simulator/scenario/validate';

export const DRILL_USAGE = `Usage: outage-lab drill FILE --script SCRIPT.json [options]

Play a readiness drill headless: run the script's load tests (k6 end-of-test summaries and the
bottleneck sequence of each) and changes (with their monthly cost), then the real peak, the
headroom (highest multiple of the peak served within the SLOs), cost against budget and the score.
SCRIPT.json is an array (or {"steps": [...]}) of {"test": NAME or {...k6 test}},
{"change": {"type", "target", "params"}} and {"wait": "1d"}.
  --script FILE          the steps (without it: no tests or changes, only the peak and the score)
  --seed N               seed of the noise and of the real peak (default: the drill's)
  --json                 print everything as one JSON object
  --strict               exit 1 when a step is refused
  --ideal                also search the cheapest set of offered changes that reaches the goal
                         (the debrief's ideal answer; a few dozen headroom ladders)
Exit codes: 0 ok, 1 invalid input or (with --strict) a refused step, 2 usage error.`;

function loadDrill(file: string, io: Io): Drill | undefined {
  const read = readInputFile('drill', file);
  if ('error' in read) return void io.err(read.error);
  const result = parseDrillText(read.text, file);
  if (!result.ok) return void io.err(formatErrors(result.errors, file));
  return result.drill;
}

/** `outage-lab validate` on a drill: true when valid (errors printed with their JSON paths). */
export function validateDrillFile(file: string, io: Io): boolean {
  return loadDrill(file, io) !== undefined;
}

export function drillCommand(argv: string[], io: Io, scriptFlag = 'script'): number {
  const args = parseCommandArgs(
    'drill',
    argv,
    {
      [scriptFlag]: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      ideal: { type: 'boolean' },
    },
    DRILL_USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const flags = args.values as { seed?: string; json?: boolean; strict?: boolean; ideal?: boolean } & Record<
    string,
    unknown
  >;
  const usage = (message: string) => (io.err(`${message}. Try 'outage-lab drill --help'.`), 2);
  if (args.positionals.length !== 1) return usage('outage-lab drill needs exactly one drill FILE');
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32))
    return usage('--seed must be a non-negative integer');
  const file = args.positionals[0]!;
  const drill = loadDrill(file, io);
  if (!drill) return 1;
  const scriptFile = flags[scriptFlag];
  let steps: Parameters<typeof playDrill>[1] = [];
  if (typeof scriptFile === 'string') {
    const read = readInputFile('script', scriptFile);
    if ('error' in read) return (io.err(read.error), 1);
    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch (e) {
      return (io.err(`${scriptFile}: ${e instanceof Error ? e.message : String(e)}`), 1);
    }
    const parsed = parseDrillScript(json, drill);
    if (!parsed.ok) return (io.err(formatErrors(parsed.errors, scriptFile)), 1);
    steps = parsed.steps;
  }
  const started = performance.now();
  const play = playDrill(drill, steps, { seed });
  const ideal = flags.ideal ? cheapestToGoal(drill, { seed }) : undefined;
  const elapsed = performance.now() - started;
  if (flags.json)
    io.out(JSON.stringify({ ...(playJson(drill, play) as object), ...(ideal ? { ideal } : {}) }));
  else io.out(playText(drill, play) + (ideal ? `\n${idealText(drill, ideal)}` : ''));
  io.err(
    `${drill.id}: ${play.events.length} step(s) played in ${elapsed.toFixed(0)} ms; score ${play.debrief.score.total}/100`,
  );
  const refused = play.events.filter((e) => e.kind === 'refused');
  return flags.strict && refused.length ? 1 : 0;
}

function money(drill: Drill, amount: number): string {
  return formatMoney(amount, drill.cost.currency);
}

function eventText(drill: Drill, e: PlayEvent): string[] {
  switch (e.kind) {
    case 'test': {
      const r = e.report;
      const pending = r.pending.length
        ? [
            `  not yet in place: ${r.pending.map((c) => `${c.label} (at ${formatPrepDuration(c.effectiveAt)})`).join('; ')}`,
          ]
        : [];
      return [
        `[${formatPrepDuration(r.startedAt)}] load test "${r.test.name}" (costs ${formatPrepDuration(r.endedAt - r.startedAt)})`,
        ...pending,
        '',
        r.text,
        '',
        `  bottlenecks: ${describeSequence(r.bottlenecks)}`,
      ];
    }
    case 'change': {
      const { change, before, after } = e.report;
      const delta = after.monthly - before.monthly;
      const when =
        change.effectiveAt > change.at
          ? `in place at ${formatPrepDuration(change.effectiveAt)}`
          : 'in place now';
      return [
        `[${formatPrepDuration(change.at)}] change: ${change.label} (${change.command.type} ${change.command.target}${change.command.params && Object.keys(change.command.params).length ? ` ${JSON.stringify(change.command.params)}` : ''}), ${when}`,
        `  cost ${delta >= 0 ? '+' : ''}${money(drill, delta)}/month -> ${money(drill, after.monthly)}/month (budget ${money(drill, drill.budget.monthly)})`,
      ];
    }
    case 'wait':
      return [`[${formatPrepDuration(e.clock - e.seconds)}] wait ${formatPrepDuration(e.seconds)}`];
    case 'refused':
      return [`step ${e.index + 1} refused: ${e.message}`];
  }
}

export function playText(drill: Drill, play: Play): string {
  const { debrief } = play;
  const out: string[] = [
    `== ${drill.title} (${drill.id})`,
    `   preparation: ${formatPrepDuration(drill.preparation.deadline)}; each test costs ${formatPrepDuration(drill.preparation.perTest)} plus its duration`,
    `   cost today: ${money(drill, play.initialCost)}/month; budget ${money(drill, drill.budget.monthly)}/month; goal ${drill.goal.headroom}x the peak`,
    '',
  ];
  for (const e of play.events) out.push(...eventText(drill, e), '');
  const late = debrief.late.length
    ? [
        `   too late for the peak: ${debrief.late.map((c) => `${c.label} (in place at ${formatPrepDuration(c.effectiveAt)})`).join('; ')}`,
      ]
    : [];
  const { peak } = debrief;
  out.push(
    `== the deadline (${formatPrepDuration(drill.preparation.deadline)}): the real peak arrives at ${peak.factor.toFixed(2)}x the forecast`,
    ...late,
    `   SLOs ${peak.held ? 'held through the real peak' : `held ${(peak.heldShare * 100).toFixed(1)}% of the real peak`}; worst ${peak.worst.map((w) => `${w.slo} ${w.value.toPrecision(3)} (max ${w.max})`).join(', ')}`,
    `   bottlenecks during the peak: ${describeSequence(peak.bottlenecks)}`,
    `   headroom: ${debrief.headroom >= debrief.ladderTop ? 'at least ' : ''}${debrief.headroom.toFixed(2)}x the peak within the SLOs (goal ${drill.goal.headroom}x)`,
    `   cost: ${money(drill, debrief.cost.monthly)}/month (budget ${money(drill, drill.budget.monthly)}): ${debrief.cost.lines.map((l) => `${l.item} ${l.detail} ${money(drill, l.monthly)}`).join('; ')}`,
    `   score: ${debrief.score.total}/100 (${debrief.score.grade})`,
    ...debrief.score.components.map((c) => `     ${c.label} ${c.points}/${c.max}: ${c.detail}`),
  );
  if (drill.bottlenecks.length)
    out.push(
      `   the author's bottleneck sequence: ${drill.bottlenecks.map((b) => `${b.node} ${b.resource}`).join(', then ')}`,
    );
  return out.join('\n');
}

function idealText(drill: Drill, ideal: SearchResult): string {
  const what = ideal.changes.map((c) => c.label ?? `${c.type} ${c.target}`).join('; ') || 'no change';
  return ideal.reachesGoal
    ? `   the ideal answer (cheapest the search found to ${drill.goal.headroom}x): ${what}: ${ideal.headroom.toFixed(2)}x for ${money(drill, ideal.monthly)}/month (${ideal.evaluated} ladders)`
    : `   the search found no set of offered changes that reaches ${drill.goal.headroom}x (best ${ideal.headroom.toFixed(2)}x with ${what})`;
}

function playJson(drill: Drill, play: Play): unknown {
  return {
    drill: drill.id,
    seed: play.session.seed,
    initialCost: play.initialCost,
    steps: play.events.map((e) => {
      switch (e.kind) {
        case 'test':
          return {
            index: e.index,
            kind: 'test',
            name: e.report.test.name,
            startedAt: e.report.startedAt,
            endedAt: e.report.endedAt,
            summary: e.report.summary,
            bottlenecks: e.report.bottlenecks,
            pending: e.report.pending.map((c) => c.label),
          };
        case 'change':
          return {
            index: e.index,
            kind: 'change',
            change: e.report.change,
            monthlyBefore: e.report.before.monthly,
            monthlyAfter: e.report.after.monthly,
          };
        case 'wait':
          return { index: e.index, kind: 'wait', seconds: e.seconds, clock: e.clock };
        case 'refused':
          return { index: e.index, kind: 'refused', message: e.message };
      }
    }),
    debrief: play.debrief,
  };
}
