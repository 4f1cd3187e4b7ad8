/**
 * The run record: one JSON file per run in the data folder (runs/), written by the storage module
 * and read back by History, the debrief and replay. A run is reproducible from
 * scenario id + scenario content hash + seed + its timed steps (the engine is deterministic).
 *
 * Reading is always `parseRunRecord(text)` or `migrateRunRecord(json)`: they upgrade older formats
 * and turn anything damaged into one clear sentence instead of an exception.
 *
 * Format history
 * - 1 (Outage Lab 0.0.x, never in a release of this code base; kept so old files still load):
 *   `{ version: 1, id, scenario, scenarioTitle?, hash?, seed, startedAt: epoch ms, endedAt?: epoch ms
 *   | null, state: 'running' | 'mitigated' | 'resolved' | 'gave-up' | 'timed-out', elapsedMs,
 *   actions: [{ atMs, kind: 'ack' | 'declare' | 'action' | 'hint' | 'note', ... }], score?: number,
 *   grade?: string, ttaMs?, ttdMs?, ttmMs? }` - times in milliseconds, a bare total as the score.
 * - 2: the schema below - simulated times in seconds, wall-clock times as ISO 8601 strings, a full
 *   score breakdown, instructor fault injections as steps.
 */
import { z } from 'zod';
import { ACTION_TYPES, FAULT_TYPES } from '../scenario/schema';
import { IMPACTS, SEVERITIES, STATUS_PAGE_STATES } from '../scenario/communication';
import { TEAMS } from '../scenario/escalation';
import { RUN_ENDINGS, scoreSchema, type Score } from '../scoring/types';
import { INJECTION_OWNERS } from '../scoring/instructor-faults';
import { formatPath } from '../scenario/validate';
import { SHELL_LINE_MAX } from '../shell/limits';
import { NOTE_TEXT_MAX, NOTEBOOK_ENTRIES } from './notebook';
import { SILENCE_MATCHERS_MAX, SILENCE_MAX_SECONDS } from '../alerting/alertmanager/silences';

export const RUN_FORMAT_VERSION = 2;

/**
 * Where an investigate step looked: a shell command (the default, and every step saved before
 * the field existed), a LogQL query in Logs, a trace search or an opened trace in Traces, a
 * PromQL query in Explore. All read-only, none scored.
 */
export const INVESTIGATE_TOOLS = ['shell', 'logql', 'traces', 'trace', 'promql'] as const;
export type InvestigateTool = (typeof INVESTIGATE_TOOLS)[number];
/** Longest status update or status page text a trainee may post. */
export const COMMS_TEXT_MAX = 2000;

export const RUN_STATUSES = ['in-progress', ...RUN_ENDINGS] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const seconds = z.number().nonnegative();
const maybeSeconds = seconds.nullable();
const params = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));
const isoTime = z.iso.datetime({ offset: true });

