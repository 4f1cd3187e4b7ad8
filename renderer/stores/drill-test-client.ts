/**
 * A drill's load tests in one long-lived Web Worker (drill-test.worker.ts): a test is 0.3-0.7 s of
 * engine time, more on a busy machine, which froze the window when it ran on the UI thread. The
 * worker posts the share of the run done. Falls back to the UI thread where Workers do not exist
 * (unit tests) or cannot start.
 */
import type { Drill } from '../../simulator/drill/schema';
import { runLoadTest, type TestPlan, type TestResult } from '../../simulator/drill/session';
import type { TestReply, TestRequest } from './drill-test-run';

interface Pending {
  readonly resolve: (result: TestResult) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: (done: number) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function startWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    const started = new Worker(new URL('./drill-test.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = (event: MessageEvent<TestReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      if ('progress' in reply) return waiting.onProgress?.(reply.progress);
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
    };
    started.onerror = (event) => {
      // A dead worker fails what it was running; the next test starts a fresh one.
      const error = new Error(event.message || 'the load-test worker failed');
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      started.terminate();
      if (worker === started) worker = undefined;
    };
    return started;
  } catch {
    return undefined;
  }
}

/** Starts the worker ahead of the first test (loading the engine into it takes a moment). */
export function startTestWorker(): void {
  worker ??= startWorker();
}

/** Runs a planned load test (DrillSession.planTest) off the UI thread. */
export function runTestOffThread(
  drill: Drill,
  plan: TestPlan,
  onProgress?: (done: number) => void,
): Promise<TestResult> {
  worker ??= startWorker();
  if (!worker) return Promise.resolve().then(() => runLoadTest(drill, plan, onProgress));
  const request: TestRequest = { id: nextId++, drill, plan };
  const target = worker;
  return new Promise((resolve, reject) => {
    pending.set(request.id, { resolve, reject, onProgress });
    target.postMessage(request);
  });
}
