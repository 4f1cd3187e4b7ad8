/**
 * `npm run bench:check`: `outage-lab check` throughput (seed runs per second: each seed is two
 * runs, no response and the solution) on one worker thread and on every core, and the ratio.
 * Best of three per pool size (this machine is noisy); the workers' start-up is counted, as a
 * user waiting for `check` sees it. Run through tsx, each worker compiles the engine's TypeScript
 * when it starts (about a second), which weighs on the 2-worker figure; the bundled CLI
 * (dist-node/check-worker.mjs) starts faster and scales better (see the session notes).
 */
import { readFileSync } from 'node:fs';
import { parseScenarioText } from '../simulator/scenario/validate';
import { builtinFiles } from './check';
import { defaultJobs, runCheckPool, type CheckJob } from './check-pool';

const SEEDS = 10;

// Every built-in, as `check --builtins` runs them: short scenarios alone measure per-run
// overhead (allocation), not simulation.
const work: CheckJob[] = builtinFiles().map((file) => {
  const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not validate`);
  return { key: file, scenario: parsed.scenario, seeds: Array.from({ length: SEEDS }, (_, k) => k + 1) };
});
const runs = work.length * SEEDS * 2;

async function best(jobs: number): Promise<number> {
  let rate = 0;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    await runCheckPool(work, jobs);
    rate = Math.max(rate, runs / ((performance.now() - t0) / 1000));
  }
  return rate;
}

const cores = defaultJobs();
const one = await best(1);
const all = await best(cores);
console.log(`check throughput (${runs} runs: ${work.length} built-ins x ${SEEDS} seeds x 2, best of 3):`);
console.log(`  1 worker     ${one.toFixed(2)} runs/s`);
console.log(`  ${String(cores).padEnd(2)} workers   ${all.toFixed(2)} runs/s`);
console.log(`  scaling      ${(all / one).toFixed(2)}x on ${cores} cores`);
