/**
 * Role gating for the worker's snapshots, as pure functions so they are tested without a worker.
 * A trainee's UI gets only trainee-visible events; an instructor's UI also gets the hidden ones
 * (fault onsets and ends, notes) and the fault timeline, in `Snapshot.truth`.
 */
import type { SimEvent, Simulation } from '../../simulator/engine/api';
import type { FaultStatus, InstructorTruth, Role, ScheduledStep } from './protocol';

/** The fields of the engine's fault timeline entries this module reads (see engine/fault-effects.ts). */
interface TimelineFault {
  readonly id: string;
  readonly type: FaultStatus['type'];
  readonly target: string;
  readonly at: number;
  readonly end: number;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly note?: string;
  readonly state: 'scheduled' | 'active' | 'over';
}

/**
 * The engine's live fault list. The public Simulation contract does not expose it, so this reads
 * the implementation's `faults.faults` structurally and returns undefined when it is not there.
 */
export function timelineFaults(sim: Simulation): readonly TimelineFault[] | undefined {
  const timeline = (sim as unknown as { faults?: { faults?: unknown } }).faults;
  return Array.isArray(timeline?.faults) ? (timeline.faults as readonly TimelineFault[]) : undefined;
}

/**
 * Every fault with its state at `time`. `scenarioFaultCount` is how many faults the timeline held
 * when the run started: later entries are instructor injections. Without a live timeline the
 * scenario's scripted faults are derived from their times.
 */
export function faultStatuses(
  sim: Simulation,
  time: number,
  scenarioFaultCount: number,
): readonly FaultStatus[] {
  const live = timelineFaults(sim);
  if (live) {
    return live.map((f, i) => ({
      id: f.id,
      type: f.type,
      target: f.target,
      at: f.at,
      end: f.end,
      state: f.state === 'scheduled' ? 'upcoming' : f.state,
      params: { ...f.params },
      ...(f.note ? { note: f.note } : {}),
      injected: i >= scenarioFaultCount,
    }));
  }
  return sim.scenario.faults.map((f, i) => {
    const end = f.duration !== undefined ? f.at + f.duration : Infinity;
    return {
      id: f.id ?? `fault-${i + 1}`,
      type: f.type,
      target: f.target,
      at: f.at,
      end,
      state: time < f.at ? 'upcoming' : time < end ? 'active' : 'over',
      params: { ...f.params },
      ...(f.note ? { note: f.note } : {}),
      injected: false,
    };
  });
}

/** New events split for a role: `visible` always, `hidden` only for the instructor. */
export function gateEvents(
  events: readonly SimEvent[],
  role: Role,
): { visible: SimEvent[]; hidden: SimEvent[] | undefined } {
  const visible = events.filter((e) => !e.hidden);
  return { visible, hidden: role === 'instructor' ? events.filter((e) => e.hidden) : undefined };
}

/** The instructor-only part of a snapshot, or undefined for a trainee. */
export function instructorTruth(
  role: Role,
  hidden: readonly SimEvent[] | undefined,
  sim: Simulation,
  scenarioFaultCount: number,
  scheduled: readonly ScheduledStep[],
): InstructorTruth | undefined {
  if (role !== 'instructor') return undefined;
  return {
    hidden: hidden ?? [],
    faults: faultStatuses(sim, sim.time, scenarioFaultCount),
    scheduled: scheduled.map((s) => ({ ...s })),
  };
}
