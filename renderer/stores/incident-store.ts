/**
 * The live incident: drives the simulation worker and holds what the console shows. Metric
 * values live in a MetricBuffer (mutable, outside React state); components subscribe to small
 * slices (`time`, `alerts`, `version`...) so a tick does not re-render the world.
 * The run record (steps, score) is saved through the save queue (pending-saves-store.ts): autosaved
 * every simulated minute while running, and once more when the run ends; a failed save is retried.
 *
 * Instructor mode (renderer/sim/transport.ts): the store talks to the
 * simulation through a RunTransport. A trainee's run uses the worker directly; an instructor's
 * run (role 'instructor') also relays a stripped copy to trainee tabs and keeps the hidden truth
 * (`hiddenEvents`, `faultStates`, `scheduledSteps`); a trainee tab (`joinRemote`) has no worker
 * and no record of its own: it shows the instructor's run and sends its commands back.
 */
import { newlyPaged } from '../../simulator/alerting/pages';
import { create } from 'zustand';
import type {
  ActionCommand,
  ActionResult,
  AlertState,
  FaultCommand,
  LogLine,
  SimEvent,
  Trace,
} from '../../simulator/engine/api';
import { hashScenario } from '../../simulator/runs/hash';
import {
  finishRunRecord,
  startRunRecord,
  type InvestigateTool,
  type RunRecord,
  type RunStep,
} from '../../simulator/runs/record';
import { SHELL_LINE_MAX } from '../../simulator/shell/limits';
import type { Scenario } from '../../simulator/scenario/schema';
import type { RunEnding, Score } from '../../simulator/scoring/types';
import type { InjectionOwner } from '../../simulator/scoring/instructor-faults';
import { saveRun } from './pending-saves-store';
import { useHistoryStore } from './history-store';
import { useAppStore } from './app-store';
import { MetricBuffer } from '../sim/metric-buffer';
import { recordSnapshotSize } from '../sim/snapshot-stats';
import type {
  FaultStatus,
  FromWorker,
  Role,
  ScheduledStep,
  Snapshot,
  Speed,
  StepRequest,
  ToWorker,
} from '../sim/protocol';
import { buildCatchUp, type CatchUp } from '../sim/trainee-filter';
import { ChannelTransport, RelayTransport, WorkerTransport, type RunTransport } from '../sim/transport';
import { scheduleAck } from '../sim/ack-pacing';
import { parseScenarioText } from '../../simulator/scenario/validate';
import { forgetActiveRun, rememberActiveRun } from './active-run';
import { NOTE_TEXT_MAX, type NotebookEntry } from '../../simulator/runs/notebook';
import { appendLogs } from './log-store';

/** At one trace per 5 ticks: every trace of an 83-minute run at 1 s ticks (the built-ins last 30-45). */
export const MAX_TRACES = 1000;
const AUTOSAVE_EVERY_SIM_SECONDS = 60;

export type RunStatus = 'idle' | 'starting' | 'running' | 'ending' | 'ended' | 'error';

export interface Page {
  readonly name: string;
  readonly severity: AlertState['severity'];
  readonly firedAt: number;
  readonly acknowledgedAt?: number;
}

/** A communication step as the console sends it (the worker stamps its time). */
export type CommsStepRequest = Extract<
  StepRequest,
  { kind: 'severity' | 'status-update' | 'status-page' | 'runbook' | 'escalate' | 'ask' }
>;

export interface ActionLogEntry {
  readonly t: number;
  readonly command: ActionCommand | FaultCommand;
  readonly result: ActionResult;
}

