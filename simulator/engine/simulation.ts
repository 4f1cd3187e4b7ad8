/**
 * The Simulation: wires the compiled model, state, passes, metrics, alerts, logs and traces.
 * One step = lifecycle (image pulls) -> faults -> disks -> routing -> demand pass -> capacity pass -> scrape path -> record -> alerts -> samples
 * (alerting rules run every group interval over the incremental Prometheus view).
 */
import { alertNames, notificationText, type Notification } from '../alerting/alertmanager/index';
import { AlertEngine, type AlertTransition } from '../alerting/engine';
import { formatDuration } from '../scenario/duration';
import { CommsDirector } from '../comms/director';
import { EscalationDirector } from '../comms/escalation';
import { responderReport } from '../comms/responder-report';
import type { Team } from '../scenario/escalation';
import { shellContext } from '../shell/context';
import { Rng } from '../random/prng';
import type { Scenario } from '../scenario/schema';
import { applyAction, type ActionHost } from './action-effects';
import type {
  ActionCommand,
  ActionResult,
  AlertState,
  EventKind,
  FaultCommand,
  LogLine,
  SilenceCommand,
  NodeLive,
  RouteLive,
  SimEvent,
  Simulation,
  SimulationOptions,
  Trace,
} from './api';
import { capacityPass } from './capacity';
import { compile, QUEUE, type Model } from './compile';
import { demandPass } from './demand';
import { diskPass } from './disk-model';
import { FaultTimeline } from './fault-effects';
import { lifecyclePass } from './lifecycle';
import { liveNodes } from './live-nodes';
import { brokenHop, notifyPath } from './notify-path';
import { LogRing } from './logs';
import { RingMetricStore } from './metrics';
import { routingPass } from './routing';
import { scrapePass } from './scrape-path';
import { State } from './state';
import { TraceRing } from './traces';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly node: number;
  readonly text: string;
  readonly run: () => void;
  /** No action-effective event (an internal step such as an image pull retry). */
  readonly quiet: boolean;
}

