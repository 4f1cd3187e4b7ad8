/**
 * What a trainee's view of an instructor-owned run may receive. Everything that crosses to the
 * trainee tab goes through these pure functions: no hidden events (fault onsets and ends), no
 * notes, no injected-fault steps or results, no `truth`. They are unit-tested
 * (trainee-filter.test.ts) because the instructor/trainee separation rests on them.
 */
import type { ActionCommand, ActionResult, FaultCommand, SimEvent } from '../../simulator/engine/api';
import { ACTION_TYPES } from '../../simulator/scenario/schema';
import {
  INVESTIGATE_TOOLS,
  runStepSchema,
  type InvestigateTool,
  type RunStep,
} from '../../simulator/runs/record';
import { SHELL_LINE_MAX } from '../../simulator/shell/limits';
import { NOTE_TEXT_MAX, NOTEBOOK_ENTRIES, type NotebookEntry } from '../../simulator/runs/notebook';
import type { FromWorker, Snapshot, Speed, StepRequest, ToWorker } from './protocol';

const INVESTIGATE_TOOL_SET: ReadonlySet<string> = new Set(INVESTIGATE_TOOLS);

/** Step kinds a trainee may see and send. 'inject' and 'note' are the instructor's. */
const TRAINEE_STEP_KINDS: ReadonlySet<string> = new Set([
  'acknowledge',
  'declare',
  'action',
  'hint',
  'investigate',
  'notebook',
  'severity',
  'status-update',
  'status-page',
  'runbook',
  'silence',
  'escalate',
  'ask',
]);
const ACTION_TYPE_SET: ReadonlySet<string> = new Set(ACTION_TYPES);

export const isTraineeStep = (step: { readonly kind: string }): boolean => TRAINEE_STEP_KINDS.has(step.kind);

/** A trainee sees an event when it is not hidden and not an instructor note. */
export const isTraineeEvent = (event: SimEvent): boolean => !event.hidden && event.kind !== 'note';

/**
 * The trainee's copy of a worker message, or undefined when the trainee must not get it at all.
 * Snapshots lose `truth` and hidden events; step results of injections and notes are dropped;
 * the end-of-run timeline keeps only trainee-visible events (the full truth is in the debrief
 * on the instructor's screen and in the saved run).
 */
export function traineeSnapshot(message: FromWorker): FromWorker | undefined {
  switch (message.type) {
    case 'snapshot': {
      const { truth: _truth, ...rest } = message;
      return { ...rest, events: message.events.filter(isTraineeEvent) };
    }
    case 'step-result':
      return isTraineeStep(message.step) ? message : undefined;
    case 'ended':
      return { ...message, events: message.events.filter(isTraineeEvent) };
    case 'ready':
    case 'error':
      return message;
    case 'link':
    case 'unlocked':
      return undefined; // a trainee tab's own transport makes these; they are never relayed
  }
}

/**
 * What the owner accepts from a trainee tab: its own steps (acknowledge, declare, an offered
 * action, a hint, a read-only shell command, a notebook line), applied now, and ending the run (Resolve / Abandon). The clock (pause, speed),
 * injections, notes and anything malformed are ignored.
 */
export function acceptTraineeCommand(message: unknown): ToWorker | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as { type?: unknown; id?: unknown; step?: unknown; ending?: unknown };
  if (m.type === 'end') {
    return m.ending === 'resolved' ||
      m.ending === 'abandoned' ||
      m.ending === 'mitigated' ||
      m.ending === 'timeout'
      ? { type: 'end', ending: m.ending }
      : undefined;
  }
  if (m.type !== 'step' || typeof m.id !== 'number' || typeof m.step !== 'object' || m.step === null) {
    return undefined;
  }
  const s = m.step as Record<string, unknown>;
  const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
  const note = (v: unknown): v is string =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= NOTE_TEXT_MAX;
  let step: StepRequest | undefined;
  if (s.kind === 'acknowledge') {
    step = str(s.alert) ? { kind: 'acknowledge', alert: s.alert } : { kind: 'acknowledge' };
  } else if (s.kind === 'declare' && str(s.node) && str(s.category)) {
    const hypothesis = note(s.hypothesis) ? s.hypothesis : undefined;
    step = { kind: 'declare', node: s.node, category: s.category, ...(hypothesis ? { hypothesis } : {}) };
  } else if (
    s.kind === 'notebook' &&
    note(s.text) &&
    (NOTEBOOK_ENTRIES as readonly unknown[]).includes(s.entry)
  ) {
    step = { kind: 'notebook', entry: s.entry as NotebookEntry, text: s.text };
  } else if (s.kind === 'hint' && typeof s.index === 'number' && Number.isInteger(s.index) && s.index >= 0) {
    step = { kind: 'hint', index: s.index };
  } else if (
    s.kind === 'investigate' &&
    typeof s.command === 'string' &&
    s.command.length <= SHELL_LINE_MAX &&
    (s.tool === undefined || (typeof s.tool === 'string' && INVESTIGATE_TOOL_SET.has(s.tool)))
  ) {
    step = {
      kind: 'investigate',
      command: s.command,
      ...(s.tool !== undefined ? { tool: s.tool as InvestigateTool } : {}),
    };
  } else if (
    s.kind === 'severity' ||
    s.kind === 'status-update' ||
    s.kind === 'status-page' ||
    s.kind === 'runbook' ||
    s.kind === 'silence' ||
    s.kind === 'escalate' ||
    s.kind === 'ask'
  ) {
    step = commsStepOf(s);
  } else if (s.kind === 'action' && str(s.type) && ACTION_TYPE_SET.has(s.type) && str(s.target)) {
    const params = s.params;
    const ok =
      params === undefined ||
      (typeof params === 'object' &&
        params !== null &&
        Object.values(params).every((v) => ['number', 'string', 'boolean'].includes(typeof v)));
    if (ok) {
      step = {
        kind: 'action',
        type: s.type as ActionCommand['type'],
        target: s.target,
        ...(params ? { params: { ...(params as Record<string, string | number | boolean>) } } : {}),
      };
    }
  }
  return step ? { type: 'step', id: m.id, step } : undefined;
}

