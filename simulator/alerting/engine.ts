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
}

export class AlertEngine {
  readonly states: AlertState[] = [];
  readonly errors: string[] = [];
  private readonly rules: CompiledRule[] = [];
  private readonly view: PromAccumulator | undefined;

  constructor(
    scenario: Pick<Scenario, 'alerting' | 'nodes'>,
    store: MetricStore,
    tickSeconds: number,
    private readonly sink: AlertSink,
    /** Where an evaluation error goes (once per rule); construction errors are in `errors`. */
    private readonly report: (message: string) => void = () => {},
  ) {
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
      });
    }
    if (this.rules.length === 0) return;
    // Only the series some rule selects are integrated, and each rule selects among its own.
    const view = new PromAccumulator(
      { series: store.series, tickSeconds, value: (index, tick) => store.at(index, tick) },
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
    for (const rule of this.rules) {
      if (tick % rule.everyTicks !== 0) continue;
      const result = evaluateParsedInstant(rule.source!, rule.expr, timeMs);
      let samples: readonly Sample[] = [];
      if (!result.ok) {
        if (!rule.failed) this.report(`alert "${rule.alert.name}": ${result.error}`);
        rule.failed = true;
      } else if (result.value.type === 'vector') samples = result.value.samples;
      else if (result.value.type === 'scalar') samples = [{ labels: {}, value: result.value.value }];
      this.update(rule, rule.machine.step(timeMs, samples), t);
    }
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
