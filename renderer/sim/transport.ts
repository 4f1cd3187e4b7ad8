/**
 * How the incident store talks to "the simulation": the same three calls whether the worker is
 * in this tab (WorkerTransport), in this tab and shared with a trainee tab (RelayTransport, the
 * instructor's), or in another tab (ChannelTransport, the trainee's view of an instructor's run).
 *
 * Instructor mode, two tabs/windows, one run:
 *
 *   instructor tab: store <-> RelayTransport <-> WorkerTransport <-> sim.worker (role instructor)
 *                                  |  BroadcastChannel `outage-lab-run-<runId>`
 *   trainee tab:    store <-> ChannelTransport
 *
 * The relay forwards every worker message to the channel after `traineeSnapshot` stripped it
 * (no hidden events, notes, injections or truth), and forwards the trainee's own commands
 * (acknowledge, declare, actions, hints, end) to the worker with ids of its own, so their
 * results come back to both stores: the instructor's record keeps the trainee's steps. A trainee
 * tab joins with `join`; the relay answers with a catch-up (scenario, steps so far and the whole
 * metric history as one snapshot), after which the live messages follow in order.
 */
import type { FromWorker, ToWorker } from './protocol';
import { acceptTraineeCommand, traineeSnapshot, type CatchUp, type TraineeWelcome } from './trainee-filter';

export interface RunTransport {
  post(message: ToWorker): void;
  /** One listener; a failure of the transport itself arrives as a FromWorker 'error'. */
  onMessage(callback: (message: FromWorker) => void): void;
  close(): void;
}

/** Messages on a run's BroadcastChannel. */
export type ChannelMessage =
  | { readonly kind: 'join'; readonly joinId: string }
  | {
      readonly kind: 'welcome';
      readonly joinId: string;
      readonly welcome: TraineeWelcome;
      readonly ready: CatchUp['ready'];
      readonly snapshot: CatchUp['snapshot'];
    }
  /** Owner -> trainees: a worker message, already trainee-filtered. */
  | { readonly kind: 'relay'; readonly message: FromWorker }
  /** Trainee -> owner: one of the trainee's own commands. */
  | { readonly kind: 'command'; readonly message: ToWorker }
  /** Owner -> trainees: the instructor unlocked the trainee view (the rest of the app). */
  | { readonly kind: 'unlock' }
  /** Owner -> trainees: the instructor closed the run. */
  | { readonly kind: 'closed' }
  /** Owner -> trainees, every HEARTBEAT_MS: the instructor's console is alive (even when paused). */
  | { readonly kind: 'heartbeat' };

/** How often the owner says it is alive, and how long a trainee waits before saying it is not. */
export const HEARTBEAT_MS = 2_000;
export const LINK_LOST_MS = 6_000;

/** A timer that does not keep Node (tests) alive; browsers return a number without unref. */
function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

export const channelName = (runId: string): string => `outage-lab-run-${runId}`;

/** The part of BroadcastChannel the transports use (tests may pass a fake). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

const openChannel = (runId: string): ChannelLike => new BroadcastChannel(channelName(runId));

/** The simulation worker in this tab. A worker crash becomes an 'error' message. */
export class WorkerTransport implements RunTransport {
  private readonly worker: Worker;
  private callback: (message: FromWorker) => void = () => {};

  constructor() {
    this.worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.callback(event.data);
    this.worker.onerror = (event) =>
      this.callback({ type: 'error', message: event.message || 'The simulation worker failed.' });
  }
  post(message: ToWorker): void {
    this.worker.postMessage(message);
  }
  onMessage(callback: (message: FromWorker) => void): void {
    this.callback = callback;
  }
  close(): void {
    this.worker.terminate();
  }
}

/** Ids the relay gives trainee commands, far from the store's own (which count up from 1). */
const RELAY_ID_BASE = 1_000_000_000;

/**
 * The instructor's transport: the worker (inner) plus the relay to trainee tabs.
 * `catchUp` builds a joining trainee's catch-up from the owner's current state, or returns
 * undefined while the run has not started yet (the trainee retries).
 */
