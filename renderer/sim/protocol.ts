/**
 * Messages between the UI thread and the simulation worker. The engine never runs on the UI
 * thread; the worker advances it and posts at most ~10 snapshots a second, each carrying only
 * what is new since the previous one (metric values, events, logs, traces) plus small state.
 */
import type {
  ActionCommand,
  ActionResult,
  AlertState,
  FaultCommand,
  LogLine,
  SeriesInfo,
  SimEvent,
  Trace,
} from '../../simulator/engine/api';

export const SPEEDS = [1, 2, 5, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** One command the trainee or instructor issued, with the tick it took effect: the replay log. */
export interface TimedCommand {
  readonly tick: number;
  readonly t: number;
  readonly kind: 'action' | 'inject' | 'record';
  readonly payload: ActionCommand | FaultCommand | Omit<SimEvent, 't'>;
}

export type ToWorker =
  | {
      type: 'start';
      scenarioText: string;
      seed?: number;
      speed: Speed;
      paused?: boolean;
      replay?: readonly TimedCommand[];
    }
  | { type: 'speed'; speed: Speed }
  | { type: 'pause'; paused: boolean }
  | { type: 'action'; id: number; command: ActionCommand }
  | { type: 'inject'; id: number; fault: FaultCommand }
  | { type: 'record'; event: Omit<SimEvent, 't'> }
  | { type: 'stop' };

export interface Snapshot {
  readonly type: 'snapshot';
  readonly tick: number;
  readonly time: number;
  readonly speed: Speed;
  readonly paused: boolean;
  readonly finished: boolean;
  /** First tick whose values `values` holds (values are per series, ticks firstTick..tick). */
  readonly firstTick: number;
  /** values[seriesIndex] = new values since the last snapshot, oldest first. */
  readonly values: readonly Float64Array[];
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
  | { type: 'action-result'; id: number; tick: number; t: number; result: ActionResult }
  | { type: 'error'; message: string };
