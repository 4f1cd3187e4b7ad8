/**
 * Runs `outage-lab check` seeds on worker_threads, one per core by default. Each worker gets every
 * scenario once, then seeds one at a time (a free worker takes the next), so a slow scenario does
 * not hold the others back. Outcomes come back in seed order whatever the number of workers:
 * each seed is a deterministic run, so the report is the same on 1 or 16 workers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SeedOutcome } from '../simulator/check/seed-run';
import type { Scenario } from '../simulator/scenario/schema';

export type CheckRequest =
  | { readonly type: 'scenario'; readonly key: string; readonly scenario: Scenario }
  | { readonly type: 'seed'; readonly key: string; readonly seed: number };

export type CheckResponse =
  | { readonly type: 'outcome'; readonly key: string; readonly outcome: SeedOutcome }
  | { readonly type: 'error'; readonly key: string; readonly seed: number; readonly message: string };

export interface CheckJob {
  /** Unique per job (the file path). */
  readonly key: string;
  readonly scenario: Scenario;
  readonly seeds: readonly number[];
}

export const defaultJobs = (): number => Math.max(1, availableParallelism());

/**
 * The worker script: the bundled one next to the CLI bundle, or in development the TypeScript
 * source, loaded through tsx's API (a worker does not inherit the parent's tsx loader).
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./check-worker.mjs', here));
  const source = new URL('./check-worker.ts', here).href;
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(here)}))`,
    { eval: true },
  );
}

/**
 * Runs every job's seeds on `jobs` workers; `onProgress(done, total)` after each seed. Resolves
 * with outcomes per job key (in seed order), rejects on the first seed that throws.
 */
export async function runCheckPool(
  work: readonly CheckJob[],
  jobs: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, SeedOutcome[]>> {
  const queue = work.flatMap((j) => j.seeds.map((seed) => ({ key: j.key, seed })));
  const total = queue.length;
  const results = new Map<string, Map<number, SeedOutcome>>(work.map((j) => [j.key, new Map()]));
  const count = Math.max(1, Math.min(jobs, total));
  const workers = Array.from({ length: count }, spawnWorker);
  let done = 0;
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      if (total === 0) return resolve();
      const feed = (w: Worker) => {
        const item = queue[next++];
        if (item) w.postMessage({ type: 'seed', ...item } satisfies CheckRequest);
      };
      for (const w of workers) {
        for (const j of work)
          w.postMessage({ type: 'scenario', key: j.key, scenario: j.scenario } satisfies CheckRequest);
        w.on('message', (msg: CheckResponse) => {
          if (msg.type === 'error') return reject(new Error(`${msg.key} seed ${msg.seed}: ${msg.message}`));
          results.get(msg.key)!.set(msg.outcome.seed, msg.outcome);
          done++;
          onProgress?.(done, total);
          if (done === total) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (done < total) reject(new Error(`a check worker exited with code ${code}`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return new Map(work.map((j) => [j.key, j.seeds.map((seed) => results.get(j.key)!.get(seed)!)]));
}
