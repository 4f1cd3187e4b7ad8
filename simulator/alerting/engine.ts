/**
 * The scenario's alerting rules, evaluated inside the engine so the CLI, the UI and the scoring
 * see the same pages. Each group runs every `interval`, on absolute multiples of it (like the
 * scrape), over the run's Prometheus view kept incrementally (prom/accumulate.ts: only the
 * series some rule's selectors select; each rule reads its own subset), through Prometheus 2.42's rule state machine (prom/alert-rules.ts:
 * pending, firing after `for`, keep_firing_for). A rule's state for the console is the union of
 * its alerts: firing when any of them fires, pending when any is pending. Every tick costs the
 * integration of the read families only; an evaluation allocates (the evaluator's vectors), once
 * per interval.
 */
import type { AlertState, AlertStatus, MetricStore } from '../engine/api';
import type { PromLabels } from '../prom/types';
import { labelsKey } from '../prom/labels';
import { Alertmanager, type Notification } from './alertmanager/index';
import type { Expr } from '../prom/ast';
import { PromAccumulator } from '../prom/accumulate';
import { AlertRuleState } from '../prom/alert-rules';
import { evaluateParsedInstant } from '../prom/evaluate';
import { parsePromQL } from '../prom/parse';
import { selectedByAny, vectorSelectors } from '../prom/selectors';
import type { PromSource } from '../prom/types';
import type { Sample } from '../prom/values';
import type { Receiver, Scenario, Severity } from '../scenario/schema';
import { scenarioAlerts, type ScenarioAlert } from './rules';

/** Scrape interval of the engine's view: Prometheus's usual 15 s. */
export const SCRAPE_SECONDS = 15;

class MutableAlertState implements AlertState {
  status: AlertStatus = 'inactive';
  since = 0;
  value = NaN;
  silencedBy: string | undefined = undefined;
  inhibited = false;
  constructor(
    readonly name: string,
    readonly severity: Severity,
    readonly route: Receiver,
  ) {}
}

export interface AlertTransition {
  readonly name: string;
  readonly status: 'firing' | 'resolved';
  readonly t: number;
  readonly value: number;
  readonly severity: Severity;
  readonly route: Receiver;
}

export type AlertSink = (transition: AlertTransition) => void;
export type NotificationSink = (notification: Notification) => void;

interface CompiledRule {
  readonly alert: ScenarioAlert;
  readonly expr: Expr;
  readonly selects: (labels: Readonly<Record<string, string>>) => boolean;
  /** The series its selectors can select, set once the view exists. */
  source?: PromSource;
  readonly machine: AlertRuleState;
  readonly state: MutableAlertState;
  readonly everyTicks: number;
  failed: boolean;
  /** Its alerts sent to Alertmanager as firing, by label-set key. */
  firing: Map<string, PromLabels>;
  /** The map send() fills next, then swaps with `firing`. */
  spare: Map<string, PromLabels>;
}

export class AlertEngine {
  readonly states: AlertState[] = [];
  readonly errors: string[] = [];
  private readonly rules: CompiledRule[] = [];
  private readonly view: PromAccumulator | undefined;
  /** Receives the firing and resolved alerts per series and notifies by group. */
  readonly alertmanager: Alertmanager;
  /** Next time a silence starts or ends: the console's muted flags are recomputed then. */
  private nextSilenceChange = Infinity;

  constructor(
    scenario: Pick<Scenario, 'alerting' | 'nodes'>,
    store: MetricStore,
    tickSeconds: number,
    private readonly sink: AlertSink,
    /** Where an evaluation error goes (once per rule); construction errors are in `errors`. */
    private readonly report: (message: string) => void = () => {},
    notify: NotificationSink = () => {},
  ) {
    this.alertmanager = new Alertmanager(scenario.alerting, notify);
    this.errors.push(...this.alertmanager.errors);
    this.planSilenceChange(0);
    for (const alert of scenarioAlerts(scenario)) {
      const parsed = parsePromQL(alert.expr);
      if (!parsed.ok) {
        this.errors.push(`alert "${alert.name}": ${parsed.error} at column ${parsed.position + 1}`);
        continue;
      }
      const state = new MutableAlertState(alert.name, alert.severity, alert.route);
      this.states.push(state);
      this.rules.push({
        alert,
        expr: parsed.expr,
        selects: selectedByAny(vectorSelectors(parsed.expr)),
        machine: new AlertRuleState({
          alert: alert.name,
          expr: alert.expr,
          forMs: alert.for * 1000,
          keepFiringForMs: alert.keepFiringFor * 1000,
          labels: alert.labels,
        }),
        state,
        everyTicks: Math.max(1, Math.round(alert.interval / tickSeconds)),
        failed: false,
        firing: new Map(),
        spare: new Map(),
      });
    }
    if (this.rules.length === 0) return;
    // Only the series some rule selects are integrated, and each rule selects among its own.
    const view = new PromAccumulator(
      {
        series: store.series,
        tickSeconds,
        value: (index, tick) => store.at(index, tick),
        ...(store.readTick
          ? { readTick: (tick: number, out: Float64Array) => store.readTick!(tick, out) }
          : {}),
      },
      scenario.nodes,
      { scrapeSeconds: SCRAPE_SECONDS, keep: (labels) => this.rules.some((r) => r.selects(labels)) },
    );
    for (const rule of this.rules) rule.source = view.subset(rule.selects);
    this.view = view;
  }

