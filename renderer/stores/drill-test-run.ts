/**
 * The messages of the drill's load-test worker (drill-test.worker.ts) and what the worker does with
 * one: run the planned test (simulator/drill/session.ts `runLoadTest`, the same function the session
 * runs in-thread), post its progress, then the result as plain data.
 */
import type { Drill } from '../../simulator/drill/schema';
import { runLoadTest, type TestPlan, type TestResult } from '../../simulator/drill/session';

export interface TestRequest {
  readonly id: number;
  readonly drill: Drill;
  readonly plan: TestPlan;
}

export type TestReply =
  | { readonly id: number; readonly progress: number }
  | { readonly id: number; readonly ok: true; readonly result: TestResult }
  | { readonly id: number; readonly ok: false; readonly error: string };

export function answerTest(request: TestRequest, post: (reply: TestReply) => void): void {
  const { id, drill, plan } = request;
  try {
    const result = runLoadTest(drill, plan, (progress) => post({ id, progress }));
    post({ id, ok: true, result });
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
}
