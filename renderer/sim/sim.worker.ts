/// <reference lib="webworker" />
/**
 * The simulation worker: owns the engine, advances it in real time x speed, and posts snapshots
 * at most 10 times a second. Commands apply at the tick the worker receives them, and each is
 * reported back with that tick, which is what a replay needs.
 */
import { createSimulation } from '../../simulator/engine';
import type { Simulation } from '../../simulator/engine/api';
import { parseScenarioText } from '../../simulator/scenario/validate';
import type { Scenario } from '../../simulator/scenario/schema';
import type { FromWorker, Snapshot, Speed, TimedCommand, ToWorker } from './protocol';

const FRAME_MS = 100;

let sim: Simulation | undefined;
let scenario: Scenario | undefined;
let speed: Speed = 1;
let paused = false;
let timer: ReturnType<typeof setInterval> | undefined;
let carry = 0; // fractional ticks owed by real time
let postedTick = -1;
let postedTime = -1;
let postedEvents = 0;
let okSince: number | null = null;
let sloSeries: number[] = [];

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

function checkSlos(): Snapshot['slos'] {
  if (!sim || !scenario) return [];
  return scenario.objectives.slos.map((slo, i) => {
    const value = sim!.metrics.latest(sloSeries[i] ?? -1);
    return { value, ok: !(value > slo.max) };
  });
}

function snapshot(): void {
  if (!sim || !scenario) return;
  const { metrics } = sim;
  const from = Math.max(postedTick + 1, metrics.firstTick);
  const count = sim.tick - from;
  const values: Float64Array[] = [];
  const transfer: Transferable[] = [];
  for (const series of metrics.series) {
    const out = new Float64Array(Math.max(0, count));
    for (let k = 0; k < count; k++) out[k] = metrics.at(series.index, from + k);
    values.push(out);
    transfer.push(out.buffer);
  }
  const events = sim.events.slice(postedEvents);
  postedEvents = sim.events.length;
  const logs = sim.logs().filter((l) => l.t > postedTime);
  const traces = sim.traces().filter((t) => t.t > postedTime);
  postedTick = sim.tick - 1;
  postedTime = sim.time;
  post(
    {
      type: 'snapshot',
      tick: sim.tick,
      time: sim.time,
      speed,
      paused,
      finished: sim.time >= scenario.duration,
      firstTick: from,
      values,
      events,
      logs,
      traces,
      alerts: sim.alerts,
      slos: checkSlos(),
      okSince,
    },
    transfer,
  );
}

function advance(ticks: number): void {
  if (!sim || !scenario) return;
  for (let i = 0; i < ticks && sim.time < scenario.duration; i++) {
    sim.step();
    const holding = checkSlos().every((s) => s.ok);
    if (!holding) okSince = null;
    else if (okSince === null) okSince = sim.time;
  }
}

function frame(): void {
  if (!sim || paused) return;
  carry += (speed * FRAME_MS) / 1000 / sim.tickSeconds;
  const ticks = Math.floor(carry);
  carry -= ticks;
  if (ticks > 0) {
    advance(ticks);
    snapshot();
  }
}

function applyTimed(command: TimedCommand): void {
  if (!sim) return;
  if (command.kind === 'action') sim.apply(command.payload as never);
  else if (command.kind === 'inject') sim.inject(command.payload as never);
  else sim.record(command.payload as never);
}

function start(message: Extract<ToWorker, { type: 'start' }>): void {
  const parsed = parseScenarioText(message.scenarioText);
  if (!parsed.ok) {
    post({ type: 'error', message: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n') });
    return;
  }
  scenario = parsed.scenario;
  const created = createSimulation(scenario, { seed: message.seed });
  sim = created;
  sloSeries = scenario.objectives.slos.map((slo) => created.metrics.find(slo.metric, slo.node));
  speed = message.speed;
  paused = message.paused ?? false;
  carry = 0;
  postedTick = -1;
  postedTime = -1;
  postedEvents = 0;
  okSince = null;
  // A replay re-applies the recorded commands at their ticks: the engine is deterministic.
  const replay = [...(message.replay ?? [])].sort((a, b) => a.tick - b.tick);
  for (const command of replay) {
    while (created.tick < command.tick) advance(1);
    applyTimed(command);
  }
  post({
    type: 'ready',
    series: created.metrics.series,
    tickSeconds: created.tickSeconds,
    duration: scenario.duration,
    capacity: created.metrics.capacity,
  });
  snapshot();
  if (timer) clearInterval(timer);
  timer = setInterval(frame, FRAME_MS);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'start':
        return start(message);
      case 'speed':
        speed = message.speed;
        return snapshot();
      case 'pause':
        paused = message.paused;
        return snapshot();
      case 'action':
        if (!sim) return;
        post({
          type: 'action-result',
          id: message.id,
          tick: sim.tick,
          t: sim.time,
          result: sim.apply(message.command),
        });
        return snapshot();
      case 'inject':
        if (!sim) return;
        post({
          type: 'action-result',
          id: message.id,
          tick: sim.tick,
          t: sim.time,
          result: sim.inject(message.fault),
        });
        return snapshot();
      case 'record':
        sim?.record(message.event);
        return snapshot();
      case 'stop':
        if (timer) clearInterval(timer);
        timer = undefined;
        sim = undefined;
        return;
    }
  } catch (error) {
    post({ type: 'error', message: `The simulation stopped: ${(error as Error).message}` });
  }
};
