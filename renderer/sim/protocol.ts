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
  SeriesInfo,
  SimEvent,
  Trace,
} from '../../simulator/engine/api';
import type { RunStep } from '../../simulator/runs/record';
import type { RunEnding, Score } from '../../simulator/scoring/types';

export const SPEEDS = [1, 2, 5, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** A step as the UI asks for it: the worker fills in `at`. */
export type StepRequest = RunStep extends infer S ? (S extends RunStep ? Omit<S, 'at'> : never) : never;

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
    }
  | { type: 'speed'; speed: Speed }
  | { type: 'pause'; paused: boolean }
  | { type: 'step'; id: number; step: StepRequest }
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
  /** First tick whose values `values` holds (values are per series, ticks firstTick..tick-1). */
  readonly firstTick: number;
  /** values[seriesIndex] = new values since the last snapshot, oldest first. */
  readonly values: readonly Float64Array[];
  /** New trainee-visible events (hidden ones stay in the worker until the debrief). */
  readonly events: readonly SimEvent[];
  readonly logs: readonly LogLine[];
  readonly traces: readonly Trace[];
  readonly alerts: readonly AlertState[];
  /** Latest value of each scenario objective (same order as scenario.objectives.slos) and whether it holds. */
  readonly slos: readonly { readonly value: number; readonly ok: boolean }[];
  /** Simulated time since which every SLO has held continuously; null while one is broken. */
  readonly okSince: number | null;
}

export type FromWorker =
  | { type: 'ready'; series: readonly SeriesInfo[]; tickSeconds: number; duration: number; capacity: number }
  | Snapshot
  | { type: 'step-result'; id: number; step: RunStep; result: ActionResult }
  | { type: 'ended'; ending: RunEnding; time: number; score: Score; events: readonly SimEvent[] }
  | { type: 'error'; message: string };
