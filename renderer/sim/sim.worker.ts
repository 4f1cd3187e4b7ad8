/// <reference lib="webworker" />
/**
 * The simulation worker: owns the engine, advances it in real time x speed, and posts snapshots
 * at most 10 times a second. Steps apply at the tick the worker receives them and come back
 * stamped with that time, which is what a replay needs. Hidden events (fault onsets) never leave
 * the worker before the run ends, so the trainee's UI cannot show them by accident; only a run
 * started with role 'instructor' gets them, in `Snapshot.truth` (see role-gate.ts).
 * A step may carry a future `at` (an instructor's scheduled injection): the worker holds it and
 * applies it at the first tick at or after that time, exactly as a replay would.
 */
import { createSimulation } from '../../simulator/engine';
import type { Simulation } from '../../simulator/engine/api';
import type { RunStep } from '../../simulator/runs/record';
import { applyStep } from '../../simulator/runs/replay';
import { parseScenarioText } from '../../simulator/scenario/validate';
import type { Scenario } from '../../simulator/scenario/schema';
import { scoreSimulation } from '../../simulator/scoring';
import { scoreRunSteps } from '../../simulator/scoring/score-steps';
import type { FromWorker, Role, ScheduledStep, Snapshot, Speed, StepRequest, ToWorker } from './protocol';
import { firstNewPage, slowsDown } from './page-pacing';
import { sampledUpTo } from './sampled-since';
import { gateEvents, instructorTruth, timelineFaults } from './role-gate';

const FRAME_MS = 100;

let sim: Simulation | undefined;
let scenario: Scenario | undefined;
let speed: Speed = 1;
let paused = false;
let slowOnPage = true;
/** Simulated time of the page that last slowed the run; null once the trainee sets a speed. */
let slowedAt: number | null = null;
let ended = false;
let timer: ReturnType<typeof setInterval> | undefined;
let carry = 0; // fractional ticks owed by real time
let postedTick = 0;
/** Sampled logs and traces up to this time are in a posted snapshot (sampled-since.ts). */
let postedTime = -1;
let postedEvents = 0;
let okSince: number | null = null;
let sloEverBroken = false;
let sloSeries: number[] = [];
// Back-pressure: one snapshot in flight at a time. A slow UI gets fewer, larger snapshots
// instead of a queue of messages it can never catch up with; the engine keeps its pace.
let awaitingAck = false;
let dirty = false;
let role: Role = 'trainee';
let scenarioFaultCount = 0;
let seed: number | undefined;
/** Every step applied to the engine, as stamped: the counterfactual replays at the end need them. */
let applied: RunStep[] = [];
/** Steps waiting for their simulated time, in time order (ties: arrival order). */
let scheduled: ScheduledStep[] = [];

const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

function checkSlos(): Snapshot['slos'] {
  if (!sim || !scenario) return [];
  const metrics = sim.metrics;
  return scenario.objectives.slos.map((slo, i) => {
    const value = metrics.latest(sloSeries[i] ?? -1);
    return { value, ok: !(value > slo.max) };
  });
}

function snapshot(force = false): void {
  if (!sim || !scenario) return;
  if (awaitingAck && !force) {
    dirty = true;
    return;
  }
  awaitingAck = true;
  dirty = false;
  const { metrics } = sim;
  const from = Math.max(postedTick, metrics.firstTick);
  const count = Math.max(0, sim.tick - from);
  const values: Float64Array[] = [];
  const transfer: Transferable[] = [];
  for (const series of metrics.series) {
    const out = new Float64Array(count);
    for (let k = 0; k < count; k++) out[k] = metrics.at(series.index, from + k);
    values.push(out);
    transfer.push(out.buffer);
  }
  const { visible: events, hidden } = gateEvents(sim.events.slice(postedEvents), role);
  postedEvents = sim.events.length;
  const truth = instructorTruth(role, hidden, sim, scenarioFaultCount, scheduled);
  // Only what is new is formatted: the engine builds strings for lines after postedTime alone.
  const logs = sim.logs(postedTime);
  const traces = sim.traces(postedTime);
  postedTick = sim.tick;
  postedTime = sampledUpTo(sim.time, sim.tickSeconds);
  post(
    {
      type: 'snapshot',
      tick: sim.tick,
      time: sim.time,
      speed,
      paused,
      slowOnPage,
      slowedAt,
      finished: sim.time >= scenario.duration,
      firstTick: from,
      values,
      events,
      logs,
      traces,
      nodes: sim.liveNodes(),
      alerts: sim.alerts,
      slos: checkSlos(),
      okSince,
      sloEverBroken,
      ...(truth ? { truth } : {}),
    },
    transfer,
  );
}

function trackSlos(): void {
  if (!sim) return;
  const holding = checkSlos().every((s) => s.ok);
  if (!holding) {
    okSince = null;
    sloEverBroken = true;
  } else if (okSince === null) okSince = sim.time;
}