  /** Takes the tick just recorded (`tick`, at simulated time t) into the view; evaluates the groups due. */
  evaluate(tick: number, t: number): void {
    const view = this.view;
    if (!view) return;
    view.advanceTo(tick);
    const timeMs = Math.round(t * 1000);
    let evaluated = false;
    for (const rule of this.rules) {
      if (tick % rule.everyTicks !== 0) continue;
      evaluated = true;
      const result = evaluateParsedInstant(rule.source!, rule.expr, timeMs);
      let samples: readonly Sample[] = [];
      if (!result.ok) {
        if (!rule.failed) this.report(`alert "${rule.alert.name}": ${result.error}`);
        rule.failed = true;
      } else if (result.value.type === 'vector') samples = result.value.samples;
      else if (result.value.type === 'scalar') samples = [{ labels: {}, value: result.value.value }];
      const alerts = rule.machine.step(timeMs, samples);
      this.send(rule, alerts, t);
      this.update(rule, alerts, t);
    }
    // Alertmanager after every rule of the tick: group flushes see the whole evaluation.
    this.alertmanager.dispatcher.tick(t);
    if (evaluated || t >= this.nextSilenceChange) this.markMuted(t);
  }

  /** Creates a silence from `t` (a trainee's step); the console's flags follow at once. */
  silence(input: Parameters<Alertmanager['add']>[0], t: number): ReturnType<Alertmanager['add']> {
    const made = this.alertmanager.add(input);
    if (made.ok) this.markMuted(t);
    return made;
  }

  /** The rule names whose firing alerts a silence mutes at `t`, each once, in rule order. */
  silencedNames(silenceId: string, t: number): string[] {
    const am = this.alertmanager.dispatcher;
    return this.rules
      .filter((r) => [...r.firing.values()].some((labels) => am.silenceOf(labels, t)?.id === silenceId))
      .map((r) => r.alert.name);
  }

  /** Prometheus's side of the pipeline: firing alerts (every evaluation) and those that resolved. */
  private send(rule: CompiledRule, alerts: ReturnType<AlertRuleState['step']>, t: number): void {
    const am = this.alertmanager.dispatcher;
    const was = rule.firing;
    if (was.size === 0 && alerts.length === 0) return;
    // Empty: it was `firing` until the last send, which cleared it.
    const now = rule.spare;
    for (const a of alerts) {
      if (!a.firing) continue;
      const key = labelsKey(a.labels);
      now.set(key, a.labels);
      am.firing(a.labels, t, t);
    }
    for (const [key, labels] of was) if (!now.has(key)) am.resolved(labels, t);
    was.clear();
    rule.firing = now;
    rule.spare = was;
  }

  /** A rule is silenced (inhibited) when every one of its firing alerts is. */
  private markMuted(t: number): void {
    const am = this.alertmanager.dispatcher;
    for (const rule of this.rules) {
      let silencedBy: string | undefined;
      let allSilenced = rule.firing.size > 0;
      let allInhibited = rule.firing.size > 0;
      for (const labels of rule.firing.values()) {
        const s = am.silenceOf(labels, t);
        if (s) silencedBy ??= s.id;
        else allSilenced = false;
        if (!am.isInhibited(labels)) allInhibited = false;
      }
      rule.state.silencedBy = allSilenced ? silencedBy : undefined;
      rule.state.inhibited = allInhibited;
    }
    this.planSilenceChange(t);
  }

  private planSilenceChange(t: number): void {
    let next = Infinity;
    for (const s of this.alertmanager.silences) {
      if (s.startsAt > t) next = Math.min(next, s.startsAt);
      if (s.endsAt > t) next = Math.min(next, s.endsAt);
    }
    this.nextSilenceChange = next;
  }

  private update(rule: CompiledRule, alerts: ReturnType<AlertRuleState['step']>, t: number): void {
    const { state, alert } = rule;
    const firing = alerts.find((a) => a.firing);
    const status: AlertStatus = firing ? 'firing' : alerts.length > 0 ? 'pending' : 'inactive';
    state.value = (firing ?? alerts[0])?.value ?? NaN;
    if (status === state.status) return;
    const was = state.status;
    state.status = status;
    state.since = status === 'pending' ? alerts[0]!.activeAtMs / 1000 : t;
    if (status === 'firing' || was === 'firing')
      this.sink({
        name: alert.name,
        status: status === 'firing' ? 'firing' : 'resolved',
        t,
        value: state.value,
        severity: alert.severity,
        route: alert.route,
      });
  }
}