interface IncidentState {
  status: RunStatus;
  error?: string;
  scenario?: Scenario;
  scenarioText?: string;
  record?: RunRecord;
  buffer?: MetricBuffer;
  /** Increments whenever the buffer, logs or traces change. */
  version: number;
  tick: number;
  time: number;
  speed: Speed;
  paused: boolean;
  /** A page slows a faster run to 1x (on by default; the trainee or instructor may turn it off). */
  slowOnPage: boolean;
  /** Simulated time of the page that slowed the run to 1x, until a speed is picked again. */
  slowedAt: number | null;
  finished: boolean;
  alerts: readonly AlertState[];
  events: readonly SimEvent[];
  /** The whole run's sampled lines, bounded (log-store.ts: warn and error lines always kept). */
  logs: readonly LogLine[];
  /** Simulated time before which info and debug lines are a thinned sample (0: none). */
  logsThinnedBefore: number;
  traces: readonly Trace[];
  /** Sampled traces of this run no longer kept (older than the last MAX_TRACES); 0: the whole run. */
  tracesDropped: number;
  /** Every node's live configuration from the last snapshot (not the scenario's initial values). */
  liveNodes: Snapshot['nodes'];
  slos: Snapshot['slos'];
  okSince: number | null;
  /** An SLO broke at some tick of this run (the hold toward mitigation counts only after). */
  sloEverBroken: boolean;
  pages: readonly Page[];
  actionLog: readonly ActionLogEntry[];
  steps: readonly RunStep[];
  ending?: RunEnding;
  endedAt?: number;
  score?: Score;
  /** The whole timeline including hidden events: only after the run ends. */
  fullEvents?: readonly SimEvent[];
  /** 'instructor': this tab runs the game master's console (hidden truth below, relay to trainees). */
  role: Role;
  /** Set in a trainee tab that shows an instructor's run (no worker, no record saved here). */
  remoteRunId?: string;
  /** Trainee tab: the instructor's console has stopped answering (see transport.ts heartbeat). */
  linkLost: boolean;
  /** Instructor only: hidden events so far (fault onsets and ends, notes). */
  hiddenEvents: readonly SimEvent[];
  /** Instructor only: every fault of the run and its state. */
  faultStates: readonly FaultStatus[];
  /** Instructor only: steps waiting for their simulated time. */
  scheduledSteps: readonly ScheduledStep[];

  start(
    scenario: Scenario,
    scenarioText: string,
    options?: {
      seed?: number;
      speed?: Speed;
      resume?: RunRecord;
      /** A finished run to replay to its end for its debrief (nothing is saved). */
      review?: RunRecord;
      role?: Role;
      /** Default true: see `slowOnPage`. */
      slowOnPage?: boolean;
    },
  ): void;
  /** Trainee tab: shows the instructor's run `runId` live (see renderer/sim/transport.ts). */
  joinRemote(runId: string): void;
  setSpeed(speed: Speed): void;
  setSlowOnPage(enabled: boolean): void;
  togglePause(): void;
  act(command: ActionCommand): Promise<ActionResult>;
  /** Instructor: injects a fault now, or at `fault.at` (simulated seconds) when that is later. */
  inject(fault: FaultCommand & { readonly scoredAs?: InjectionOwner }): Promise<ActionResult>;
  /** Instructor: a note on the run's timeline (a hidden 'note' step; the debrief shows it). */
  addNote(text: string): Promise<ActionResult>;
  acknowledge(alertName: string): void;
  /** Creates an Alertmanager silence from now (a run step the debrief shows); the answer says why when refused. */
  silence(matchers: readonly string[], duration: number, comment: string): Promise<ActionResult>;
  /** Declares a root cause: a node, a cause (taxonomy id) and, optionally, the trainee's hypothesis. */
  declare(node: string, category: string, hypothesis?: string): void;
  /** Instructor: unlocks the trainee tabs of this run (they then reach the whole app). */
  unlockTrainees(): void;
  /** Writes a line in the trainee's notebook (a run step the debrief shows). */
  writeNote(entry: NotebookEntry, text: string): Promise<ActionResult>;
  /**
   * Runs a read-only shell command against the live simulation (simulator/shell) in the worker;
   * it is recorded as an 'investigate' step, so the debrief shows what was looked at and when.
   * The result's message is the command's output; ok is a zero exit code.
   */
  investigate(line: string): Promise<ActionResult>;
  /**
   * Records a look with another tool (a LogQL query, a trace search, a trace opened, a PromQL
   * query) as an 'investigate' step: the UI answers it itself; the step puts it on the timeline.
   * Repeats of the same look within a minute of run time are recorded once.
   */
  look(tool: Exclude<InvestigateTool, 'shell'>, command: string): void;
  /** Incident communication: declares a severity, posts a status update or a status page entry (run steps). */
  communicate(step: CommsStepRequest): Promise<ActionResult>;
  /** Reveals the next hint (it costs points; see docs/scoring.md). */
  revealHint(): void;
  end(ending: RunEnding): void;
  reset(): void;
}

