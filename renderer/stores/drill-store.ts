/**
 * The open readiness drill: its session (preparation clock, changes, load tests) and, once the
 * trainee runs the real peak, its debrief. Loaded with the drill view (the engine stays out of the
 * library's first screen). The session (clock, changes, cost) stays here; a load test's run goes to
 * a Web Worker (drill-test-client.ts: the session plans it, the worker runs it, the session records
 * its plain-data result), and the cheapest-3x search, dozens of ladders, to another
 * (drill-ideal-client.ts).
 */
import { create } from 'zustand';
import type { Drill, LoadTest } from '../../simulator/drill/schema';
import { loadTest } from '../../simulator/drill/schema';
import type { SearchResult } from '../../simulator/drill/search';
import {
  DrillSession,
  type ChangeReport,
  type DrillDebrief,
  type TestReport,
} from '../../simulator/drill/session';
import { parseThreshold } from '../../simulator/drill/thresholds';
import { THRESHOLD_METRICS } from '../../simulator/drill/schema';
import { findIdeal } from './drill-ideal-client';
import { runTestOffThread, startTestWorker } from './drill-test-client';
import { drillRunRecord } from '../../simulator/drill/record';
import { hashScenario } from '../../simulator/runs/hash';
import { hostApi } from '../platform/web-api';
import { BUILTIN_DRILLS } from './drill-library';
import { useLibraryStore } from './library-store';
import type { ScenarioRef } from './app-store';

export type LogEntry =
  | { readonly kind: 'test'; readonly report: TestReport }
  | { readonly kind: 'change'; readonly report: ChangeReport }
  | { readonly kind: 'refused'; readonly message: string };

interface DrillState {
  drill?: Drill;
  session?: DrillSession;
  log: LogEntry[];
  /** The test the trainee picked or wrote, as JSON text. */
  testText: string;
  testError?: string;
  /** The load test running in the worker (every other step waits for it), and its share done. */
  testing?: { readonly name: string; readonly progress: number };
  /** The log entry whose test the dashboards show. */
  shown?: number;
  debrief?: DrillDebrief;
  ideal?: SearchResult | { error: string };
  /** The drill file's text (its hash goes into the saved record) and when the play started. */
  text?: string;
  startedAt?: string;
  /** Saving the finished drill to History (the runs folder). */
  saved?: 'saving' | 'saved' | { error: string };
  /** Starts a fresh session of a built-in drill or a valid drill in the user folder. */
  open(ref: ScenarioRef): void;
  close(): void;
  pickTest(name: string): void;
  setTestText(text: string): void;
  /** Plans the test in the editor and runs it off the UI thread; resolves once it is logged. */
  runTest(): Promise<void>;
  change(index: number): void;
  wait(seconds: number): void;
  show(index: number): void;
  finish(): void;
}

function testJson(test: LoadTest): string {
  const { name, startRate, stages, thresholds } = test;
  return JSON.stringify({ name, startRate, stages, thresholds }, null, 2);
}

