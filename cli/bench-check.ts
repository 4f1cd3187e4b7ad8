/**
 * `npm run bench:check`: `outage-lab check` throughput (seed runs per second: each seed is two
 * runs, no response and the solution) on one worker thread and on every core, and the ratio.
 *
 * The workers run the worker bundled with esbuild (as dist-node/check-worker.mjs is), not the
 * TypeScript through tsx: under tsx each worker compiled the engine for about a second, and the
 * benchmark measured the compiler. Each pool is started once and kept warm; its start-up is
 * printed apart. The two pools run alternately, three times each, and each keeps its best run:
 * this machine is shared, and a burst of someone else's work should not land on one side only.
 * It also prints the CPU time per run (all threads): if more workers cost more work per run,
 * that shows there, whatever the machine lends. It plays every seed (`playEverySeed`): `check`
 * answers a scenario that drew no random number from its first seed, which measures nothing.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenarioText } from '../simulator/scenario/validate';
import { builtinFiles } from './check';
import { CheckPool, defaultJobs, type CheckJob } from './check-pool';

export interface Measured {
  readonly rate: number;
  readonly startMs: number;
  /** CPU seconds of the whole process (every thread) per wall second, during the best run. */
  readonly cores: number;
  /** CPU milliseconds per run, all threads. */
  readonly cpuMsPerRun: number;
}

export interface BenchOptions {
  /** Scenario files (default: every built-in, as `check --builtins` runs them). */
  readonly files?: readonly string[];
  readonly seeds?: number;
  readonly repeats?: number;
  /** Workers of the second pool (default: every core). */
  readonly jobs?: number;
}

export interface BenchResult {
  readonly one: Measured;
  readonly all: Measured;
  readonly jobs: number;
  readonly ratio: number;
  readonly lines: readonly string[];
}

/** Bundles the worker (zod included) into one file that loads from a temporary folder. */
async function bundleWorker(dir: string): Promise<URL> {
  const workerFile = join(dir, 'check-worker.mjs');
  await build({
    entryPoints: [new URL('./check-worker.ts', import.meta.url).pathname],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  return pathToFileURL(workerFile);
}

export async function benchCheck(options: BenchOptions = {}): Promise<BenchResult> {
  const seeds = options.seeds ?? 10;
  const repeats = options.repeats ?? 3;
  const jobs = options.jobs ?? defaultJobs();
  // Short scenarios alone would measure per-run overhead (allocation), not simulation.
  const work: CheckJob[] = (options.files ?? builtinFiles()).map((file) => {
    const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file} does not validate`);
    return { key: file, scenario: parsed.scenario, seeds: Array.from({ length: seeds }, (_, k) => k + 1) };
  });
  const runs = work.length * seeds * 2;
  const dir = mkdtempSync(join(tmpdir(), 'outage-lab-bench-check-'));
  const pools: CheckPool[] = [];
  try {
    const workerUrl = await bundleWorker(dir);
    const start = async (size: number) => {
      const t0 = performance.now();
      const pool = new CheckPool(size, workerUrl);
      pools.push(pool);
      // a one-seed warm-up on every worker: start-up and the JIT's first pass
      await pool.run(
        work.slice(0, 1).map((j) => ({ ...j, seeds: Array.from({ length: size }, (_, k) => k + 1) })),
        undefined,
        { playEverySeed: true },
      );
      return { pool, startMs: performance.now() - t0, best: { rate: 0, cores: 0, cpuMsPerRun: 0 } };
    };
    const sides = [await start(1), await start(jobs)];
    for (let k = 0; k < repeats; k++) {
      for (const side of sides) {
        const t = performance.now();
        const cpu = process.cpuUsage();
        await side.pool.run(work, undefined, { playEverySeed: true });
        const wall = (performance.now() - t) / 1000;
        const used = (({ user, system }) => user + system)(process.cpuUsage(cpu));
        if (runs / wall > side.best.rate)
          side.best = { rate: runs / wall, cores: used / 1e6 / wall, cpuMsPerRun: used / 1000 / runs };
      }
    }
    const [one, all] = sides.map((s) => ({ ...s.best, startMs: s.startMs })) as [Measured, Measured];
    const row = (label: string, m: Measured) =>
      `  ${label}${m.rate.toFixed(2)} runs/s  (pool start ${m.startMs.toFixed(0)} ms; ${m.cpuMsPerRun.toFixed(1)} CPU ms per run, ${m.cores.toFixed(2)} cores busy)`;
    const ratio = all.rate / one.rate;
    const lines = [
      `check throughput (${runs} runs: ${work.length} scenarios x ${seeds} seeds x 2, bundled worker, warm pools run alternately, best of ${repeats}):`,
      row('1 worker     ', one),
      row(`${String(jobs).padEnd(2)} workers   `, all),
      `  scaling      ${ratio.toFixed(2)}x on ${jobs} workers`,
      // On a shared machine the wall-clock ratio is capped by the cores the other processes leave;
      // the CPU per run says whether more workers cost more work.
      `  CPU per run  ${((all.cpuMsPerRun / one.cpuMsPerRun - 1) * 100).toFixed(1)}% more on ${jobs} workers; cores busy ${one.cores.toFixed(2)} -> ${all.cores.toFixed(2)} (load average ${loadavg()[0]!.toFixed(1)})`,
    ];
    return { one, all, jobs, ratio, lines };
  } finally {
    await Promise.all(pools.map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

// Run when executed (tsx cli/bench-check.ts), not when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchCheck();
  for (const line of result.lines) console.log(line);
}