let transport: RunTransport | undefined;
let nextId = 1;
let lastAutosave = 0;
/** The saved record of a finished run being replayed for its debrief, if any. */
let reviewing: RunRecord | undefined;
/** An ending asked for while the worker was still starting (the console is already on screen). */
let endWhenReady: RunEnding | undefined;
const pending = new Map<number, (result: ActionResult) => void>();

function send(message: ToWorker): void {
  transport?.post(message);
}

const initial = {
  status: 'idle' as RunStatus,
  error: undefined,
  scenario: undefined,
  scenarioText: undefined,
  record: undefined,
  buffer: undefined,
  version: 0,
  tick: 0,
  time: 0,
  speed: 1 as Speed,
  paused: false,
  slowOnPage: true,
  slowedAt: null as number | null,
  finished: false,
  alerts: [],
  events: [],
  logs: [],
  logsThinnedBefore: 0,
  traces: [],
  tracesDropped: 0,
  liveNodes: [],
  slos: [],
  okSince: null,
  sloEverBroken: false,
  pages: [],
  actionLog: [],
  steps: [],
  ending: undefined,
  endedAt: undefined,
  score: undefined,
  fullEvents: undefined,
  role: 'trainee' as Role,
  remoteRunId: undefined,
  linkLost: false,
  hiddenEvents: [],
  faultStates: [],
  scheduledSteps: [],
};

const NO_SCHEDULED: readonly ScheduledStep[] = [];

/** The newest MAX_TRACES traces, counting those that fall off the front. */
function keepTraces(
  state: Pick<IncidentState, 'traces' | 'tracesDropped'>,
  added: readonly Trace[],
): Pick<IncidentState, 'traces' | 'tracesDropped'> {
  const all = [...state.traces, ...added];
  const over = Math.max(0, all.length - MAX_TRACES);
  return { traces: over ? all.slice(over) : all, tracesDropped: state.tracesDropped + over };
}

export const runFileName = (record: RunRecord) => `${record.id}.json`;

