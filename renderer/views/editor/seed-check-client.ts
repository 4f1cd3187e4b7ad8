/**
 * Starts "Check over seeds" on Web Workers (one per core, capped), or on this thread, one seed
 * per macrotask, where Workers do not exist (unit tests) or cannot start.
 */
import type { CheckReport } from '../../../simulator/check/report';
import type { Scenario } from '../../../simulator/scenario/schema';
import {
  checkSeedsInPool,
  checkWorkerCount,
  seedCheckHandler,
  type SeedCheckReply,
  type SeedWorker,
} from './seed-check';

/** The worker protocol run on this thread: replies come on later macrotasks, like a worker's. */
export function inThreadWorker(): SeedWorker {
  const handle = seedCheckHandler();
  let alive = true;
  const worker: SeedWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      setTimeout(() => {
        if (!alive) return;
        const reply = handle(message);
        if (reply && alive) worker.onmessage?.({ data: reply });
      }, 0);
    },
    terminate() {
      alive = false;
    },
  };
  return worker;
}

function webWorker(): SeedWorker {
  const worker = new Worker(new URL('./seed-check.worker.ts', import.meta.url), { type: 'module' });
  const wrapped: SeedWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (event: MessageEvent<SeedCheckReply>) => wrapped.onmessage?.({ data: event.data });
  worker.onerror = (event) => wrapped.onerror?.({ message: event.message });
  return wrapped;
}

export function checkSeedsInWorkers(
  scenario: Scenario,
  seeds: number,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<CheckReport> {
  const hasWorker = typeof Worker !== 'undefined';
  const cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
  return checkSeedsInPool(scenario, seeds, {
    spawn: () => {
      if (!hasWorker) return inThreadWorker();
      try {
        return webWorker();
      } catch {
        return inThreadWorker();
      }
    },
    workers: hasWorker ? checkWorkerCount(seeds, cores) : 1,
    onProgress,
    signal,
  });
}
