/**
 * Sends the stakeholders' scripted messages into the incident channel as the run goes: a message
 * triggers at a simulated time, when a metric of a node has been above (or below) a value for a
 * while (read from the engine's metric store, the series alerts and SLOs read), or when the
 * trainee has posted no update for a while since acknowledging (or since their last update).
 *
 * The engine calls `evaluate` once per tick after the metrics are recorded; it allocates only
 * when it sends a message (the event itself), so a quiet tick costs a loop over typed arrays.
 * Every trainee and instructor event passes through `observe`, which is how the director knows
 * about acknowledgements and updates. Deterministic: same scenario, seed and steps, same messages.
 */
import type { MetricStore, SimEvent } from '../engine/api';
import type { Scenario } from '../scenario/schema';
import { commsPlan, memberOf, type CommsPlan } from './cast';

/** Trainee event kinds that count as an update for the silence clock. */
export const UPDATE_EVENT_KINDS: ReadonlySet<string> = new Set(['status-update', 'status-page']);

const NONE = -1;

export class CommsDirector {
  readonly plan: CommsPlan;
  private readonly sent: Uint8Array;
  /** Per message: series index (when triggers), ticks the condition has held. */
  private readonly series: Int32Array;
  private readonly held: Float64Array;
  private acknowledgedAt = NaN;
  private lastUpdateAt = NaN;
  private closed = false;

  constructor(
    scenario: Scenario,
    private readonly metrics: MetricStore,
    private readonly tickSeconds: number,
    private readonly send: (event: Omit<SimEvent, 't'>) => void,
  ) {
    this.plan = commsPlan(scenario);
    const n = this.plan.messages.length;
    this.sent = new Uint8Array(n);
    this.series = new Int32Array(n).fill(NONE);
    this.held = new Float64Array(n);
    this.plan.messages.forEach((m, i) => {
      if (m.trigger.type === 'when') this.series[i] = metrics.find(m.trigger.metric, m.trigger.node);
    });
  }

  /** One tick at simulated time `t`, after the metrics of the tick are recorded. */
  evaluate(t: number): void {
    const messages = this.plan.messages;
    for (let i = 0; i < messages.length; i++) {
      if (this.sent[i]) continue;
      const trigger = messages[i]!.trigger;
      let fire: boolean;
      if (trigger.type === 'at') {
        fire = t >= trigger.at - 1e-9;
      } else if (trigger.type === 'when') {
        const index = this.series[i]!;
        if (index === NONE) continue;
        const v = this.metrics.latest(index);
        const holds = trigger.op === '>' ? v > trigger.value : v < trigger.value; // NaN: false
        this.held[i] = holds ? this.held[i]! + this.tickSeconds : 0;
        // The tick that first holds counts as zero time held, as an alert's `for`.
        fire = holds && this.held[i]! - this.tickSeconds >= trigger.for - 1e-9;
      } else {
        // The silence clock starts at the acknowledgement or the first update, whichever is first.
        if (this.closed) continue;
        const a = this.acknowledgedAt;
        const u = this.lastUpdateAt;
        if (Number.isNaN(a) && Number.isNaN(u)) continue;
        const since = Number.isNaN(u) ? a : Number.isNaN(a) ? u : Math.max(a, u);
        fire = t - since >= trigger.after - 1e-9;
      }
      if (fire) this.fire(i);
    }
  }

  /** A trainee or instructor event was recorded (acknowledge, updates, status page). */
  observe(event: SimEvent): void {
    if (event.kind === 'acknowledge' && Number.isNaN(this.acknowledgedAt)) this.acknowledgedAt = event.t;
    if (!UPDATE_EVENT_KINDS.has(event.kind)) return;
    this.lastUpdateAt = event.t;
    // A new update starts a new silence: each silence message may come again.
    this.plan.messages.forEach((m, i) => {
      if (m.trigger.type === 'silence') this.sent[i] = 0;
    });
    if (event.kind === 'status-page') this.closed = event.data?.state === 'resolved';
  }

  private fire(i: number): void {
    this.sent[i] = 1;
    const message = this.plan.messages[i]!;
    const member = memberOf(this.plan, message.from);
    this.send({
      kind: 'message',
      text: message.text,
      hidden: false,
      data: { from: member.id, name: member.name, role: member.role, index: i },
    });
  }
}