/** A trainee's communication step or silence, checked against the run record's own schema (undefined: malformed). */
function commsStepOf(s: Record<string, unknown>): StepRequest | undefined {
  const parsed = runStepSchema.safeParse({ ...s, at: 0 });
  if (!parsed.success) return undefined;
  const { at: _at, ...step } = parsed.data;
  return step.kind === 'severity' ||
    step.kind === 'status-update' ||
    step.kind === 'status-page' ||
    step.kind === 'runbook' ||
    step.kind === 'silence' ||
    step.kind === 'escalate' ||
    step.kind === 'ask'
    ? step
    : undefined;
}

/** The owner's state a catch-up is built from (a subset of the incident store). */
export interface CatchUpSource {
  readonly runId: string;
  readonly scenarioText: string;
  readonly duration: number;
  readonly series: Extract<FromWorker, { type: 'ready' }>['series'];
  readonly tickSeconds: number;
  /** Metric history: values[series] for ticks 0..length-1. */
  readonly values: readonly Float64Array[];
  readonly length: number;
  readonly tick: number;
  readonly time: number;
  readonly speed: Speed;
  readonly paused: boolean;
  readonly finished: boolean;
  readonly events: readonly SimEvent[];
  readonly logs: Snapshot['logs'];
  readonly traces: Snapshot['traces'];
  readonly nodes: Snapshot['nodes'];
  readonly alerts: Snapshot['alerts'];
  readonly slos: Snapshot['slos'];
  readonly okSince: number | null;
  readonly sloEverBroken?: boolean;
  readonly steps: readonly RunStep[];
  readonly pages: readonly TraineePage[];
  readonly actionLog: readonly {
    readonly t: number;
    readonly command: ActionCommand | FaultCommand;
    readonly result: ActionResult;
  }[];
}

export interface TraineePage {
  readonly name: string;
  readonly severity: Snapshot['alerts'][number]['severity'];
  readonly firedAt: number;
  readonly acknowledgedAt?: number;
}

/** What a trainee tab needs besides the worker messages: the scenario and what happened so far. */
export interface TraineeWelcome {
  readonly runId: string;
  readonly scenarioText: string;
  readonly steps: readonly RunStep[];
  readonly pages: readonly TraineePage[];
  readonly actionLog: readonly {
    readonly t: number;
    readonly command: ActionCommand;
    readonly result: ActionResult;
  }[];
}

export interface CatchUp {
  readonly welcome: TraineeWelcome;
  readonly ready: Extract<FromWorker, { type: 'ready' }>;
  /** The whole metric history so far as one snapshot (already trainee-filtered). */
  readonly snapshot: Snapshot;
}

/** A late-joining trainee's catch-up: the full history as one `ready` + one snapshot, filtered. */
export function buildCatchUp(source: CatchUpSource): CatchUp {
  const values = source.values.map((v) => v.slice(0, source.length));
  const snapshot = traineeSnapshot({
    type: 'snapshot',
    tick: source.tick,
    time: source.time,
    speed: source.speed,
    paused: source.paused,
    finished: source.finished,
    firstTick: 0,
    values,
    events: source.events,
    logs: source.logs,
    traces: source.traces,
    nodes: source.nodes,
    alerts: source.alerts,
    slos: source.slos,
    okSince: source.okSince,
    sloEverBroken: source.sloEverBroken ?? false,
  }) as Snapshot;
  return {
    welcome: {
      runId: source.runId,
      scenarioText: source.scenarioText,
      steps: source.steps.filter(isTraineeStep),
      pages: source.pages,
      actionLog: source.actionLog.filter((e) =>
        ACTION_TYPE_SET.has(e.command.type),
      ) as TraineeWelcome['actionLog'],
    },
    ready: {
      type: 'ready',
      series: source.series,
      tickSeconds: source.tickSeconds,
      duration: source.duration,
      capacity: Math.ceil(source.duration / source.tickSeconds) + 2,
    },
    snapshot,
  };
}
