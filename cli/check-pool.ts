/**
 * Runs `outage-lab check` seeds on worker_threads, one per core by default. Each worker gets every
 * scenario once, then seeds (a free worker takes the next), so a slow scenario does not hold the
 * others back. Outcomes come back in seed order whatever the number of workers: each seed is a
 * deterministic run, so the report is the same on 1 or 16 workers.
 *
 * A `CheckPool` stays warm between runs (the benchmark and any caller checking several batches
 * pay the workers' start-up once). Each worker keeps two seeds queued so it never waits for the
 * main thread between seeds, except at the very end, where a queued seed would wait behind a
 * running one while another worker idles. The costliest scenarios go first, so the batch ends on
 * short seeds.
 *
 * Each scenario's first seed is played first: when its runs drew no random number the seed cannot
 * matter (seed-run.ts, `everySeed`), and that outcome answers every other seed without playing
 * it; otherwise its other seeds join the queue.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { everySeed, type SeedOutcome } from '../simulator/check/seed-run';
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

/** Seeds sent ahead to each worker: one running, one waiting. */
const IN_FLIGHT = 2;

/**
 * A seed's relative cost: ticks times the size of the graph. The queue runs the costly scenarios
 * first, so the batch ends on short seeds and no worker waits long for the last one.
 */
const seedCost = (s: Scenario) => Math.ceil(s.duration / s.tickSeconds) * (s.nodes.length + s.edges.length);

/**
 * The worker script: `workerFile` when given (the benchmark's bundle), the bundled one next to the
 * CLI bundle, or in development the TypeScript source, loaded through tsx's API (a worker does not
 * inherit the parent's tsx loader).
 */
function spawnWorker(workerFile?: URL): Worker {
  if (workerFile) return new Worker(workerFile);
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./check-worker.mjs', here));
  const source = new URL('./check-worker.ts', here).href;
  return new Worker(
    `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(here)}))`,
    { eval: true },
  );
}

interface Batch {
  /** Seeds to play in order: each job's first seed, then the others of jobs whose first seed drew. */
  readonly queue: { readonly key: string; readonly seed: number }[];
  /** Per job key, the seeds after its first, until its first seed's outcome says whether to play them. */
  readonly rest: Map<string, readonly number[]>;
  /** Seeds sent to each worker and not answered yet. */
  readonly inFlight: Map<Worker, number>;
  readonly results: Map<string, Map<number, SeedOutcome>>;
  next: number;
  /** Seeds with an outcome (played or answered by a first seed that drew nothing). */
  done: number;
  /** Seeds in the batch. */
  readonly total: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * When the workers fill every core, each compiles on its own thread. V8's concurrent
 * recompilation (TurboFan on background threads) kept recompiling throughout a check: in a
 * worker, 18% of the process's CPU ran beside the thread running the seeds (2.6% without it, and
 * 8% less CPU per run in all). A lone worker gets that from a spare core for free; workers on
 * every core pay it, which capped the 1-to-2 ratio near 2 x 5,280 / 6,458 = 1.64 (measured CPU ms
 * for 80 seeds). A worker isolate reads the flag when it starts, so it is set before the first
 * such pool; the main thread's isolate keeps its own setting, and results do not depend on it.
 */
let flagsSet = false;
function compileOnWorkerThreads(size: number): void {
  if (flagsSet || size < availableParallelism()) return;
  flagsSet = true;
  setFlagsFromString('--no-concurrent-recompilation');
}

export interface RunOptions {
  /** Play every seed even when the first drew no random number (the benchmark measures runs). */
  readonly playEverySeed?: boolean;
}

export class CheckPool {
  private readonly workers: Worker[];
  private batch: Batch | undefined;
  private closed = false;
  /** Seeds the last run() played on the workers (the others were answered by a first seed). */
  played = 0;