export const useIncidentStore = create<IncidentState>((set, get) => {
  /** Through the save queue: a failed save is kept and retried (the views show it as not saved yet). */
  async function save(record: RunRecord): Promise<boolean> {
    return saveRun(runFileName(record), record);
  }

  function autosave(): void {
    const { record, time, steps, status } = get();
    if (!record || status !== 'running') return;
    const next = { ...record, simTime: time, steps: [...steps] };
    set({ record: next });
    void save(next);
  }

  function onSnapshot(s: Snapshot): void {
    // Ack once this snapshot has been painted (at once in a hidden tab), so the worker never
    // outruns the UI and a background instructor tab keeps feeding its trainees.
    scheduleAck(() => send({ type: 'ack' }));
    recordSnapshotSize(s);
    const state = get();
    state.buffer?.append(s.firstTick, s.values);
    let pages = state.pages;
    // A page opens when Alertmanager notifies the page receiver of an alert new to its group
    // (simulator/alerting/pages.ts) and no page for that alert is open: a flapping alert inside
    // its group, or a repeat notification, does not page again.
    for (const event of s.events) {
      for (const name of newlyPaged(event)) {
        if (pages.some((p) => p.name === name && (p.acknowledgedAt === undefined || p.firedAt === event.t)))
          continue;
        // A resumed run replays its steps: an acknowledgement of this page is already among them.
        const ack = state.steps.find(
          (st) =>
            st.kind === 'acknowledge' && (st.alert === undefined || st.alert === name) && st.at >= event.t,
        );
        const rule = s.alerts.find((a) => a.name === name);
        pages = [
          ...pages,
          {
            name,
            severity: rule?.severity ?? 'P1',
            firedAt: event.t,
            ...(ack ? { acknowledgedAt: ack.at } : {}),
          },
        ];
      }
    }
    set({
      tick: s.tick,
      time: s.time,
      speed: s.speed,
      paused: s.paused,
      // A local run's toggle is ours (a snapshot sent before the worker read a change would undo
      // it); a trainee's view mirrors the instructor's run.
      slowOnPage: state.remoteRunId ? (s.slowOnPage ?? state.slowOnPage) : state.slowOnPage,
      slowedAt: s.slowedAt ?? null,
      finished: s.finished,
      alerts: s.alerts,
      events: s.events.length ? [...state.events, ...s.events] : state.events,
      ...(s.logs.length
        ? (({ lines, thinnedBefore }) => ({ logs: lines, logsThinnedBefore: thinnedBefore }))(
            appendLogs(state.logs, s.logs, state.logsThinnedBefore),
          )
        : {}),
      ...(s.traces.length ? keepTraces(state, s.traces) : {}),
      liveNodes: s.nodes,
      slos: s.slos,
      okSince: s.okSince,
      sloEverBroken: state.sloEverBroken || (s.sloEverBroken ?? false) || s.slos.some((x) => !x.ok),
      pages,
      version: state.version + 1,
      // Instructor runs only (the worker sends `truth` to role 'instructor' alone).
      ...(s.truth
        ? {
            hiddenEvents: s.truth.hidden.length
              ? [...state.hiddenEvents, ...s.truth.hidden]
              : state.hiddenEvents,
            faultStates: s.truth.faults,
            scheduledSteps:
              s.truth.scheduled.length || state.scheduledSteps.length ? s.truth.scheduled : NO_SCHEDULED,
          }
        : {}),
    });
    if (s.time - lastAutosave >= AUTOSAVE_EVERY_SIM_SECONDS) {
      lastAutosave = s.time;
      autosave();
    }
    const scenario = state.scenario;
    if (scenario && state.status === 'running') {
      const held = s.okSince !== null && s.time - s.okSince >= scenario.objectives.holdFor;
      const acted = state.steps.some((step) => step.kind === 'action');
      if (held && acted) get().end('mitigated');
      else if (s.finished) get().end('timeout');
    }
  }

  function onMessage(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        set({
          status: 'running',
          buffer: new MetricBuffer(
            message.series,
            message.tickSeconds,
            Math.ceil(message.duration / message.tickSeconds) + 2,
          ),
        });
        // A review has replayed every step to the saved end: score it the way it ended.
        if (reviewing && reviewing.status !== 'in-progress') get().end(reviewing.status);
        else if (endWhenReady) get().end(endWhenReady);
        endWhenReady = undefined;
        return;
      case 'snapshot':
        return onSnapshot(message);
      case 'step-result': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        const step = message.step;
        set((s) => ({
          steps: [...s.steps, step],
          // A step this tab did not send (instructor mode: the other tab's): show it here too.
          ...(!resolve && step.kind === 'action'
            ? {
                actionLog: [
                  ...s.actionLog,
                  {
                    t: step.at,
                    command: { type: step.type, target: step.target, params: step.params },
                    result: message.result,
                  },
                ],
              }
            : {}),
          ...(!resolve && step.kind === 'acknowledge'
            ? {
                pages: s.pages.map((p) =>
                  p.acknowledgedAt === undefined && (step.alert === undefined || p.name === step.alert)
                    ? { ...p, acknowledgedAt: step.at }
                    : p,
                ),
              }
            : {}),
        }));
        // Every step is worth keeping at once: a reload then resumes with it.
        autosave();
        resolve?.(message.result);
        return;
      }
      case 'ended': {
        forgetActiveRun(get().record?.id);
        const ended = {
          status: 'ended' as const,
          ending: message.ending,
          endedAt: message.time,
          score: message.score,
          fullEvents: message.events,
        };
        if (reviewing) {
          // The replay reproduces the run (the engine is deterministic); the record on disk stays as it is.
          set({ ...ended, record: reviewing });
          return;
        }
        const { record } = get();
        const finished = record
          ? finishRunRecord(
              { ...record, steps: [...get().steps] },
              {
                status: message.ending,
                endedAt: new Date().toISOString(),
                simTime: message.time,
                score: message.score,
              },
            )
          : undefined;
        set({ ...ended, record: finished });
        // Personal bests on the library cards follow the saved record.
        if (finished)
          void save(finished).then((saved) => {
            if (saved) void useHistoryStore.getState().load();
          });
        return;
      }
      case 'error':
        set({ status: 'error', error: message.message });
        // Steps sent while the run was starting get no answer from a worker that failed to start.
        for (const resolve of pending.values()) resolve({ ok: false, message: 'No incident is running.' });
        pending.clear();
        return;
      case 'link':
        set({ linkLost: message.lost });
        return;
      case 'unlocked':
        useAppStore.getState().unlock();
        return;
    }
  }

  function request(step: StepRequest, at?: number): Promise<ActionResult> {
    // While starting too: the console is on screen before the worker is ready, and the worker
    // reads its messages in order (the start, then this step).
    const status = get().status;
    if (!transport || (status !== 'running' && status !== 'starting'))
      return Promise.resolve({ ok: false, message: 'No incident is running.' });
    const id = nextId++;
    return new Promise<ActionResult>((resolve) => {
      pending.set(id, resolve);
      send({ type: 'step', id, step, ...(at !== undefined ? { at } : {}) });
    });
  }

  /** A trainee tab's catch-up, built from this (instructor's) state; undefined until running. */
  function catchUp(): CatchUp | undefined {
    const s = get();
    if (!s.buffer || !s.scenario || !s.record || s.status !== 'running') return undefined;
    return buildCatchUp({
      runId: s.record.id,
      scenarioText: s.scenarioText ?? '',
      duration: s.scenario.duration,
      series: s.buffer.series,
      tickSeconds: s.buffer.tickSeconds,
      values: s.buffer.values,
      length: s.buffer.length,
      tick: s.tick,
      time: s.time,
      speed: s.speed,
      paused: s.paused,
      finished: s.finished,
      events: s.events,
      logs: s.logs,
      traces: s.traces,
      nodes: s.liveNodes,
      alerts: s.alerts,
      slos: s.slos,
      okSince: s.okSince,
      sloEverBroken: s.sloEverBroken,
      steps: s.steps,
      pages: s.pages,
      actionLog: s.actionLog,
    });
  }

  async function command(
    step: StepRequest,
    payload: ActionCommand | FaultCommand,
    at?: number,
  ): Promise<ActionResult> {
    const result = await request(step, at);
    set((s) => ({ actionLog: [...s.actionLog, { t: s.time, command: payload, result }] }));
    return result;
  }

  return {
    ...initial,
    start(scenario, scenarioText, options = {}) {
      transport?.close();
      pending.clear();
      lastAutosave = 0;
      const role = options.role ?? 'trainee';
      reviewing = options.review;
      endWhenReady = undefined;
      const resume = options.resume ?? options.review;
      const seed = resume?.seed ?? options.seed ?? scenario.seed;
      const startedAt = new Date().toISOString();
      const record =
        resume ??
        startRunRecord({
          id: `${scenario.id}-${startedAt.replace(/[:.]/g, '-')}`,
          scenarioId: scenario.id,
          scenarioHash: hashScenario(scenarioText),
          scenarioTitle: scenario.title,
          seed,
          startedAt,
        });
      // An instructor's worker also feeds trainee tabs over the run's channel.
      transport =
        role === 'instructor'
          ? new RelayTransport(new WorkerTransport(), record.id, catchUp)
          : new WorkerTransport();
      transport.onMessage(onMessage);
      set({
        ...initial,
        status: 'starting',
        scenario,
        scenarioText,
        record,
        steps: resume?.steps ?? [],
        speed: options.speed ?? 1,
        slowOnPage: options.slowOnPage ?? true,
        role,
      });
      send({
        type: 'start',
        scenarioText,
        seed,
        speed: options.speed ?? 1,
        paused: resume !== undefined,
        replay: resume?.steps,
        resumeAt: resume?.simTime,
        role,
        slowOnPage: options.slowOnPage ?? true,
      });
      if (!options.review) rememberActiveRun(record.id);
      // Not saved until something happened (the first step or the first autosave): a tab closed
      // at once leaves no empty "in progress T+00:00" run in History.
    },
    joinRemote(runId) {
      reviewing = undefined;
      endWhenReady = undefined;
      transport?.close();
      pending.clear();
      const channel = new ChannelTransport(runId);
      transport = channel;
      set({ ...initial, status: 'starting', remoteRunId: runId });
      channel.onMessage(onMessage);
      channel.join((welcome) => {
        const parsed = parseScenarioText(welcome.scenarioText);
        if (!parsed.ok) {
          set({ status: 'error', error: 'The instructor sent a scenario this version cannot read.' });
          return;
        }
        set({
          scenario: parsed.scenario,
          scenarioText: welcome.scenarioText,
          steps: welcome.steps,
          pages: welcome.pages,
          actionLog: welcome.actionLog,
        });
      });
    },
    setSpeed(speed) {
      // The instructor owns the clock of a shared run.
      if (get().remoteRunId) return;
      set({ speed, slowedAt: null });
      send({ type: 'speed', speed });
    },
    setSlowOnPage(enabled) {
      if (get().remoteRunId) return;
      set({ slowOnPage: enabled });
      send({ type: 'slow-on-page', enabled });
    },
    togglePause() {
      if (get().remoteRunId) return;
      const paused = !get().paused;
      set({ paused });
      send({ type: 'pause', paused });
    },
    act: (c) =>
      command(
        { kind: 'action', type: c.type, target: c.target, params: c.params ? { ...c.params } : undefined },
        c,
      ),
    inject: (f) =>
      command(
        {
          kind: 'inject',
          type: f.type,
          target: f.target,
          duration: f.duration,
          params: f.params ? { ...f.params } : undefined,
          ...(f.scoredAs ? { scoredAs: f.scoredAs } : {}),
        },
        f,
        f.at,
      ),
    addNote: (text) => request({ kind: 'note', text }),
    acknowledge(alertName) {
      const { pages, time } = get();
      if (!pages.some((p) => p.name === alertName && p.acknowledgedAt === undefined)) return;
      set({
        pages: pages.map((p) =>
          p.name === alertName && p.acknowledgedAt === undefined ? { ...p, acknowledgedAt: time } : p,
        ),
      });
      void request({ kind: 'acknowledge', alert: alertName });
    },
    declare(node, category, hypothesis) {
      const text = hypothesis?.trim().slice(0, NOTE_TEXT_MAX);
      void request({ kind: 'declare', node, category, ...(text ? { hypothesis: text } : {}) });
    },
    investigate: (line) => request({ kind: 'investigate', command: line }),
    unlockTrainees() {
      if (transport instanceof RelayTransport) transport.unlock();
    },
    silence: (matchers, duration, comment) =>
      request({
        kind: 'silence',
        matchers: [...matchers],
        duration,
        comment: comment.trim().slice(0, NOTE_TEXT_MAX),
        createdBy: 'trainee',
      }),
    writeNote: (entry, text) =>
      request({ kind: 'notebook', entry, text: text.trim().slice(0, NOTE_TEXT_MAX) }),
    look(tool, command) {
      const { steps, time } = get();
      const text = command.trim().slice(0, SHELL_LINE_MAX);
      if (!text) return;
      const same = steps.findLast((s) => s.kind === 'investigate' && s.tool === tool);
      if (same?.kind === 'investigate' && same.command === text && time - same.at < 60) return;
      void request({ kind: 'investigate', tool, command: text });
    },
    communicate: (step) => request(step),
    revealHint() {
      const { scenario, steps } = get();
      const index = steps.filter((step) => step.kind === 'hint').length;
      if (!scenario || index >= scenario.hints.length) return;
      void request({ kind: 'hint', index });
    },
    end(ending) {
      const { status } = get();
      if (status === 'starting') {
        endWhenReady ??= ending;
        return;
      }
      if (status !== 'running') return;
      set({ status: 'ending', paused: true });
      send({ type: 'end', ending });
    },
    reset() {
      reviewing = undefined;
      endWhenReady = undefined;
      transport?.close();
      transport = undefined;
      pending.clear();
      set({ ...initial });
    },
  };
});