export class SimulationImpl implements Simulation, ActionHost {
  readonly model: Model;
  readonly st: State;
  readonly faults: FaultTimeline;
  readonly metrics: RingMetricStore;
  readonly tickSeconds: number;
  readonly events: SimEvent[] = [];
  readonly alertTransitions: AlertTransition[] = [];
  private readonly alertEngine: AlertEngine;
  /** The incident channel's scripted stakeholders (simulator/comms). */
  readonly comms: CommsDirector;
  /** Teams the trainee paged, their responders' posts and asked actions (simulator/comms). */
  readonly escalation: EscalationDirector;
  private readonly rng: Rng;
  private readonly sampleRng: Rng;
  private readonly logRing: LogRing;
  private readonly traceRing: TraceRing;
  private readonly pending: Pending[] = [];
  private pendingSeq = 0;
  /** alerting.notifyVia as node indices, and the notifications waiting for it to work again. */
  private readonly notifyPath: Int32Array;
  private readonly heldNotifications: Notification[] = [];
  private tickNo = 0;
  readonly emit = (
    kind: EventKind,
    node: number,
    text: string,
    hidden = false,
    data?: Readonly<Record<string, string | number | boolean>>,
  ): void => {
    this.events.push({
      t: this.time,
      kind,
      node: node >= 0 ? this.model.ids[node] : undefined,
      text,
      hidden,
      ...(data ? { data } : {}),
    });
  };

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.model = compile(scenario);
    this.st = new State(this.model);
    this.notifyPath = notifyPath(this.model, scenario.alerting.notifyVia);
    this.tickSeconds = scenario.tickSeconds;
    const seed = options.seed ?? scenario.seed;
    this.rng = new Rng(seed);
    this.sampleRng = new Rng(seed ^ 0x5bd1e995);
    const history = options.historyTicks ?? Math.ceil(scenario.duration / scenario.tickSeconds) + 1;
    this.metrics = new RingMetricStore(this.model, this.st, history, options.metricArena);
    this.logRing = new LogRing(this.model, this.st, options.logCapacity ?? 500);
    this.traceRing = new TraceRing(this.model, this.st, options.traceCapacity ?? 100, seed);
    this.faults = new FaultTimeline(this.model, this.st, this.emit);
    for (const f of scenario.faults) {
      const added = this.faults.add({ ...f, at: f.at });
      if (!added.ok) this.emit('note', -1, `fault ignored: ${added.error}`, true);
    }
    this.alertEngine = new AlertEngine(
      scenario,
      this.metrics,
      this.tickSeconds,
      (tr) => {
        this.alertTransitions.push(tr);
        this.events.push({
          t: tr.t,
          kind: tr.status === 'firing' ? 'alert-firing' : 'alert-resolved',
          text: `${tr.status === 'firing' ? 'FIRING' : 'RESOLVED'} [${tr.severity}] ${tr.name}`,
          hidden: false,
          data: { alert: tr.name, value: tr.value, severity: tr.severity, route: tr.route },
        });
      },
      (error) => this.emit('note', -1, error, true),
      (n) => this.notify(n),
    );
    for (const error of this.alertEngine.errors) this.emit('note', -1, error, true);
    this.comms = new CommsDirector(scenario, this.metrics, this.tickSeconds, (event) =>
      this.events.push({ ...event, t: this.time }),
    );
    const now = () => this.time;
    this.escalation = new EscalationDirector({
      scenario,
      tickSeconds: this.tickSeconds,
      get time() {
        return now();
      },
      push: (event) => this.events.push({ ...event, t: this.time }),
      apply: (command, team) => this.applyFor(command, team),
      report: (team) => {
        const { metrics } = this;
        return responderReport(team, {
          ...shellContext(this),
          edgeMetric: (metric, from, to) => {
            const i = metrics.find(metric, from, { to });
            return i < 0 ? NaN : metrics.latest(i);
          },
        });
      },
    });
    // Settle capacities and idle latencies before the first tick.
    capacityPass(this.model, this.st, 0, this.tickSeconds);
  }

  /** Alertmanager's notification: out at once, or held while alerting.notifyVia is broken. */
  private notify(n: Notification): void {
    const hop = this.notifyPath.length > 0 ? brokenHop(this.model, this.st, this.notifyPath) : -1;
    if (hop >= 0) {
      this.heldNotifications.push(n);
      this.emit(
        'note',
        hop,
        `Alertmanager: notify to ${n.receiver} failed (${notificationText(n)}): the path through ${this.model.ids[hop]} is failing; retrying`,
        true,
      );
      return;
    }
    this.deliver(n, n.t);
  }

  /** The held notifications, in order, once the path works again (Alertmanager's retry succeeds). */
  private deliverHeld(t: number): void {
    for (const n of this.heldNotifications.splice(0)) this.deliver(n, t);
  }

  private deliver(n: Notification, t: number): void {
    this.events.push({
      t,
      kind: 'notification',
      text: notificationText(n),
      hidden: false,
      data: {
        receiver: n.receiver,
        group: n.groupKey,
        firing: n.firing.length,
        alerts: alertNames(n.firing),
        resolved: alertNames(n.resolved),
        new: alertNames(n.newlyFiring),
        reason: n.reason,
        ...(t > n.t ? { delayed: t - n.t } : {}),
      },
    });
  }

  get tick(): number {
    return this.tickNo;
  }
  get time(): number {
    return this.tickNo * this.tickSeconds;
  }
  now(): number {
    return this.time;
  }
  get randomDraws(): number {
    return this.rng.draws;
  }
  get alerts(): readonly AlertState[] {
    return this.alertEngine.states;
  }

  step(): void {
    const t = this.time;
    const dt = this.tickSeconds;
    while (this.pending.length > 0 && this.pending[0]!.at <= t + 1e-9) {
      const p = this.pending.shift()!;
      p.run();
      if (!p.quiet) this.emit('action-effective', p.node, p.text);
    }
    this.escalation.evaluate(t);
    this.faults.update(t);
    lifecyclePass(this.model, this.st, t, dt, this.emit);
    if (this.model.disk.count > 0) diskPass(this.model, this.st, dt, this.emit);
    if (this.model.routing.count > 0) routingPass(this.model, this.st, t, dt, this.emit);
    demandPass(this.model, this.st, this.rng, t, dt);
    capacityPass(this.model, this.st, t, dt);
    if (this.model.scrapeVia.length > 0) scrapePass(this.model, this.st, this.emit);
    this.metrics.record();
    this.alertEngine.evaluate(this.tickNo, t);
    if (this.heldNotifications.length > 0 && brokenHop(this.model, this.st, this.notifyPath) < 0)
      this.deliverHeld(t);
    this.comms.evaluate(t);
    this.logRing.sample(this.tickNo, t, this.sampleRng);
    this.traceRing.sample(this.tickNo, t, this.sampleRng, this.logRing);
    this.tickNo++;
  }

  runUntil(seconds: number): void {
    while (this.time < seconds - 1e-9) this.step();
  }

  schedule(at: number, node: number, text: string, run: () => void, quiet = false): void {
    const entry: Pending = { at, seq: this.pendingSeq++, node, text, run, quiet };
    let k = this.pending.length;
    while (k > 0 && this.pending[k - 1]!.at > at) k--;
    this.pending.splice(k, 0, entry);
  }

  apply(command: ActionCommand): ActionResult {
    try {
      const scripted = this.scenario.actions.find(
        (a) => a.type === command?.type && a.target === command?.target,
      );
      return applyAction(this, command, scripted?.delay);
    } catch (e) {
      return {
        ok: false,
        message: `The action could not be applied: ${e instanceof Error ? e.message : String(e)}.`,
      };
    }
  }

  escalate(team: Team, text: string): ActionResult {
    return this.escalation.page(team, text);
  }

  ask(team: Team, command: ActionCommand): ActionResult {
    return this.escalation.ask(team, command);
  }

  /** A responder's action: the trainee's rules, its event tagged with the team (data.by). */
  private applyFor(command: ActionCommand, team: Team): ActionResult {
    const from = this.events.length;
    const result = this.apply(command);
    for (let i = from; i < this.events.length; i++) {
      const e = this.events[i]!;
      if (e.kind === 'action') this.events[i] = { ...e, data: { ...e.data, by: team } };
    }
    return result;
  }

  inject(fault: FaultCommand): ActionResult {
    const at = fault.at ?? this.time;
    const added = this.faults.add({ ...fault, at });
    if (!added.ok) return { ok: false, message: `Cannot inject: ${added.error}.` };
    const message = `Injected ${fault.type} on ${fault.target} at ${at} s${fault.duration !== undefined ? ` for ${fault.duration} s` : ''}.`;
    return { ok: true, message, effectiveAt: at };
  }

  silence(command: SilenceCommand): ActionResult {
    const t = this.time;
    const duration = Number(command?.duration);
    if (!(duration > 0) || !Number.isFinite(duration))
      return { ok: false, message: 'Cannot silence: the duration must be a positive number of seconds.' };
    const made = this.alertEngine.silence(
      {
        matchers: Array.isArray(command.matchers) ? command.matchers.map(String) : [],
        startsAt: t,
        endsAt: t + duration,
        createdBy: command.createdBy ?? 'trainee',
        comment: String(command.comment ?? ''),
      },
      t,
    );
    if (!made.ok) return { ok: false, message: `Cannot silence: ${made.error}.` };
    const s = made.silence;
    const names = this.alertEngine.silencedNames(s.id, t);
    const pages = names.filter((n) => this.alerts.find((a) => a.name === n)?.route === 'page');
    const text = `Silenced ${s.matchers.join(', ')} for ${formatDuration(duration)}: ${s.comment}`;
    this.events.push({
      t,
      kind: 'silence',
      text,
      hidden: false,
      data: {
        id: s.id,
        matchers: JSON.stringify(s.matchers),
        endsAt: s.endsAt,
        createdBy: s.createdBy,
        comment: s.comment,
        silenced: names.join(','),
        pages: pages.join(','),
      },
    });
    return { ok: true, message: text, effectiveAt: t };
  }

  logs(since = -Infinity): readonly LogLine[] {
    return this.logRing.lines(since);
  }
  traces(since = -Infinity): readonly Trace[] {
    return this.traceRing.traces(since);
  }
  liveNodes(): readonly NodeLive[] {
    return liveNodes(this.scenario, this.model, this.st);
  }
  liveRoutes(): readonly RouteLive[] {
    const rm = this.model.routing;
    const rs = this.st.routing;
    const out: RouteLive[] = [];
    for (let x = 0; x < rm.edges.length; x++) {
      const e = rm.edges[x]!;
      out.push({
        router: this.model.ids[this.model.from[e]!]!,
        target: this.model.ids[this.model.to[e]!]!,
        weight: rm.weight[x]!,
        healthy: rs.healthy[x] === 1,
        share: rs.share[x]!,
      });
    }
    return out;
  }
  record(event: Omit<SimEvent, 't'>): void {
    const recorded = { ...event, t: this.time };
    this.events.push(recorded);
    this.comms.observe(recorded);
  }

  /** Conservation counters for one node (tests, debugging). */
  totals(id: string): { offered: number; served: number; failed: number; queued: number } | undefined {
    const i = this.model.index.get(id);
    if (i === undefined) return undefined;
    const st = this.st;
    return {
      offered: st.offeredTotal[i]!,
      served: st.servedTotal[i]!,
      failed: st.failedTotal[i]!,
      // A queue holds its backlog; other nodes the requests in the system (waiting or in service).
      queued: this.model.kind[i] === QUEUE ? st.backlog[i]! : st.inSystem[i]!,
    };
  }
}