/** One timed step of the run, in simulated seconds: what a replay feeds back into the engine. */
export const runStepSchema = z.discriminatedUnion('kind', [
  z.object({ at: seconds, kind: z.literal('acknowledge'), alert: z.string().optional() }),
  z.object({
    at: seconds,
    kind: z.literal('declare'),
    node: z.string(),
    /** A cause taxonomy id (simulator/scenario/causes.ts), or an older scenario's own category. */
    category: z.string(),
    /** What the trainee thinks happened, in their words. */
    hypothesis: z.string().max(NOTE_TEXT_MAX).optional(),
  }),
  z.object({
    at: seconds,
    kind: z.literal('action'),
    type: z.enum(ACTION_TYPES),
    target: z.string().min(1),
    params: params.optional(),
  }),
  z.object({ at: seconds, kind: z.literal('hint'), index: z.number().int().nonnegative() }),
  z.object({ at: seconds, kind: z.literal('note'), text: z.string() }),
  /** A line of the trainee's notebook: a hypothesis, a finding or an idea ruled out. */
  z.object({
    at: seconds,
    kind: z.literal('notebook'),
    entry: z.enum(NOTEBOOK_ENTRIES),
    text: z.string().min(1).max(NOTE_TEXT_MAX),
  }),
  /** What the trainee looked at, and when: a shell command (simulator/shell), a query, a trace. */
  z.object({
    at: seconds,
    kind: z.literal('investigate'),
    command: z.string().max(SHELL_LINE_MAX),
    tool: z.enum(INVESTIGATE_TOOLS).optional(),
  }),
  // Incident communication (simulator/comms): added in format 2 without a bump, since records
  // without them read as before.
  z.object({ at: seconds, kind: z.literal('severity'), severity: z.enum(SEVERITIES) }),
  z.object({ at: seconds, kind: z.literal('status-update'), text: z.string().min(1).max(COMMS_TEXT_MAX) }),
  z.object({
    at: seconds,
    kind: z.literal('status-page'),
    state: z.enum(STATUS_PAGE_STATES),
    impact: z.enum(IMPACTS),
    components: z.array(z.string().min(1).max(80)).max(20),
    text: z.string().max(COMMS_TEXT_MAX),
  }),
  /** A runbook page the trainee opened (the scenario's `runbooks[].id`). */
  z.object({ at: seconds, kind: z.literal('runbook'), page: z.string().min(1).max(64) }),
  /** A page to another team (simulator/comms/escalation.ts), with what the trainee told them. */
  z.object({
    at: seconds,
    kind: z.literal('escalate'),
    team: z.enum(TEAMS),
    text: z.string().max(COMMS_TEXT_MAX).default(''),
  }),
  /** A paged team asked to take a catalog action of its domain (it runs after the team's delay). */
  z.object({
    at: seconds,
    kind: z.literal('ask'),
    team: z.enum(TEAMS),
    type: z.enum(ACTION_TYPES),
    target: z.string().min(1),
    params: params.optional(),
  }),
  /** An Alertmanager silence created from the Alerts tab (simulator/alerting/alertmanager). */
  z.object({
    at: seconds,
    kind: z.literal('silence'),
    matchers: z.array(z.string().min(1).max(500)).min(1).max(SILENCE_MATCHERS_MAX),
    /** Seconds from `at`. */
    duration: z.number().positive().max(SILENCE_MAX_SECONDS),
    comment: z.string().trim().min(1).max(NOTE_TEXT_MAX),
    createdBy: z.string().max(100).optional(),
  }),
  z.object({
    at: seconds,
    kind: z.literal('inject'),
    type: z.enum(FAULT_TYPES),
    target: z.string().min(1),
    duration: seconds.optional(),
    params: params.optional(),
    /**
     * Who answers for its damage in the score (scoring/instructor-faults.ts). Absent in runs saved
     * before it existed: the trainee's when the catalog has an action that clears it.
     */
    scoredAs: z.enum(INJECTION_OWNERS).optional(),
  }),
]);
export type RunStep = z.infer<typeof runStepSchema>;
export type RunStepKind = RunStep['kind'];

export const runSummarySchema = z.object({ tta: maybeSeconds, ttd: maybeSeconds, ttm: maybeSeconds });
export type RunSummary = z.infer<typeof runSummarySchema>;

/** How storage orders the saves of one file (see runRecordSchema's saveOrder). */
export const saveOrderSchema = z.object({
  session: z.string().min(1).max(100),
  seq: z.number().int().nonnegative(),
  sentAt: z.number().int().nonnegative().max(8.64e15).optional(),
});

export const runRecordSchema = z
  .object({
    formatVersion: z.literal(RUN_FORMAT_VERSION),
    id: z.string().min(1).max(200),
    scenarioId: z.string().min(1),
    /** hashScenario() of the scenario file's text; compared for equality only. */
    scenarioHash: z.string().min(1),
    scenarioTitle: z.string(),
    seed: z.number().int().nonnegative(),
    /** Wall-clock start, ISO 8601. */
    startedAt: isoTime,
    endedAt: isoTime.optional(),
    status: z.enum(RUN_STATUSES),
    /** Simulated seconds reached (where an in-progress run resumes). */
    simTime: seconds,
    steps: z.array(runStepSchema),
    score: scoreSchema.optional(),
    summary: runSummarySchema,
    /**
     * Set by the renderer when a save is first sent (a retry, even after a reload, keeps it):
     * storage ignores a save sent before the stored one, by `seq` within one page session and by
     * `sentAt` (epoch ms) across sessions, so the last save sent wins, not the last to finish.
     * `sentAt` is absent in records saved before it existed.
     */
    saveOrder: saveOrderSchema.optional(),
  })
  .superRefine((record, ctx) => {
    for (let i = 1; i < record.steps.length; i++) {
      if ((record.steps[i] as RunStep).at < (record.steps[i - 1] as RunStep).at) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'at'], message: 'steps must be in time order' });
        break;
      }
    }
  });