/**
 * Steps `ticks` ticks. A live frame (`live`) stops at a page when it must slow down, so the
 * rest of the frame's ticks are not spent at the old speed; a replay never slows.
 */
function advance(ticks: number, live = false): void {
  if (!sim || !scenario) return;
  for (let i = 0; i < ticks && sim.time < scenario.duration; i++) {
    applyDue();
    const before = sim.events.length;
    sim.step();
    trackSlos();
    const page = live && slowsDown(speed, slowOnPage) ? firstNewPage(sim.events, before) : undefined;
    if (page) {
      speed = 1;
      slowedAt = page.t;
      carry = 0;
      break;
    }
  }
  applyDue();
}

/** Applies the scheduled steps whose time has come. */
function applyDue(): void {
  while (sim && !ended && scheduled.length > 0 && (scheduled[0] as ScheduledStep).at <= sim.time + 1e-9) {
    const due = scheduled.shift() as ScheduledStep;
    step(due.id, due.step);
  }
}

function frame(): void {
  if (!sim || paused || ended) return;
  carry += (speed * FRAME_MS) / 1000 / sim.tickSeconds;
  const ticks = Math.floor(carry);
  carry -= ticks;
  if (ticks > 0) {
    advance(ticks, true);
    snapshot();
  }
}

function start(message: Extract<ToWorker, { type: 'start' }>): void {
  const parsed = parseScenarioText(message.scenarioText);
  if (!parsed.ok) {
    post({ type: 'error', message: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n') });
    return;
  }
  const current = parsed.scenario;
  const created = createSimulation(current, { seed: message.seed });
  seed = message.seed;
  applied = [];
  scenario = current;
  sim = created;
  sloSeries = current.objectives.slos.map((slo) => created.metrics.find(slo.metric, slo.node));
  speed = message.speed;
  paused = message.paused ?? false;
  slowOnPage = message.slowOnPage ?? true;
  slowedAt = null;
  ended = false;
  carry = 0;
  postedTick = 0;
  postedTime = -1;
  postedEvents = 0;
  okSince = null;
  sloEverBroken = false;
  awaitingAck = false;
  dirty = false;
  role = message.role ?? 'trainee';
  scheduled = [];
  scenarioFaultCount = timelineFaults(created)?.length ?? current.faults.length;
  // A resumed run re-applies its saved steps at their times: the engine is deterministic.
  const replay = [...(message.replay ?? [])].sort((a, b) => a.at - b.at);
  for (const step of replay) {
    while (created.time < step.at - 1e-9 && created.time < current.duration) advance(1);
    applyStep(created, step);
    applied.push(step);
  }
  if (message.resumeAt !== undefined) {
    while (created.time < message.resumeAt - 1e-9 && created.time < current.duration) advance(1);
  }
  post({
    type: 'ready',
    series: created.metrics.series,
    tickSeconds: created.tickSeconds,
    duration: current.duration,
    capacity: created.metrics.capacity,
  });
  snapshot();
  if (timer) clearInterval(timer);
  timer = setInterval(frame, FRAME_MS);
}

function step(id: number, request: StepRequest, at?: number): void {
  if (!sim || ended) return;
  if (at !== undefined && at > sim.time + 1e-9) {
    const entry = { id, at, step: request };
    let k = scheduled.length;
    while (k > 0 && (scheduled[k - 1] as ScheduledStep).at > at) k--;
    scheduled.splice(k, 0, entry);
    snapshot();
    return;
  }
  const stamped = { ...request, at: sim.time } as RunStep;
  const result = applyStep(sim, stamped);
  applied.push(stamped);
  post({ type: 'step-result', id, step: stamped, result });
  snapshot();
}

function end(ending: Extract<ToWorker, { type: 'end' }>['ending']): void {
  if (!sim || ended) return;
  ended = true;
  snapshot(true);
  // Formula 3: what each action really did, by replaying the run without it (a few engine runs);
  // the instructor's unfixable injections are left out of the score (scoring/instructor-faults.ts).
  post({
    type: 'ended',
    ending,
    time: sim.time,
    score: scenario ? scoreRunSteps(scenario, seed, applied, sim, ending) : scoreSimulation(sim, ending),
    events: sim.events,
  });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'start':
        return start(message);
      case 'speed':
        speed = message.speed;
        slowedAt = null;
        return snapshot();
      case 'slow-on-page':
        slowOnPage = message.enabled;
        return snapshot();
      case 'pause':
        paused = message.paused;
        return snapshot();
      case 'step':
        return step(message.id, message.step, message.at);
      case 'end':
        return end(message.ending);
      case 'ack':
        awaitingAck = false;
        if (dirty) snapshot();
        return;
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
