/**
 * The record of a finished drill, saved beside the incident run records (runs/) and listed in
 * History. Told apart from an incident record by `"kind": "drill"` (an incident record has no
 * kind), with its own format version, so the incident record format and its migrations are left
 * alone and older files keep loading. It keeps what History shows (score, headroom, cost, each
 * load test with its first bottleneck, each change) and what replays it: the drill id and hash,
 * the seed, and the steps in the drill-script format (`outage-lab drill FILE --script`).
 */
import { z } from 'zod';
import { formatPath } from '../scenario/validate';
import { GRADES } from '../scoring/types';
import { saveOrderSchema } from '../runs/record';
import type { DrillDebrief, DrillSession } from './session';

export const DRILL_RUN_FORMAT_VERSION = 1;

const seconds = z.number().nonnegative();
const params = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));

export const drillRunRecordSchema = z.strictObject({
  kind: z.literal('drill'),
  drillRunVersion: z.literal(DRILL_RUN_FORMAT_VERSION),
  id: z.string().min(1).max(200),
  drillId: z.string().min(1).max(200),
  /** hashScenario() of the drill file's text; compared for equality only. */
  drillHash: z.string().min(1).max(200),
  drillTitle: z.string().max(200),
  seed: z.number().int().nonnegative(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  score: z.strictObject({
    total: z.number().min(0).max(100),
    grade: z.enum(GRADES),
    components: z
      .array(
        z.strictObject({
          id: z.string().max(40),
          label: z.string().max(80),
          points: z.number(),
          max: z.number(),
          detail: z.string().max(500),
        }),
      )
      .max(10),
  }),
  headroom: seconds,
  goal: seconds,
  monthly: seconds,
  budget: seconds,
  currency: z.string().max(8),
  peakHeld: z.boolean(),
  /** Each load test: preparation clock at its start, thresholds passed, the first bottleneck. */
  tests: z
    .array(
      z.strictObject({
        name: z.string().max(80),
        at: seconds,
        passed: z.boolean(),
        bottleneck: z.string().max(200).optional(),
      }),
    )
    .max(1000),
  changes: z
    .array(
      z.strictObject({
        type: z.string().max(40),
        target: z.string().max(200),
        params: params.optional(),
        label: z.string().max(200),
        at: seconds,
        effectiveAt: seconds,
        /** Not in place by the deadline. */
        late: z.boolean(),
      }),
    )
    .max(1000),
  /** The play as a drill script (tests written out, changes, waits), for `outage-lab drill`. */
  steps: z.array(z.record(z.string(), z.unknown())).max(3000),
  /** Set by the renderer's save, as on an incident record (storage keeps the last save sent). */
  saveOrder: saveOrderSchema.optional(),
});
export type DrillRunRecord = z.infer<typeof drillRunRecordSchema>;

/** Whether a parsed run file is a drill record (History and storage route on it). */
export function isDrillRunJson(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'drill';
}

export type DrillRunResult =
  | { readonly ok: true; readonly record: DrillRunRecord }
  | { readonly ok: false; readonly path: string; readonly error: string };

/** Reads a drill record, or says why it cannot (one sentence with the JSON path). */
export function readDrillRunRecord(json: unknown): DrillRunResult {
  const version = (json as { drillRunVersion?: unknown } | null)?.drillRunVersion;
  if (typeof version === 'number' && version > DRILL_RUN_FORMAT_VERSION)
    return {
      ok: false,
      path: 'drillRunVersion',
      error: `The drill record uses format ${version}, written by a newer Outage Lab; this version reads format ${DRILL_RUN_FORMAT_VERSION}.`,
    };
  const parsed = drillRunRecordSchema.safeParse(json);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0]!;
  const path = formatPath(issue.path as (string | number)[]);
  return {
    ok: false,
    path,
    error: `The drill record is damaged at ${path || 'its top level'}: ${issue.message}.`,
  };
}

/** The record of a finished session (`debrief` is what session.finish() returned). */
export function drillRunRecord(
  session: DrillSession,
  debrief: DrillDebrief,
  meta: { id: string; drillHash: string; startedAt: string; endedAt: string },
): DrillRunRecord {
  const { drill } = session;
  const deadline = drill.preparation.deadline;
  // The script: tests and changes in the order they happened, with the waits between them.
  const events = [
    ...session.tests.map((t) => ({ at: t.startedAt, end: t.endedAt, step: { test: t.test } })),
    ...session.changes.map((c) => ({ at: c.at, end: c.at, step: { change: c.command } })),
  ].sort((a, b) => a.at - b.at);
  const steps: Record<string, unknown>[] = [];
  let clock = 0;
  for (const e of events) {
    if (e.at > clock) steps.push({ wait: e.at - clock });
    steps.push(e.step);
    clock = Math.max(clock, e.end);
  }
  return {
    kind: 'drill',
    drillRunVersion: DRILL_RUN_FORMAT_VERSION,
    id: meta.id,
    drillId: drill.id,
    drillHash: meta.drillHash,
    drillTitle: drill.title,
    seed: session.seed,
    startedAt: meta.startedAt,
    endedAt: meta.endedAt,
    score: {
      total: debrief.score.total,
      grade: debrief.score.grade,
      components: debrief.score.components.map((c) => ({ ...c })),
    },
    headroom: debrief.headroom,
    goal: drill.goal.headroom,
    monthly: debrief.cost.monthly,
    budget: drill.budget.monthly,
    currency: drill.cost.currency,
    peakHeld: debrief.peak.held,
    tests: session.tests.map((t) => {
      const first = t.bottlenecks[0];
      return {
        name: t.test.name,
        at: t.startedAt,
        passed: t.summary.thresholds.every((th) => th.ok),
        ...(first ? { bottleneck: `${first.node} ${first.resource} at ${first.multiple.toFixed(2)}x` } : {}),
      };
    }),
    changes: session.changes.map((c) => ({
      type: c.command.type,
      target: c.command.target,
      ...(c.command.params ? { params: { ...c.command.params } } : {}),
      label: c.label,
      at: c.at,
      effectiveAt: c.effectiveAt,
      late: c.effectiveAt > deadline,
    })),
    steps,
  };
}