export class RelayTransport implements RunTransport {
  private callback: (message: FromWorker) => void = () => {};
  private readonly channel: ChannelLike;
  /** Relay id -> the trainee's own id, until the result comes back. */
  private readonly traineeIds = new Map<number, number>();
  private nextId = RELAY_ID_BASE;
  private closed = false;
  private unlocked = false;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly inner: RunTransport,
    readonly runId: string,
    private readonly catchUp: () => CatchUp | undefined,
    channel: ChannelLike = openChannel(runId),
  ) {
    this.channel = channel;
    inner.onMessage((message) => {
      // The owner's store first, so a catch-up built later includes this message.
      this.callback(message);
      this.relay(message);
    });
    channel.onmessage = (event) => this.fromTrainee(event.data as ChannelMessage);
    // Without it a trainee cannot tell a paused run from a console that crashed or froze.
    this.heartbeat = unref(
      setInterval(
        () => this.channel.postMessage({ kind: 'heartbeat' } satisfies ChannelMessage),
        HEARTBEAT_MS,
      ),
    );
    // Closing the instructor's tab ends the run for its trainee tabs too (they say so).
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.onPageHide);
  }

  private readonly onPageHide = () => this.close();

  post(message: ToWorker): void {
    this.inner.post(message);
  }
  onMessage(callback: (message: FromWorker) => void): void {
    this.callback = callback;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.onPageHide);
    this.channel.postMessage({ kind: 'closed' } satisfies ChannelMessage);
    this.channel.close();
    this.inner.close();
  }

  /** Unlocks every trainee tab of this run, and the ones that join later. */
  unlock(): void {
    if (this.closed) return;
    this.unlocked = true;
    this.channel.postMessage({ kind: 'unlock' } satisfies ChannelMessage);
  }

  private relay(message: FromWorker): void {
    if (this.closed) return;
    let out = traineeSnapshot(message);
    if (!out) return;
    if (out.type === 'step-result') {
      // The trainee's own command gets its id back; anything else (the instructor revealed a
      // hint, acted) arrives with id 0, which no trainee request uses.
      const id = this.traineeIds.get(out.id) ?? 0;
      this.traineeIds.delete(out.id);
      out = { ...out, id };
    }
    this.channel.postMessage({ kind: 'relay', message: out } satisfies ChannelMessage);
  }

  private fromTrainee(data: ChannelMessage): void {
    if (typeof data !== 'object' || data === null) return;
    if (data.kind === 'join' && typeof data.joinId === 'string') {
      const catchUp = this.catchUp();
      if (!catchUp) return;
      this.channel.postMessage({ kind: 'welcome', joinId: data.joinId, ...catchUp } satisfies ChannelMessage);
      if (this.unlocked) this.channel.postMessage({ kind: 'unlock' } satisfies ChannelMessage);
      return;
    }
    if (data.kind !== 'command') return;
    const command = acceptTraineeCommand(data.message);
    if (!command) return;
    if (command.type === 'step') {
      const id = this.nextId++;
      this.traineeIds.set(id, command.id);
      this.inner.post({ ...command, id });
    } else {
      this.inner.post(command);
    }
  }
}

const JOIN_RETRY_MS = 500;
const JOIN_TIMEOUT_MS = 10_000;

/**
 * The trainee tab's transport: a view of a run the instructor's tab owns. `join` asks for a
 * catch-up (retrying until the owner answers or the timeout passes); worker messages are
 * delivered only after the welcome, in the owner's order. Acks are not sent (the owner's own UI
 * paces the worker); the owner ignores the trainee's pause and speed.
 */
export class ChannelTransport implements RunTransport {
  private callback: (message: FromWorker) => void = () => {};
  private readonly channel: ChannelLike;
  private joined = false;
  private closed = false;
  private ended = false;
  private retry: ReturnType<typeof setInterval> | undefined;
  private timeout: ReturnType<typeof setTimeout> | undefined;
  /** Watches the owner's heartbeat once joined; `lost` is what the store was last told. */
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private lost = false;

  constructor(
    readonly runId: string,
    channel: ChannelLike = openChannel(runId),
  ) {
    this.channel = channel;
  }

  /** Joins the run: `onWelcome` runs before the catch-up messages reach onMessage. */
  join(onWelcome: (welcome: TraineeWelcome) => void, timeoutMs = JOIN_TIMEOUT_MS): void {
    const joinId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    this.channel.onmessage = (event) => {
      const data = event.data as ChannelMessage;
      if (typeof data !== 'object' || data === null) return;
      if (data.kind === 'welcome' && data.joinId === joinId && !this.joined) {
        this.joined = true;
        this.stopRetrying();
        this.lastHeard = Date.now();
        this.watchdog = unref(setInterval(() => this.checkLink(), HEARTBEAT_MS / 2));
        onWelcome(data.welcome);
        this.callback(data.ready);
        this.callback(data.snapshot);
        return;
      }
      if (!this.joined || data.kind === 'join' || data.kind === 'command' || data.kind === 'welcome') return;
      this.heard();
      if (data.kind === 'relay') {
        if (data.message.type === 'ended') {
          this.ended = true;
          this.stopWatching();
        }
        this.callback(data.message);
      } else if (data.kind === 'unlock') {
        this.callback({ type: 'unlocked' });
      } else if (data.kind === 'closed' && !this.ended) {
        this.stopWatching();
        this.callback({ type: 'error', message: 'The instructor closed this run.' });
      }
    };
    const ask = () => this.channel.postMessage({ kind: 'join', joinId } satisfies ChannelMessage);
    ask();
    this.retry = setInterval(ask, JOIN_RETRY_MS);
    this.timeout = setTimeout(() => {
      this.stopRetrying();
      if (!this.joined) {
        this.callback({
          type: 'error',
          message:
            "No instructor's console is running this run. Open the trainee view from the instructor's game-master panel.",
        });
      }
    }, timeoutMs);
  }

  post(message: ToWorker): void {
    if (this.closed || message.type === 'ack') return;
    this.channel.postMessage({ kind: 'command', message } satisfies ChannelMessage);
  }
  onMessage(callback: (message: FromWorker) => void): void {
    this.callback = callback;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopRetrying();
    this.stopWatching();
    this.channel.onmessage = null;
    this.channel.close();
  }

  /** The owner said something: the link is alive (again). */
  private heard(): void {
    this.lastHeard = Date.now();
    if (!this.lost) return;
    this.lost = false;
    this.callback({ type: 'link', lost: false });
  }

  private checkLink(): void {
    if (this.lost || Date.now() - this.lastHeard <= LINK_LOST_MS) return;
    this.lost = true;
    this.callback({ type: 'link', lost: true });
  }

  private stopWatching(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private stopRetrying(): void {
    if (this.retry) clearInterval(this.retry);
    if (this.timeout) clearTimeout(this.timeout);
    this.retry = undefined;
    this.timeout = undefined;
  }
}
