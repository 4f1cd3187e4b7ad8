/**
 * `npm run bench:check`: `outage-lab check` throughput (seed runs per second: each seed is two
 * runs, no response and the solution) on one worker thread and on every core, and the ratio.
 *
 * The workers run the worker bundled with esbuild (as dist-node/check-worker.mjs is), not the
 * TypeScript through tsx: under tsx each worker compiled the engine for about a second, and the
 * benchmark measured the compiler. Each pool is started once and kept warm; its start-up is
 * printed apart, and the throughput is the best of three runs on the warm pool (this machine is
 * shared and noisy).
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenarioText } from '../simulator/scenario/validate';
import { builtinFiles } from './check';
import { CheckPool, defaultJobs, type CheckJob } from './check-pool';

const SEEDS = 10;

// Every built-in, as `check --builtins` runs them: short scenarios alone measure per-run
// overhead (allocation), not simulation.
const work: CheckJob[] = builtinFiles().map((file) => {
  const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not validate`);
  return { key: file, scenario: parsed.scenario, seeds: Array.from({ length: SEEDS }, (_, k) => k + 1) };
});
const runs = work.length * SEEDS * 2;

// Everything in one file (zod included), so it loads from a temporary folder.
const dir = mkdtempSync(join(tmpdir(), 'outage-lab-bench-check-'));
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

interface Measured {
  readonly rate: number;
  readonly startMs: number;
  /** CPU seconds of the whole process (every thread) per wall second, during the best run. */
  readonly cores: number;
  /** CPU milliseconds per run, all threads. */
  readonly cpuMsPerRun: number;
}

async function measure(jobs: number): Promise<Measured> {
  const t0 = performance.now();
  const pool = new CheckPool(jobs, pathToFileURL(workerFile));
  // a one-seed warm-up on every worker: start-up and the JIT's first pass
  await pool.run(
    work.slice(0, 1).map((j) => ({ ...j, seeds: Array.from({ length: jobs }, (_, k) => k + 1) })),
  );
  const startMs = performance.now() - t0;
  let rate = 0;
  let cores = 0;
  let cpuMsPerRun = 0;
  try {
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await pool.run(work);
      const wall = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      if (runs / wall > rate) {
        rate = runs / wall;
        cores = (used.user + used.system) / 1e6 / wall;
        cpuMsPerRun = (used.user + used.system) / 1000 / runs;
      }
    }
  } finally {
    await pool.close();
  }
  return { rate, startMs, cores, cpuMsPerRun };
}

try {
  const cores = defaultJobs();
  const one = await measure(1);
  const all = await measure(cores);
  console.log(
    `check throughput (${runs} runs: ${work.length} built-ins x ${SEEDS} seeds x 2, bundled worker, warm pool, best of 3):`,
  );
  const row = (label: string, m: Measured) =>
    console.log(
      `  ${label}${m.rate.toFixed(2)} runs/s  (pool start ${m.startMs.toFixed(0)} ms; ${m.cpuMsPerRun.toFixed(1)} CPU ms per run, ${m.cores.toFixed(2)} cores busy)`,
    );
  row('1 worker     ', one);
  row(`${String(cores).padEnd(2)} workers   `, all);
  console.log(`  scaling      ${(all.rate / one.rate).toFixed(2)}x on ${cores} cores`);
  // What the machine lent us: on a shared machine the wall-clock ratio is capped by the cores the
  // other processes leave, while the CPU per run says whether more workers cost more work.
  console.log(
    `  CPU per run  ${((all.cpuMsPerRun / one.cpuMsPerRun - 1) * 100).toFixed(1)}% more on ${cores} workers; cores busy ${one.cores.toFixed(2)} -> ${all.cores.toFixed(2)} (load average ${loadavg()[0]!.toFixed(1)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
