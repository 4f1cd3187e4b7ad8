/**
 * A drill's load tests in one long-lived Web Worker (drill-test.worker.ts): a test is 0.3-0.7 s of
 * engine time, more on a busy machine, which froze the window when it ran on the UI thread. The
 * worker posts the share of the run done. Falls back to the UI thread where Workers do not exist
 * (unit tests) or cannot start.
 */
import type { Drill } from '../../simulator/drill/schema';
import { runLoadTest, type TestPlan, type TestResult } from '../../simulator/drill/session';
import type { TestReply, TestRequest } from './drill-test-run';
import { workerRequests } from './worker-requests';

const tests = workerRequests<Omit<TestRequest, 'id'>, TestReply, TestResult>(
  () => new Worker(new URL('./drill-test.worker.ts', import.meta.url), { type: 'module' }),
  (reply) => ('progress' in reply ? reply : reply.ok ? { value: reply.result } : { error: reply.error }),
  'the load-test worker',
);

/** Starts the worker ahead of the first test (loading the engine into it takes a moment). */
export function startTestWorker(): void {
  tests.warm();
}

/** Runs a planned load test (DrillSession.planTest) off the UI thread. */
export function runTestOffThread(
  drill: Drill,
  plan: TestPlan,
  onProgress?: (done: number) => void,
): Promise<TestResult> {
  return (
    tests.send({ drill, plan }, onProgress) ??
    Promise.resolve().then(() => runLoadTest(drill, plan, onProgress))
  );
}
