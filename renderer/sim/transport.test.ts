/**
 * The instructor -> trainee relay over a real BroadcastChannel (Node 20 has one): a RelayTransport
 * (the instructor's tab, over a fake worker) and a ChannelTransport (the trainee's tab) in one process.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimEvent } from '../../simulator/engine/api';
import type { FromWorker, Snapshot, ToWorker } from './protocol';
import { FakeWorker } from './test-fakes';
import type { CatchUp, TraineeWelcome } from './trainee-filter';
import { ChannelTransport, HEARTBEAT_MS, LINK_LOST_MS, RelayTransport, type ChannelLike } from './transport';

const hiddenOnset: SimEvent = {
  t: 4,
  kind: 'fault',
  node: 'db',
  text: 'latency on db (injected)',
  hidden: true,
};
const noteEvent: SimEvent = { t: 4, kind: 'note', text: 'SECRET NOTE', hidden: true };
const firing: SimEvent = { t: 5, kind: 'alert-firing', text: 'FIRING [P1] ApiErrors', hidden: false };

function snapshot(time: number, events: SimEvent[]): Snapshot {
  return {
    type: 'snapshot',
    tick: time,
    time,
    speed: 1,
    paused: false,
    finished: false,
    firstTick: time - 1,
    values: [new Float64Array([time])],
    events,
    logs: [],
    traces: [],
    nodes: [],
    alerts: [],
    slos: [],
    okSince: null,
    truth: { hidden: events.filter((e) => e.hidden), faults: [], scheduled: [] },
  };
}

const catchUp: CatchUp = {
  welcome: { runId: 'run-1', scenarioText: '{}', steps: [], pages: [], actionLog: [] },
  ready: { type: 'ready', series: [], tickSeconds: 1, duration: 60, capacity: 62 },
  snapshot: { ...snapshot(3, []), firstTick: 0, values: [new Float64Array([1, 2, 3])], truth: undefined },
};

/** Resolves once `predicate` holds, polling the event loop (BroadcastChannel delivers asynchronously). */
async function until(predicate: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const open: { close(): void }[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

function pair(runId: string) {
  const worker = new FakeWorker();
  const ownerSeen: FromWorker[] = [];
  const owner = new RelayTransport(worker, runId, () => catchUp);
  owner.onMessage((m) => ownerSeen.push(m));
  const trainee = new ChannelTransport(runId);
  const traineeSeen: FromWorker[] = [];
  trainee.onMessage((m) => traineeSeen.push(m));
  open.push(owner, trainee);
  return { worker, owner, ownerSeen, trainee, traineeSeen };
}

describe('instructor -> trainee relay', () => {
  it('a joining trainee gets the catch-up, then live stripped messages in order', async () => {
    const { worker, ownerSeen, trainee, traineeSeen } = pair('relay-a');
    let welcome: TraineeWelcome | undefined;
    trainee.join((w) => (welcome = w));
    await until(() => welcome !== undefined && traineeSeen.length >= 2);
    expect(welcome?.runId).toBe('run-1');
    expect(traineeSeen[0]).toEqual(catchUp.ready);
    expect((traineeSeen[1] as Snapshot).values[0]).toEqual(new Float64Array([1, 2, 3]));

    worker.emit(snapshot(4, [hiddenOnset, noteEvent, firing]));
    worker.emit({
      type: 'step-result',
      id: 1,
      step: { at: 4, kind: 'inject', type: 'latency', target: 'db' },
      result: { ok: true, message: 'Injected latency on db at 4 s.' },
    });
    worker.emit({
      type: 'step-result',
      id: 2,
      step: { at: 4, kind: 'note', text: 'SECRET NOTE' },
      result: { ok: true, message: 'SECRET NOTE' },
    });
    worker.emit(snapshot(5, []));
    await until(() => traineeSeen.length >= 4);
    // The instructor's store got everything, truth included.
    expect(ownerSeen).toHaveLength(4);
    expect((ownerSeen[0] as Snapshot).truth?.hidden).toHaveLength(2);
    // The trainee got the two snapshots only, without hidden events or truth.
    const live = traineeSeen.slice(2);
    expect(live.map((m) => m.type)).toEqual(['snapshot', 'snapshot']);
    expect((live[0] as Snapshot).events).toEqual([firing]);
    expect((live[0] as Snapshot).truth).toBeUndefined();
    const text = JSON.stringify(traineeSeen);
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('injected');
    expect(text).not.toContain('Injected');
  });

  it("a trainee's command reaches the worker with a relay id and its result comes back with the trainee's id", async () => {
    const { worker, ownerSeen, trainee, traineeSeen } = pair('relay-b');
    let joined = false;
    trainee.join(() => (joined = true));
    await until(() => joined);

    trainee.post({ type: 'step', id: 7, step: { kind: 'acknowledge', alert: 'ApiErrors' } });
    trainee.post({ type: 'ack' }); // never sent
    trainee.post({ type: 'pause', paused: true }); // the clock is the instructor's
    trainee.post({ type: 'step', id: 8, step: { kind: 'inject', type: 'crash', target: 'api' } }); // refused
    await until(() => worker.posted.length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(worker.posted).toHaveLength(1);
    const forwarded = worker.posted[0] as Extract<ToWorker, { type: 'step' }>;
    expect(forwarded.step).toEqual({ kind: 'acknowledge', alert: 'ApiErrors' });
    expect(forwarded.id).not.toBe(7);

    const result: FromWorker = {
      type: 'step-result',
      id: forwarded.id,
      step: { at: 6, kind: 'acknowledge', alert: 'ApiErrors' },
      result: { ok: true, message: 'Acknowledged ApiErrors' },
    };
    worker.emit(result);
    await until(() => traineeSeen.some((m) => m.type === 'step-result'));
    // The instructor's store records the trainee's step (with the relay's id, which it never issued)...
    expect(ownerSeen).toContainEqual(result);
    // ...and the trainee gets it back under its own id.
    expect(traineeSeen.find((m) => m.type === 'step-result')).toEqual({ ...result, id: 7 });

    // A step the instructor took (a hint) reaches the trainee with id 0.
    worker.emit({
      type: 'step-result',
      id: 3,
      step: { at: 7, kind: 'hint', index: 0 },
      result: { ok: true, message: 'Hint 1' },
    });
    await until(() => traineeSeen.filter((m) => m.type === 'step-result').length === 2);
    expect(traineeSeen.filter((m) => m.type === 'step-result')[1]).toMatchObject({
      id: 0,
      step: { kind: 'hint' },
    });
  });

  it('messages before the welcome are not delivered, and closing the run tells the trainee', async () => {
    const { worker, owner, trainee, traineeSeen } = pair('relay-c');
    worker.emit(snapshot(1, [firing])); // nobody joined yet
    let joined = false;
    trainee.join(() => (joined = true));
    await until(() => joined);
    expect(traineeSeen.map((m) => m.type)).toEqual(['ready', 'snapshot']);
    owner.close();
    await until(() => traineeSeen.some((m) => m.type === 'error'));
    expect(worker.closed).toBe(true);
  });

  it('the instructor unlocks the trainee tabs, including one that joins afterwards', async () => {
    const { owner, trainee, traineeSeen } = pair('relay-unlock');
    let joined = false;
    trainee.join(() => (joined = true));
    await until(() => joined);
    expect(traineeSeen.some((m) => m.type === 'unlocked')).toBe(false);
    owner.unlock();
    await until(() => traineeSeen.some((m) => m.type === 'unlocked'));
    const late = new ChannelTransport('relay-unlock');
    open.push(late);
    const lateSeen: FromWorker[] = [];
    late.onMessage((m) => lateSeen.push(m));
    late.join(() => {});
    await until(() => lateSeen.some((m) => m.type === 'unlocked'));
    expect(lateSeen.map((m) => m.type)).toEqual(['ready', 'snapshot', 'unlocked']);
  });

  it('a trainee with no instructor run gets a clear error', async () => {
    const trainee = new ChannelTransport('nobody-here');
    open.push(trainee);
    const seen: FromWorker[] = [];
    trainee.onMessage((m) => seen.push(m));
    trainee.join(() => {}, 100);
    await until(() => seen.length > 0);
    expect(seen[0]).toMatchObject({ type: 'error' });
  });
});

/**
 * An in-memory BroadcastChannel hub that delivers synchronously (so fake timers can drive it);
 * `mute` drops everything one end posts, as when its tab crashes or hangs without a goodbye.
 */
class Hub {
  private readonly ends: (ChannelLike & { muted: boolean })[] = [];
  open(): ChannelLike & { muted: boolean } {
    const end = {
      muted: false,
      onmessage: null as ((event: MessageEvent) => void) | null,
      postMessage: (message: unknown) => {
        if (end.muted) return;
        for (const other of this.ends)
          if (other !== end) other.onmessage?.({ data: structuredClone(message) } as MessageEvent);
      },
      close: () => this.ends.splice(this.ends.indexOf(end), 1),
    };
    this.ends.push(end);
    return end;
  }
}

describe('the trainee notices when the instructor console stops answering', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stays quiet while heartbeats arrive (a paused run sends no snapshots), warns after silence, recovers', () => {
    vi.useFakeTimers();
    const hub = new Hub();
    const ownerEnd = hub.open();
    const owner = new RelayTransport(new FakeWorker(), 'run-1', () => catchUp, ownerEnd);
    const trainee = new ChannelTransport('run-1', hub.open());
    open.push(owner, trainee);
    const seen: FromWorker[] = [];
    trainee.onMessage((m) => seen.push(m));
    trainee.join(() => {});
    expect(seen.map((m) => m.type)).toEqual(['ready', 'snapshot']);

    vi.advanceTimersByTime(LINK_LOST_MS * 3); // paused: no snapshots, only heartbeats
    expect(seen.filter((m) => m.type === 'link')).toEqual([]);

    ownerEnd.muted = true; // the instructor's tab hangs or crashes: no 'closed' goodbye
    vi.advanceTimersByTime(LINK_LOST_MS - HEARTBEAT_MS);
    expect(seen.filter((m) => m.type === 'link')).toEqual([]);
    vi.advanceTimersByTime(2 * HEARTBEAT_MS + 1);
    expect(seen.filter((m) => m.type === 'link')).toEqual([{ type: 'link', lost: true }]);
    vi.advanceTimersByTime(LINK_LOST_MS * 2); // said once, not on every check
    expect(seen.filter((m) => m.type === 'link')).toHaveLength(1);

    ownerEnd.muted = false; // it answers again
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(seen.filter((m) => m.type === 'link')).toEqual([
      { type: 'link', lost: true },
      { type: 'link', lost: false },
    ]);
  });

  it('stops watching once the run has ended or the instructor closed it', () => {
    vi.useFakeTimers();
    const hub = new Hub();
    const ownerEnd = hub.open();
    const worker = new FakeWorker();
    const owner = new RelayTransport(worker, 'run-2', () => catchUp, ownerEnd);
    const trainee = new ChannelTransport('run-2', hub.open());
    open.push(trainee);
    const seen: FromWorker[] = [];
    trainee.onMessage((m) => seen.push(m));
    trainee.join(() => {});
    owner.close(); // says goodbye, then stops its heartbeat
    vi.advanceTimersByTime(LINK_LOST_MS * 3);
    expect(seen.map((m) => m.type)).toEqual(['ready', 'snapshot', 'error']);
  });
});