export type RunRecord = z.infer<typeof runRecordSchema>;

export function summaryOf(score: Score | undefined): RunSummary {
  return score
    ? { tta: score.measures.tta, ttd: score.measures.ttd, ttm: score.measures.ttm }
    : { tta: null, ttd: null, ttm: null };
}

/** A new, empty in-progress record. */
export function startRunRecord(init: {
  id: string;
  scenarioId: string;
  scenarioHash: string;
  scenarioTitle: string;
  seed: number;
  startedAt: string;
}): RunRecord {
  return {
    formatVersion: RUN_FORMAT_VERSION,
    ...init,
    status: 'in-progress',
    simTime: 0,
    steps: [],
    summary: summaryOf(undefined),
  };
}

/** The record of a finished run: status, end time and score (the summary follows the score). */
export function finishRunRecord(
  record: RunRecord,
  end: { status: Exclude<RunStatus, 'in-progress'>; endedAt: string; simTime: number; score?: Score },
): RunRecord {
  const { score, ...rest } = end;
  return { ...record, ...rest, ...(score ? { score } : {}), summary: summaryOf(score ?? record.score) };
}

// ---------------------------------------------------------------------------------------------
// Reading and migration
// ---------------------------------------------------------------------------------------------

export type MigrationResult =
  | {
      readonly ok: true;
      readonly record: RunRecord;
      /** The format the record was read from (RUN_FORMAT_VERSION when nothing was migrated). */
      readonly fromVersion: number;
      /** Plain sentences about what the migration could not carry over. */
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      readonly error: string;
      /** JSON path of the (first) problem, such as `steps[3].at`; "" when it is the whole file. */
      readonly path: string;
    };

const v1Step = z.discriminatedUnion('kind', [
  z.object({ atMs: seconds, kind: z.literal('ack'), alert: z.string().optional() }),
  z.object({ atMs: seconds, kind: z.literal('declare'), node: z.string(), category: z.string() }),
  z.object({
    atMs: seconds,
    kind: z.literal('action'),
    type: z.enum(ACTION_TYPES),
    target: z.string().min(1),
    params: params.optional(),
  }),
  z.object({ atMs: seconds, kind: z.literal('hint'), index: z.number().int().nonnegative() }),
  z.object({ atMs: seconds, kind: z.literal('note'), text: z.string() }),
]);

const V1_STATES = {
  running: 'in-progress',
  mitigated: 'mitigated',
  resolved: 'resolved',
  'gave-up': 'abandoned',
  'timed-out': 'timeout',
} as const;
const epochMs = z.number().int().nonnegative().max(8.64e15);
const maybeMs = seconds.nullable().optional();

export const runRecordV1Schema = z.object({
  version: z.literal(1),
  id: z.string().min(1).max(200),
  scenario: z.string().min(1),
  scenarioTitle: z.string().optional(),
  hash: z.string().min(1).optional(),
  seed: z.number().int().nonnegative(),
  startedAt: epochMs,
  endedAt: epochMs.nullable().optional(),
  state: z.enum(Object.keys(V1_STATES) as [keyof typeof V1_STATES, ...(keyof typeof V1_STATES)[]]),
  elapsedMs: seconds,
  actions: z.array(v1Step),
  score: z.number().optional(),
  grade: z.string().optional(),
  ttaMs: maybeMs,
  ttdMs: maybeMs,
  ttmMs: maybeMs,
});
export type RunRecordV1 = z.infer<typeof runRecordV1Schema>;

const ms = (value: number | null | undefined): number | null =>
  typeof value === 'number' ? value / 1000 : null;

