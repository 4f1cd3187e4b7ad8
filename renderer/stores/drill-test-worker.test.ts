/**
 * The load-test worker gives the same results as the session's in-thread run on the three built-in
 * drills. The worker file itself runs on a Node worker thread (loaded through tsx, with `self`
 * wired to the thread's port), so its reply crosses a real structured clone.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrillSession, runLoadTest, type TestPlan, type TestReport } from '../../simulator/drill/session';
import type { Drill } from '../../simulator/drill/schema';
import { builtinDrill, DRILL_FILES } from '../../simulator/test-support/drills';
import type { TestReply, TestRequest } from './drill-test-run';

let worker: Worker;
const replies = new Map<number, TestReply[]>();
const waiting = new Map<number, (replies: TestReply[]) => void>();
let nextId = 1;

beforeAll(async () => {
  const source = new URL('./drill-test.worker.ts', import.meta.url).href;
  worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     globalThis.self = { postMessage: (m) => parentPort.postMessage(m), onmessage: null };
     parentPort.on('message', (data) => self.onmessage({ data }));
     import('tsx/esm/api')
       .then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)}))
       .then(() => parentPort.postMessage('ready'));`,
    { eval: true },
  );
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
  });
  worker.on('message', (reply: TestReply) => {
    const list = replies.get(reply.id) ?? [];
    list.push(reply);
    replies.set(reply.id, list);
    if (!('progress' in reply)) waiting.get(reply.id)?.(list);
  });
});
afterAll(() => worker.terminate());

function inWorker(drill: Drill, plan: TestPlan): Promise<TestReply[]> {
  const request: TestRequest = { id: nextId++, drill, plan };
  return new Promise((resolve) => {
    waiting.set(request.id, resolve);
    worker.postMessage(request);
  });
}

describe('the drill load-test worker', () => {
  it.each(DRILL_FILES)('%s: every offered test, before and after a change, as in-thread', async (file) => {
    const drill = builtinDrill(file);
    const session = new DrillSession(drill);
    const inThread = new DrillSession(drill);
    for (const round of [0, 1]) {
      if (round === 1) {
        // The first offered change, in place before the second round of tests.
        const offered = drill.changes[0]!;
        for (const s of [session, inThread]) {
          const command = { type: offered.type, target: offered.target, params: offered.params };
          expect(s.change(command)).toMatchObject({ ok: true });
          expect(s.wait(offered.leadTime + 60)).toEqual({ ok: true });
        }
      }
      for (const test of drill.tests) {
        const plan = session.planTest(test);
        if ('ok' in plan) throw new Error(plan.message);
        const answer = await inWorker(drill, plan);
        const last = answer[answer.length - 1]!;
        if (!('ok' in last) || !last.ok) throw new Error(JSON.stringify(last));
        // Progress in twentieths, then the result.
        expect(answer.slice(0, -1).map((r) => ('progress' in r ? r.progress : -1))).toEqual(
          Array.from({ length: 20 }, (_, i) => (i + 1) / 20),
        );
        expect(last.result).toEqual(runLoadTest(drill, plan));
        const viaWorker = session.recordTest(plan, last.result);
        const direct = inThread.runTest(test) as TestReport;
        expect(viaWorker).toEqual(direct);
        expect(viaWorker.window.client.map((s) => s.metric)).toEqual([
          'request_rate',
          'error_ratio',
          'latency_p99',
        ]);
        expect(viaWorker.window.bottlenecks).toHaveLength(viaWorker.bottlenecks.length);
      }
    }
    expect(session.clock).toBe(inThread.clock);
  });

  it('says why a run failed instead of dying', async () => {
    const drill = builtinDrill(DRILL_FILES[0]!);
    const plan = new DrillSession(drill).planTest(drill.tests[0]!) as TestPlan;
    const answer = await inWorker({ ...drill, peak: { ...drill.peak, clients: [] } }, plan);
    expect(answer[answer.length - 1]).toMatchObject({ ok: false, error: expect.any(String) as string });
  });
});
