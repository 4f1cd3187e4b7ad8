/**
 * `outage-lab check FILE... [--seeds N] [--jobs J] [--json]`: each scenario on N seeds, with no
 * response and with its scripted solution, on worker threads; a table (or JSON) of how often the
 * page fires, the SLOs break and the solution mitigates, with p10/p50/p90 of the times and score.
 * Exit 1 when a scenario is flagged (winnable without a response, or the solution failing, on
 * more than 5% of seeds).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCheckTable, summarizeCheck, type CheckReport } from '../simulator/check/report';
import type { Scenario } from '../simulator/scenario/schema';
import { parseCommandArgs, type Io } from './args';
import { defaultJobs, runCheckPool } from './check-pool';

/** The built-in scenarios shipped beside the CLI (../scenarios from cli/ and from dist-node/). */
export function builtinFiles(): string[] {
  const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json')
    .sort()
    .map((f) => join(dir, f));
}

export const CHECK_USAGE = `Usage: outage-lab check [FILE...] [--builtins] [options]

Run each scenario on many seeds, with no response and with its scripted solution, and report
how often the page fires, the SLOs break and the solution mitigates (p10/p50/p90 and the range
of the times; one value marked "(every seed)" when all seeds agree: the seed only draws the
clients' noise). A scenario whose first seed drew no random number is run once: that outcome is
every seed's.
  --seeds N      seeds per scenario, 1..100000 (default 200): seeds 1..N
  --jobs J       worker threads (default: the number of cores)
  --builtins     also check every built-in scenario
  --json         print the reports as JSON
Exit codes: 0 every scenario passes, 1 a scenario is flagged (winnable without a response, or
the solution fails, on more than 5% of seeds) or a file is invalid, 2 usage error.`;

function positiveInt(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

/** A progress bar on stderr, redrawn in place (only when stderr is a terminal). */
function progressBar(io: Io): ((done: number, total: number) => void) | undefined {
  if (!io.progress) return undefined;
  const draw = io.progress;
  let last = -1;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    if (filled === last && done !== total) return;
    last = filled;
    draw(
      `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} seed runs${done === total ? '\n' : ''}`,
    );
  };
}

export async function check(
  argv: string[],
  io: Io,
  loadScenario: (file: string, io: Io) => Scenario | undefined,
): Promise<number> {
  const args = parseCommandArgs(
    'check',
    argv,
    {
      seeds: { type: 'string' },
      jobs: { type: 'string' },
      json: { type: 'boolean' },
      builtins: { type: 'boolean' },
    },
    CHECK_USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const usage = (message: string) => (io.err(`${message}. Try 'outage-lab check --help'.`), 2);
  const files = [...args.positionals, ...(args.values.builtins ? builtinFiles() : [])];
  if (files.length === 0) return usage('outage-lab check needs a scenario FILE or --builtins');
  const seeds = positiveInt(args.values.seeds, 200, 100_000);
  if (seeds === undefined) return usage('--seeds must be a whole number from 1 to 100000');
  const jobs = positiveInt(args.values.jobs, defaultJobs(), 256);
  if (jobs === undefined) return usage('--jobs must be a whole number from 1 to 256');

  let invalid = 0;
  const work = [];
  for (const file of files) {
    const scenario = loadScenario(file, io);
    if (!scenario) invalid++;
    else work.push({ key: file, scenario, seeds: Array.from({ length: seeds }, (_, k) => k + 1) });
  }
  const started = performance.now();
  const { outcomes, played } = await runCheckPool(work, jobs, progressBar(io));
  const seconds = (performance.now() - started) / 1000;
  const reports: CheckReport[] = work.map((j) => summarizeCheck(j.scenario.id, outcomes.get(j.key)!));
  // `played`: seeds run on the workers; a scenario whose first seed drew no random number had
  // its other seeds answered by it (seed-run.ts, everySeed).
  if (args.values.json) io.out(JSON.stringify({ seeds, jobs, seconds, played, reports }, null, 2));
  else {
    io.out(formatCheckTable(reports));
    const runs = played * 2;
    const answered = work.length * seeds - played;
    io.err(
      `${runs} runs on ${jobs} worker(s) in ${seconds.toFixed(1)} s (${(runs / seconds).toFixed(1)} runs/s)` +
        (answered > 0 ? `; ${answered} seed(s) answered by a first seed that drew no random number` : ''),
    );
  }
  return invalid > 0 || reports.some((r) => r.flags.length > 0) ? 1 : 0;
}