  constructor(size: number, workerFile?: URL) {
    compileOnWorkerThreads(size);
    this.workers = Array.from({ length: Math.max(1, size) }, () => spawnWorker(workerFile));
    for (const w of this.workers) {
      w.on('message', (msg: CheckResponse) => this.onMessage(w, msg));
      w.on('error', (e) => this.batch?.reject(e));
      w.on('exit', (code) => {
        if (!this.closed) this.batch?.reject(new Error(`a check worker exited with code ${code}`));
      });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Runs every job's seeds; `onProgress(done, total)` after each outcome. Resolves with outcomes
   * per job key (in seed order), rejects on the first seed that throws. One run at a time.
   */
  async run(
    work: readonly CheckJob[],
    onProgress?: (done: number, total: number) => void,
    options: RunOptions = {},
  ): Promise<Map<string, SeedOutcome[]>> {
    if (this.batch) throw new Error('this check pool is already running');
    const byCost = [...work].sort((a, b) => seedCost(b.scenario) - seedCost(a.scenario));
    const queue = options.playEverySeed
      ? byCost.flatMap((j) => j.seeds.map((seed) => ({ key: j.key, seed })))
      : byCost.flatMap((j) => j.seeds.slice(0, 1).map((seed) => ({ key: j.key, seed })));
    const rest = new Map<string, readonly number[]>(
      options.playEverySeed ? [] : work.map((j) => [j.key, j.seeds.slice(1)]),
    );
    const total = work.reduce((n, j) => n + j.seeds.length, 0);
    const results = new Map<string, Map<number, SeedOutcome>>(work.map((j) => [j.key, new Map()]));
    this.played = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        if (total === 0) return resolve();
        const inFlight = new Map(this.workers.map((w) => [w, 0]));
        this.batch = {
          queue,
          rest,
          inFlight,
          results,
          next: 0,
          done: 0,
          total,
          onProgress,
          resolve,
          reject,
        };
        for (const w of this.workers) {
          for (const j of work)
            w.postMessage({ type: 'scenario', key: j.key, scenario: j.scenario } satisfies CheckRequest);
          this.fill(w);
        }
      });
    } finally {
      this.batch = undefined;
    }
    return new Map(work.map((j) => [j.key, j.seeds.map((seed) => results.get(j.key)!.get(seed)!)]));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Sends `w` seeds until it has IN_FLIGHT (near the end of the queue, one). */
  private fill(w: Worker): void {
    const b = this.batch;
    if (!b) return;
    for (;;) {
      const item = b.queue[b.next];
      const busy = b.inFlight.get(w) ?? 0;
      if (!item || busy >= IN_FLIGHT) return;
      // Near the end a seed queued behind another would idle a worker that could run it now.
      if (busy > 0 && b.queue.length - b.next <= this.workers.length) return;
      b.next++;
      b.inFlight.set(w, busy + 1);
      w.postMessage({ type: 'seed', ...item } satisfies CheckRequest);
    }
  }

  private onMessage(w: Worker, msg: CheckResponse): void {
    const b = this.batch;
    if (!b) return;
    if (msg.type === 'error') return b.reject(new Error(`${msg.key} seed ${msg.seed}: ${msg.message}`));
    const results = b.results.get(msg.key)!;
    results.set(msg.outcome.seed, msg.outcome);
    b.inFlight.set(w, (b.inFlight.get(w) ?? 1) - 1);
    this.played++;
    b.done++;
    const others = b.rest.get(msg.key);
    let queued = false;
    if (others) {
      // The job's first seed: it answers the others, or they are played.
      b.rest.delete(msg.key);
      const same = everySeed(msg.outcome, others);
      if (same) {
        for (const o of same) results.set(o.seed, o);
        b.done += same.length;
      } else {
        for (const seed of others) b.queue.push({ key: msg.key, seed });
        queued = others.length > 0;
      }
    }
    b.onProgress?.(b.done, b.total);
    if (b.done === b.total) return b.resolve();
    // New seeds may go to any idle worker, not only to the one that answered.
    if (queued) for (const other of this.workers) this.fill(other);
    else this.fill(w);
  }
}

/**
 * One run on a fresh pool of `jobs` workers (no more than there are seeds), closed afterwards:
 * the outcomes per job key and how many seeds were played (the others answered by a first seed).
 */
export async function runCheckPool(
  work: readonly CheckJob[],
  jobs: number,
  onProgress?: (done: number, total: number) => void,
  options: RunOptions = {},
): Promise<{ outcomes: Map<string, SeedOutcome[]>; played: number }> {
  const total = work.reduce((n, j) => n + j.seeds.length, 0);
  const pool = new CheckPool(Math.max(1, Math.min(jobs, total)));
  try {
    const outcomes = await pool.run(work, onProgress, options);
    return { outcomes, played: pool.played };
  } finally {
    await pool.close();
  }
}