function fromV1(old: RunRecordV1): { record: RunRecord; notes: string[] } {
  const notes: string[] = [];
  const steps: RunStep[] = old.actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.atMs - y.a.atMs || x.i - y.i)
    .map(({ a }): RunStep => {
      const at = a.atMs / 1000;
      switch (a.kind) {
        case 'ack':
          return a.alert === undefined
            ? { at, kind: 'acknowledge' }
            : { at, kind: 'acknowledge', alert: a.alert };
        case 'declare':
          return { at, kind: 'declare', node: a.node, category: a.category };
        case 'action':
          return a.params === undefined
            ? { at, kind: 'action', type: a.type, target: a.target }
            : { at, kind: 'action', type: a.type, target: a.target, params: a.params };
        case 'hint':
          return { at, kind: 'hint', index: a.index };
        case 'note':
          return { at, kind: 'note', text: a.text };
      }
    });
  if (!old.hash)
    notes.push('This record has no scenario hash, so a replay cannot check the scenario is unchanged.');
  if (old.score !== undefined) {
    notes.push(
      `Its format-1 score (${old.score}${old.grade ? `, ${old.grade}` : ''}) has no breakdown and was not kept; replay the run to score it.`,
    );
  }
  const record: RunRecord = {
    formatVersion: RUN_FORMAT_VERSION,
    id: old.id,
    scenarioId: old.scenario,
    scenarioHash: old.hash ?? 'unknown',
    scenarioTitle: old.scenarioTitle ?? old.scenario,
    seed: old.seed,
    startedAt: new Date(old.startedAt).toISOString(),
    ...(typeof old.endedAt === 'number' ? { endedAt: new Date(old.endedAt).toISOString() } : {}),
    status: V1_STATES[old.state],
    simTime: old.elapsedMs / 1000,
    steps,
    summary: { tta: ms(old.ttaMs), ttd: ms(old.ttdMs), ttm: ms(old.ttmMs) },
  };
  return { record, notes };
}

function refusal(error: z.ZodError, version: number): MigrationResult {
  return { ok: false, error: describeIssues(error, version), path: formatPath(error.issues[0]?.path ?? []) };
}

function describeIssues(error: z.ZodError, version: number): string {
  const issues = error.issues.slice(0, 5).map((issue) => {
    const where = formatPath(issue.path);
    return `${where || '(record)'}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `The run record (format ${version}) is damaged: ${issues.join('; ')}${more}.`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Upgrades a parsed record of any known format to the current one, or says why it cannot. */
export function migrateRunRecord(json: unknown): MigrationResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      path: '',
      error: `A run record must be a JSON object; this one is ${typeName(json)}.`,
    };
  }
  const obj = json as Record<string, unknown>;
  const version = obj.formatVersion ?? obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return {
      ok: false,
      path: 'formatVersion',
      error: 'The file has no format version (formatVersion), so it is not a run record or it is damaged.',
    };
  }
  if (version > RUN_FORMAT_VERSION) {
    return {
      ok: false,
      path: 'formatVersion',
      error: `The run record uses format ${version}, written by a newer Outage Lab; this version reads formats 1 to ${RUN_FORMAT_VERSION}.`,
    };
  }
  if (version === 1) {
    const parsed = runRecordV1Schema.safeParse(obj);
    if (!parsed.success) return refusal(parsed.error, 1);
    const { record, notes } = fromV1(parsed.data);
    const check = runRecordSchema.safeParse(record);
    if (!check.success) return refusal(check.error, 1);
    return { ok: true, record: check.data, fromVersion: 1, notes };
  }
  if (version === RUN_FORMAT_VERSION) {
    const parsed = runRecordSchema.safeParse(obj);
    if (!parsed.success) return refusal(parsed.error, version);
    return { ok: true, record: parsed.data, fromVersion: version, notes: [] };
  }
  return {
    ok: false,
    path: 'formatVersion',
    error: `The run record uses format ${version}, which never existed; it is damaged.`,
  };
}

/** Parses a record file's text (JSON) and migrates it. A truncated or corrupt file gives a clear error. */
export function parseRunRecord(text: string): MigrationResult {
  if (typeof text !== 'string' || text.trim() === '')
    return { ok: false, path: '', error: 'The run record file is empty.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      path: '',
      error: `The run record is not valid JSON (truncated or corrupt?): ${(error as Error).message}.`,
    };
  }
  return migrateRunRecord(json);
}
