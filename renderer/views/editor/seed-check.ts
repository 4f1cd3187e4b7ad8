/**
 * The editor's "Check over seeds": the scenario on seeds 1..N, with no response and with its
 * scripted solution, spread over a pool of Web Workers, summarized into the same CheckReport as
 * `outage-lab check` (simulator/check/seed-run.ts and report.ts, the CLI's own code, so the
 * numbers are identical). Pure: the workers are injected, so tests run the pool without a DOM.
 */
import { summarizeCheck, type CheckReport } from '../../../simulator/check/report';
import { checkSeed, everySeed, seedBuffers, type SeedOutcome } from '../../../simulator/check/seed-run';
import type { Scenario } from '../../../simulator/scenario/schema';

export const DEFAULT_CHECK_SEEDS = 50;
export const MAX_CHECK_SEEDS = 200;
/** At most this many workers, whatever the core count: each holds two whole-run metric stores. */
export const MAX_CHECK_WORKERS = 4;

export type SeedCheckRequest =
  | { readonly type: 'scenario'; readonly scenario: Scenario }
  | { readonly type: 'seed'; readonly seed: number };

export type SeedCheckReply =
  | { readonly ok: true; readonly outcome: SeedOutcome }
  | { readonly ok: false; readonly seed: number; readonly error: string };

/** What the pool needs of a Worker (a Web Worker, or a stand-in running on this thread). */
export interface SeedWorker {
  postMessage(message: SeedCheckRequest): void;
  onmessage: ((event: { data: SeedCheckReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

/** A worker's side of the protocol: keeps the scenario and the metric memory between seeds. */
export function seedCheckHandler(): (message: SeedCheckRequest) => SeedCheckReply | undefined {
  let scenario: Scenario | undefined;
  const buffers = seedBuffers();
  return (message) => {
    if (message.type === 'scenario') {
      scenario = message.scenario;
      return undefined;
    }
    try {
      if (!scenario) throw new Error('no scenario in this worker');
      return { ok: true, outcome: checkSeed(scenario, message.seed, buffers) };
    } catch (error) {
      return { ok: false, seed: message.seed, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/** Workers for N seeds on a machine with `cores` logical cores. */
export function checkWorkerCount(seeds: number, cores: number | undefined): number {
  return Math.max(1, Math.min(MAX_CHECK_WORKERS, cores || 2, seeds));
}

export interface SeedCheckOptions {
  readonly spawn: () => SeedWorker;
  readonly workers: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting terminates every worker and rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/**
 * Runs seeds 1..`seeds` on the pool; the report is the same whatever the number of workers. Like
 * `outage-lab check` (cli/check-pool.ts), seed 1 is played first: when its runs drew no random
 * number, `everySeed` answers the other seeds with its outcome (the report's `seedIndependent`),
 * otherwise they are spread over the workers.
 */
export function checkSeedsInPool(
  scenario: Scenario,
  seeds: number,
  options: SeedCheckOptions,
): Promise<CheckReport> {
  return new Promise((resolve, reject) => {
    const outcomes: SeedOutcome[] = [];
    const workers: SeedWorker[] = [];
    let next = 1;
    let done = 0;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      for (const w of workers) w.terminate();
      options.signal?.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve(summarizeCheck(scenario.id, outcomes));
    };
    const abort = () => finish(new DOMException('The check was cancelled.', 'AbortError'));
    if (options.signal?.aborted) return abort();
    options.signal?.addEventListener('abort', abort);

    const feed = (w: SeedWorker) => {
      if (next <= seeds) w.postMessage({ type: 'seed', seed: next++ });
    };
    const count = Math.max(1, Math.min(options.workers, seeds));
    for (let k = 0; k < count && !finished; k++) {
      let w: SeedWorker;
      try {
        w = options.spawn();
      } catch (error) {
        return finish(error instanceof Error ? error : new Error(String(error)));
      }
      workers.push(w);
      w.onmessage = ({ data }) => {
        if (finished) return;
        if (!data.ok) return finish(new Error(`seed ${data.seed}: ${data.error}`));
        outcomes[data.outcome.seed - 1] = data.outcome;
        done++;
        if (data.outcome.seed === 1) {
          // The first seed: it answers the others, or they are played (two queued per worker,
          // so none waits for this thread between seeds).
          const others = Array.from({ length: seeds - 1 }, (_, k) => k + 2);
          const same = everySeed(data.outcome, others);
          if (same) {
            for (const o of same) outcomes[o.seed - 1] = o;
            done += same.length;
          } else {
            for (const other of workers) {
              feed(other);
              feed(other);
            }
          }
        } else feed(w);
        options.onProgress?.(done, seeds);
        if (done === seeds) finish();
      };
      w.onerror = (event) => finish(new Error(event.message || 'a check worker failed'));
      w.postMessage({ type: 'scenario', scenario });
    }
    if (!finished) feed(workers[0]!);
  });
}