/** The test in the editor, or a sentence with its JSON path. */
export function readTest(text: string, drill: Drill): LoadTest | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `The test is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const parsed = loadTest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `${issue.path.join('.') || 'test'}: ${issue.message}`;
  }
  for (const metric of THRESHOLD_METRICS)
    for (const [j, source] of (parsed.data.thresholds[metric] ?? []).entries()) {
      const t = parseThreshold(metric, source);
      if ('error' in t) return `thresholds.${metric}[${j}]: ${t.error}`;
    }
  if (parsed.data.client && !drill.peak.clients.some((c) => c.client === parsed.data.client))
    return `client: '${parsed.data.client}' is not a client with a peak`;
  return parsed.data;
}

/**
 * The drill a library card points at: built-ins are bundled; a user drill is the library's last
 * validation of the file (the same text the card showed, so the session plays what was listed).
 */
export function findDrill(ref: ScenarioRef): { readonly drill: Drill; readonly text: string } | undefined {
  if (ref.source === 'builtin') {
    const entry = BUILTIN_DRILLS.find((d) => d.file === ref.file);
    return entry?.drill ? { drill: entry.drill, text: entry.text } : undefined;
  }
  const entry = useLibraryStore.getState().entries.find((e) => e.source === 'user' && e.file === ref.file);
  return entry?.drill && entry.text !== undefined ? { drill: entry.drill, text: entry.text } : undefined;
}

export const useDrillStore = create<DrillState>((set, get) => ({
  log: [],
  testText: '',
  open(ref) {
    const entry = findDrill(ref);
    if (!entry) return;
    const first = entry.drill.tests[0];
    startTestWorker(); // its engine loads while the trainee reads the briefing
    set({
      drill: entry.drill,
      text: entry.text,
      startedAt: new Date().toISOString(),
      saved: undefined,
      session: new DrillSession(entry.drill),
      log: [],
      testText: first ? testJson(first) : '',
      testError: undefined,
      shown: undefined,
      debrief: undefined,
      ideal: undefined,
      testing: undefined,
    });
  },
  close: () =>
    set({
      drill: undefined,
      session: undefined,
      log: [],
      debrief: undefined,
      ideal: undefined,
      saved: undefined,
      testing: undefined,
    }),
  pickTest(name) {
    const test = get().drill?.tests.find((t) => t.name === name);
    if (test) set({ testText: testJson(test), testError: undefined });
  },
  setTestText: (testText) => set({ testText, testError: undefined }),
  async runTest() {
    const { drill, session, testText } = get();
    if (!drill || !session || get().debrief || get().testing) return;
    const test = readTest(testText, drill);
    if (typeof test === 'string') return set({ testError: test });
    const plan = session.planTest(test);
    if ('ok' in plan) return set({ log: [...get().log, { kind: 'refused', message: plan.message }] });
    set({ testing: { name: test.name, progress: 0 } });
    const current = () => get().session === session;
    let entry: LogEntry;
    try {
      const result = await runTestOffThread(drill, plan, (progress) => {
        if (current()) set({ testing: { name: test.name, progress } });
      });
      if (!current()) return; // the drill was closed or reopened meanwhile
      entry = { kind: 'test', report: session.recordTest(plan, result) };
    } catch (error) {
      if (!current()) return;
      const message = error instanceof Error ? error.message : String(error);
      entry = { kind: 'refused', message: `the load test could not run: ${message}` };
    }
    const log = get().log;
    set({
      log: [...log, entry],
      shown: entry.kind === 'test' ? log.length : get().shown,
      testing: undefined,
    });
  },
  change(index) {
    const { drill, session, log } = get();
    const offered = drill?.changes[index];
    if (!session || !offered || get().debrief || get().testing) return;
    const report = session.change({ type: offered.type, target: offered.target, params: offered.params });
    set({
      log: [...log, report.ok ? { kind: 'change', report } : { kind: 'refused', message: report.message }],
    });
  },
  wait(seconds) {
    const { session, log } = get();
    if (!session || get().debrief || get().testing) return;
    const result = session.wait(Math.min(seconds, session.remaining));
    if (!result.ok) set({ log: [...log, { kind: 'refused', message: result.message }] });
    else set({ log: [...log] });
  },
  show: (shown) => set({ shown }),
  finish() {
    const { session, drill } = get();
    if (!session || !drill || get().debrief || get().testing) return;
    const debrief = session.finish();
    set({ debrief, saved: 'saving' });
    const endedAt = new Date().toISOString();
    const startedAt = get().startedAt ?? endedAt;
    const record = drillRunRecord(session, debrief, {
      id: `drill-${drill.id}-${startedAt.replace(/[:.]/g, '-')}`,
      drillHash: hashScenario(get().text ?? JSON.stringify(drill)),
      startedAt,
      endedAt,
    });
    // Through a promise, so a host that cannot save (none in tests) is a message, not a throw.
    Promise.resolve()
      .then(() => hostApi().writeRun(`${record.id}.json`, record))
      .then(
        () => get().session === session && set({ saved: 'saved' }),
        (error: unknown) =>
          get().session === session &&
          set({ saved: { error: error instanceof Error ? error.message : String(error) } }),
      );
    void findIdeal(drill).then(
      (ideal) => get().drill === drill && set({ ideal }),
      (error: unknown) => get().drill === drill && set({ ideal: { error: String(error) } }),
    );
  },
}));
