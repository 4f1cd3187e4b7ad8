/** Test double shared by the transport and store tests: a worker that records and replays messages. */
import type { FromWorker, Snapshot, ToWorker } from './protocol';
import type { RunTransport } from './transport';

export class FakeWorker implements RunTransport {
  readonly posted: ToWorker[] = [];
  closed = false;
  private callback: (message: FromWorker) => void = () => {};
  post(message: ToWorker): void {
    this.posted.push(message);
  }
  onMessage(callback: (message: FromWorker) => void): void {
    this.callback = callback;
  }
  close(): void {
    this.closed = true;
  }
  /** Delivers `message` as if the worker had posted it. */
  emit(message: FromWorker): void {
    this.callback(message);
  }
}

/** A worker snapshot at `time` with nothing new in it, and `fields` over that. */
export function snapshotAt(time: number, fields: Partial<Snapshot> = {}): Snapshot {
  return {
    type: 'snapshot',
    tick: time,
    time,
    speed: 60,
    paused: false,
    finished: false,
    firstTick: time - 1,
    values: [],
    events: [],
    logs: [],
    traces: [],
    nodes: [],
    alerts: [],
    slos: [],
    okSince: null,
    ...fields,
  };
}

/** requestAnimationFrame on timers, for the store's paint-then-acknowledge path outside a browser. */
export function rafOnTimers(): void {
  (globalThis as { requestAnimationFrame?: (cb: () => void) => void }).requestAnimationFrame = (cb) =>
    setTimeout(cb, 0);
}
