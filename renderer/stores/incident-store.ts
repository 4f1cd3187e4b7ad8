/**
 * The live incident: drives the simulation worker and holds what the console shows. Metric
 * values live in a MetricBuffer (mutable, outside React state); components subscribe to small
 * slices (`time`, `alerts`, `version`...) so a tick does not re-render the world.
 */
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
import type { Scenario } from '../../simulator/scenario/schema';
import { MetricBuffer } from '../sim/metric-buffer';
import type { FromWorker, Snapshot, Speed, TimedCommand, ToWorker } from '../sim/protocol';

const MAX_LOGS = 5000;
const MAX_TRACES = 400;

export type RunStatus = 'idle' | 'starting' | 'running' | 'ended' | 'error';
export type EndReason = 'mitigated' | 'resolved' | 'abandoned' | 'timeout';

export interface Page {
  readonly name: string;
  readonly severity: AlertState['severity'];
  readonly firedAt: number;
  acknowledgedAt?: number;
}

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
  seed?: number;
  buffer?: MetricBuffer;
  /** Increments whenever the buffer, logs or traces change. */
  version: number;
  tick: number;
  time: number;
  speed: Speed;
  paused: boolean;
  finished: boolean;
  alerts: readonly AlertState[];
  events: readonly SimEvent[];
  logs: readonly LogLine[];
  traces: readonly Trace[];
  slos: Snapshot['slos'];
  okSince: number | null;
  pages: readonly Page[];
  actionLog: readonly ActionLogEntry[];
  commands: readonly TimedCommand[];
  endReason?: EndReason;
  endedAt?: number;

  start(scenario: Scenario, scenarioText: string, options?: { seed?: number; speed?: Speed }): void;
  setSpeed(speed: Speed): void;
  togglePause(): void;
  act(command: ActionCommand): Promise<ActionResult>;
  inject(fault: FaultCommand): Promise<ActionResult>;
  acknowledge(alertName: string): void;
  declare(node: string, category: string): void;
  end(reason: EndReason): void;
  reset(): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (result: ActionResult) => void>();

function send(message: ToWorker): void {
  worker?.postMessage(message);
}

const initial = {
  status: 'idle' as RunStatus,
  error: undefined,
  scenario: undefined,
  scenarioText: undefined,
  buffer: undefined,
  version: 0,
  tick: 0,
  time: 0,
  speed: 1 as Speed,
  paused: false,
  finished: false,
  alerts: [],
  events: [],
  logs: [],
  traces: [],
  slos: [],
  okSince: null,
  pages: [],
  actionLog: [],
  commands: [],
  endReason: undefined,
  endedAt: undefined,
};

export const useIncidentStore = create<IncidentState>((set, get) => {
  function onSnapshot(s: Snapshot): void {
    const state = get();
    state.buffer?.append(s.firstTick, s.values);
    const pages = [...state.pages];
    // A page opens when a page-routed alert starts firing and none for it is open.
    for (const alert of s.alerts) {
      if (alert.status !== 'firing' || alert.route !== 'page') continue;
      const open = pages.some(
        (p) => p.name === alert.name && (p.acknowledgedAt === undefined || p.firedAt === alert.since),
      );
      if (!open) pages.push({ name: alert.name, severity: alert.severity, firedAt: alert.since });
    }
    set({
      tick: s.tick,
      time: s.time,
      speed: s.speed,
      paused: s.paused,
      finished: s.finished,
      alerts: s.alerts,
      events: s.events.length ? [...state.events, ...s.events] : state.events,
      logs: s.logs.length ? [...state.logs, ...s.logs].slice(-MAX_LOGS) : state.logs,
      traces: s.traces.length ? [...state.traces, ...s.traces].slice(-MAX_TRACES) : state.traces,
      slos: s.slos,
      okSince: s.okSince,
      pages,
      version: state.version + 1,
    });
    const scenario = state.scenario;
    if (scenario && state.status === 'running') {
      const held = s.okSince !== null && s.time - s.okSince >= scenario.objectives.holdFor;
      const faultsBegan = scenario.faults.some((f) => f.at < s.time);
      if (held && faultsBegan && state.actionLog.length > 0) get().end('mitigated');
      else if (s.finished) get().end('timeout');
    }
  }

  function onMessage(event: MessageEvent<FromWorker>): void {
    const message = event.data;
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
        return;
      case 'snapshot':
        return onSnapshot(message);
      case 'action-result': {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        return;
      }
      case 'error':
        set({ status: 'error', error: message.message });
        return;
    }
  }

  function command(kind: 'action' | 'inject', payload: ActionCommand | FaultCommand): Promise<ActionResult> {
    if (!worker || get().status !== 'running') {
      return Promise.resolve({ ok: false, message: 'No incident is running.' });
    }
    const id = nextId++;
    return new Promise<ActionResult>((resolve) => {
      pending.set(id, (result) => {
        const { time, tick } = get();
        set((s) => ({
          actionLog: [...s.actionLog, { t: time, command: payload, result }],
          commands: result.ok ? [...s.commands, { tick, t: time, kind, payload }] : s.commands,
        }));
        resolve(result);
      });
      if (kind === 'action') send({ type: 'action', id, command: payload as ActionCommand });
      else send({ type: 'inject', id, fault: payload as FaultCommand });
    });
  }

  function record(event: Omit<SimEvent, 't'>): void {
    const { tick, time } = get();
    send({ type: 'record', event });
    set((s) => ({ commands: [...s.commands, { tick, t: time, kind: 'record', payload: event }] }));
  }

  return {
    ...initial,
    start(scenario, scenarioText, options = {}) {
      worker?.terminate();
      pending.clear();
      worker = new Worker(new URL('../sim/sim.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = onMessage;
      worker.onerror = (event) =>
        set({ status: 'error', error: event.message || 'The simulation worker failed.' });
      set({
        ...initial,
        status: 'starting',
        scenario,
        scenarioText,
        seed: options.seed ?? scenario.seed,
        speed: options.speed ?? 1,
      });
      send({ type: 'start', scenarioText, seed: options.seed, speed: options.speed ?? 1 });
    },
    setSpeed(speed) {
      set({ speed });
      send({ type: 'speed', speed });
    },
    togglePause() {
      const paused = !get().paused;
      set({ paused });
      send({ type: 'pause', paused });
    },
    act: (c) => command('action', c),
    inject: (f) => command('inject', f),
    acknowledge(alertName) {
      const { pages, time } = get();
      const page = pages.find((p) => p.name === alertName && p.acknowledgedAt === undefined);
      if (!page) return;
      set({ pages: pages.map((p) => (p === page ? { ...p, acknowledgedAt: time } : p)) });
      record({
        kind: 'acknowledge',
        text: `Acknowledged ${alertName}`,
        hidden: false,
        data: { alert: alertName },
      });
    },
    declare(node, category) {
      record({
        kind: 'declare',
        node,
        text: `Declared root cause: ${category} on ${node}`,
        hidden: false,
        data: { node, category },
      });
    },
    end(reason) {
      if (get().status !== 'running') return;
      send({ type: 'pause', paused: true });
      set({ status: 'ended', endReason: reason, endedAt: get().time, paused: true });
    },
    reset() {
      worker?.terminate();
      worker = undefined;
      pending.clear();
      set({ ...initial });
    },
  };
});
