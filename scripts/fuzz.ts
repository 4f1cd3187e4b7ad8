/**
 * `npm run fuzz -- [cases] [seed] [ticks]`: the long fuzz run (issue 15, item 10; default 10,000
 * cases of at most 300 engine ticks each). Mutates the built-in scenarios and saved run records,
 * checks the properties in simulator/fuzz/harness.ts and prints the counts; exits 1 on any crash,
 * hang, non-finite metric or error without a JSON path, printing the first failures.
 *
 * The cases run in a worker thread under a watchdog: a case still running after 10 s is a hang
 * even if it never returns (the worker is stopped and the run resumes with the next case).
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  DEFAULT_FUZZ_OPTIONS,
  emptyCounts,
  fuzzCases,
  runCase,
  type FuzzCase,
  type FuzzCounts,
  type FuzzFailure,
} from '../simulator/fuzz/harness';
import { loadFuzzSeeds } from './fuzz-seeds';

interface Job {
  readonly cases: number;
  readonly seed: number;
  readonly ticks: number;
  readonly from: number;
}
type Report =
  | {
      readonly kind: 'case';
      readonly index: number;
      readonly fuzzCase: FuzzCase;
      /** Counts of the cases before this one. */
      readonly counts: FuzzCounts;
    }
  | { readonly kind: 'done'; readonly counts: FuzzCounts; readonly failures: FuzzFailure[] };

if (isMainThread) await main();
else runJob(workerData as Job);

/** In the worker: runs cases from `job.from`, announcing each before it starts. */
function runJob(job: Job): void {
  const seeds = loadFuzzSeeds();
  const counts = emptyCounts();
  const failures: FuzzFailure[] = [];
  const options = { ...DEFAULT_FUZZ_OPTIONS, ticks: job.ticks };
  let index = job.from;
  for (const fuzzCase of fuzzCases(seeds, job.cases, job.seed, job.from)) {
    parentPort!.postMessage({ kind: 'case', index: index++, fuzzCase, counts } satisfies Report);
    runCase(seeds, fuzzCase, counts, failures, options);
  }
  parentPort!.postMessage({ kind: 'done', counts, failures } satisfies Report);
}

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
  const ticks = Number(process.argv[4] ?? DEFAULT_FUZZ_OPTIONS.ticks);
  if (![cases, seed, ticks].every(Number.isInteger) || cases < 1 || ticks < 1) {
    console.error('usage: npm run fuzz -- [cases] [seed] [ticks]');
    process.exit(2);
  }
  console.log(
    `fuzz: ${cases} cases, seed ${seed}, ${ticks} ticks (rerun with: npm run fuzz -- ${cases} ${seed} ${ticks})`,
  );
  const started = Date.now();
  const total = emptyCounts();
  const failures: FuzzFailure[] = [];
  let from = 0;
  while (from < cases) {
    const segment = await runSegment({ cases, seed, ticks, from });
    for (const key of Object.keys(total) as (keyof FuzzCounts)[]) {
      total[key] =
        key === 'slowestMs' ? Math.max(total[key], segment.counts[key]) : total[key] + segment.counts[key];
    }
    failures.push(
      ...segment.failures.slice(0, Math.max(0, DEFAULT_FUZZ_OPTIONS.keepFailures - failures.length)),
    );
    from = segment.next;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    [
      `cases       ${total.cases} in ${seconds} s (slowest ${Math.round(total.slowestMs)} ms)`,
      `valid       ${total.valid}`,
      `rejected    ${total.rejected}`,
      `engine runs ${total.engineRuns}`,
      `crashes     ${total.crashes}`,
      `hangs       ${total.hangs} (over ${DEFAULT_FUZZ_OPTIONS.hangMs / 1000} s)`,
      `non-finite  ${total.nonFinite}`,
      `pathless    ${total.pathless}`,
    ].join('\n'),
  );
  for (const f of failures) console.log(`\n${f.problem}: ${f.detail}\n  case: ${JSON.stringify(f.fuzzCase)}`);
  process.exit(total.crashes + total.hangs + total.nonFinite + total.pathless > 0 ? 1 : 0);
}

/**
 * Runs cases from `job.from` in a worker until it finishes or one case outlives hangMs; a hung
 * case is counted (as a case and a hang) and `next` is the case after it.
 */
function runSegment(job: Job): Promise<{ counts: FuzzCounts; failures: FuzzFailure[]; next: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), { workerData: job });
    let current: { index: number; fuzzCase: FuzzCase; counts: FuzzCounts; since: number } | undefined;
    const watchdog = setInterval(() => {
      if (!current || Date.now() - current.since <= DEFAULT_FUZZ_OPTIONS.hangMs) return;
      clearInterval(watchdog);
      void worker.terminate();
      const { counts: before, fuzzCase, index, since } = current;
      const ms = Date.now() - since;
      const counts = {
        ...before,
        cases: before.cases + 1,
        hangs: before.hangs + 1,
        slowestMs: Math.max(before.slowestMs, ms),
      };
      const failure: FuzzFailure = {
        problem: 'hang',
        detail: `stopped by the watchdog after ${ms} ms`,
        fuzzCase,
      };
      resolve({ counts, failures: [failure], next: index + 1 });
    }, 500);
    worker.on('message', (report: Report) => {
      if (report.kind === 'case') {
        current = { ...report, since: Date.now() };
        if (process.stderr.isTTY && report.index % 500 === 0)
          process.stderr.write(`\r${report.index} / ${job.cases}`);
      } else {
        clearInterval(watchdog);
        resolve({ counts: report.counts, failures: report.failures, next: job.cases });
      }
    });
    worker.on('error', (error) => {
      clearInterval(watchdog);
      reject(error);
    });
  });
}
