/**
 * Messages between the UI thread and the simulation worker. The engine never runs on the UI
 * thread; the worker advances it and posts at most ~10 snapshots a second, each carrying only
 * what is new since the previous one (metric values, events, logs, traces) plus small state.
 * Everything the trainee does is a RunStep (simulator/runs/record.ts): the worker stamps it with
 * the simulated time it applied at, and that list is what a replay or a resumed run feeds back.
 */
import type {
  ActionResult,
  AlertState,
  LogLine,
  NodeLive,
  SeriesInfo,
  SimEvent,
  Trace,
} from '../../simulator/engine/api';
import type { RunStep } from '../../simulator/runs/record';
import type { FaultType } from '../../simulator/scenario/schema';
import type { RunEnding, Score } from '../../simulator/scoring/types';

export const SPEEDS = [1, 2, 5, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** A step as the UI asks for it: the worker fills in `at`. */
export type StepRequest = RunStep extends infer S ? (S extends RunStep ? Omit<S, 'at'> : never) : never;

/**
 * Who the UI is: a trainee's UI never receives hidden events; an instructor's (game master) UI
 * gets them in `Snapshot.truth`. The default is 'trainee', so forgetting it never leaks.
 */
export type Role = 'trainee' | 'instructor';

/** A fault of the run as the instructor sees it (scenario faults first, then injections). */
export interface FaultStatus {
  readonly id: string;
  readonly type: FaultType;
  readonly target: string;
  /** Simulated onset time. */
  readonly at: number;
  /** Simulated end time (Infinity: until an action clears it). */
  readonly end: number;
  readonly state: 'upcoming' | 'active' | 'over';
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly note?: string;
  /** True for faults the instructor injected during the run. */
  readonly injected: boolean;
}

/** A step the worker holds until the simulated time reaches `at` (instructor: inject later). */
export interface ScheduledStep {
  readonly id: number;
  readonly at: number;
  readonly step: StepRequest;
}

/** Instructor-only part of a snapshot. A trainee's snapshot never has it. */
export interface InstructorTruth {
  /** New hidden events (fault onsets and ends, notes) since the previous snapshot. */
  readonly hidden: readonly SimEvent[];
  /** Every fault of the run with its current state. */
  readonly faults: readonly FaultStatus[];
  /** Steps waiting for their time. */
  readonly scheduled: readonly ScheduledStep[];
}

export type ToWorker =
  | {
      type: 'start';
      scenarioText: string;
      seed?: number;
      speed: Speed;
      paused?: boolean;
      /** Steps of a saved run to re-apply at their times (resume or replay). */
      replay?: readonly RunStep[];
      /** With replay: simulated time to fast-forward to before handing over. */
      resumeAt?: number;
      /** Default 'trainee': hidden events stay in the worker until the run ends. */
      role?: Role;
      /** Default true: a page that fires above 1x slows the run to 1x (see page-pacing.ts). */
      slowOnPage?: boolean;
    }
  | { type: 'speed'; speed: Speed }
  | { type: 'slow-on-page'; enabled: boolean }
  | { type: 'pause'; paused: boolean }
  /** `at` (optional): apply when the simulated time reaches it instead of now (never in the past). */
  | { type: 'step'; id: number; step: StepRequest; at?: number }
  | { type: 'end'; ending: RunEnding }
  /** The UI has drawn the last snapshot; the worker may post the next (back-pressure). */
  | { type: 'ack' }
  | { type: 'stop' };

export interface Snapshot {
  readonly type: 'snapshot';
  readonly tick: number;
  readonly time: number;
  readonly speed: Speed;
  readonly paused: boolean;
  readonly finished: boolean;
  /** Whether a page slows the run to 1x (absent in relayed snapshots: true). */
  readonly slowOnPage?: boolean;
  /** Simulated time of the page that last slowed the run to 1x; null after the speed is set again. */
  readonly slowedAt?: number | null;
  /** First tick whose values `values` holds (values are per series, ticks firstTick..tick-1). */
  readonly firstTick: number;
  /** values[seriesIndex] = new values since the last snapshot, oldest first. */
  readonly values: readonly Float64Array[];
  /** New trainee-visible events (hidden ones stay in the worker until the debrief). */
  readonly events: readonly SimEvent[];
  readonly logs: readonly LogLine[];
  readonly traces: readonly Trace[];
  /** Every node's live configuration (version, replicas, limits, probe), in scenario order. */
  readonly nodes: readonly NodeLive[];
  readonly alerts: readonly AlertState[];
  /** Latest value of each scenario objective (same order as scenario.objectives.slos) and whether it holds. */
  readonly slos: readonly { readonly value: number; readonly ok: boolean }[];
  /** Simulated time since which every SLO has held continuously; null while one is broken. */
  readonly okSince: number | null;
  /** Whether an SLO has broken at any tick so far (the status bar counts the hold only after). */
  readonly sloEverBroken?: boolean;
  /** Only when the run was started with role 'instructor'. */
  readonly truth?: InstructorTruth;
}

export type FromWorker =
  | { type: 'ready'; series: readonly SeriesInfo[]; tickSeconds: number; duration: number; capacity: number }
  | Snapshot
  | { type: 'step-result'; id: number; step: RunStep; result: ActionResult }
  | { type: 'ended'; ending: RunEnding; time: number; score: Score; events: readonly SimEvent[] }
  | { type: 'error'; message: string }
  /**
   * Trainee tabs only, from their ChannelTransport (never from a worker): the instructor's console
   * stopped answering (closed without a goodbye, crashed, frozen) or answers again.
   */
  | { type: 'link'; lost: boolean }
  /** Trainee tabs only, from their ChannelTransport: the instructor unlocked the trainee view. */
  | { type: 'unlocked' };
