/**
 * Alert rules evaluated inside the engine every tick, so the CLI, the UI and the scoring see the
 * same pages: inactive -> pending (condition true) -> firing (true for `for` seconds) -> resolved
 * (back to inactive, with an event). Allocation-free per tick once compiled.
 */
import type { AlertState, AlertStatus, MetricStore } from '../engine/api';
import type { Alert } from '../scenario/schema';
import { compare, matchesLabels, parseAlertExpr, type AlertExpr } from './expr';

class MutableAlertState implements AlertState {
  status: AlertStatus = 'inactive';
  since = 0;
  value = NaN;
  constructor(
    readonly name: string,
    readonly severity: Alert['severity'],
    readonly route: Alert['route'],
  ) {}
}

interface CompiledRule {
  readonly alert: Alert;
  readonly expr: AlertExpr;
  readonly series: Int32Array;
  readonly windowTicks: number;
  readonly state: MutableAlertState;
  /** For > and >= the worst series is the highest, for < and <= the lowest. */
  readonly wantsMax: boolean;
}

export interface AlertTransition {
  readonly name: string;
  readonly status: 'firing' | 'resolved';
  readonly t: number;
  readonly value: number;
  readonly severity: Alert['severity'];
  readonly route: Alert['route'];
}

export type AlertSink = (transition: AlertTransition) => void;

export class AlertEngine {
  readonly states: AlertState[] = [];
  readonly errors: string[] = [];
  private readonly rules: CompiledRule[] = [];

  constructor(
    alerts: readonly Alert[],
    private readonly store: MetricStore,
    tickSeconds: number,
    private readonly sink: AlertSink,
  ) {
    for (const alert of alerts) {
      const parsed = parseAlertExpr(alert.expr);
      if (!parsed.ok) {
        this.errors.push(`alert "${alert.name}": ${parsed.error} at column ${parsed.column}`);
        continue;
      }
      const expr = parsed.expr;
      const series = store.series
        .filter((s) => s.metric === expr.metric && matchesLabels(expr, s.labels))
        .map((s) => s.index);
      if (series.length === 0) this.errors.push(`alert "${alert.name}": no series matches ${alert.expr}`);
      const state = new MutableAlertState(alert.name, alert.severity, alert.route);
      this.states.push(state);
      this.rules.push({
        alert,
        expr,
        series: Int32Array.from(series),
        windowTicks: expr.fn ? Math.max(1, Math.round(expr.window / tickSeconds)) : 1,
        state,
        wantsMax: expr.op === '>' || expr.op === '>=' || expr.op === '==' || expr.op === '!=',
      });
    }
  }

  /** Evaluates every rule against the latest recorded tick (`tick`, at simulated time t). */
  evaluate(tick: number, t: number): void {
    for (let r = 0; r < this.rules.length; r++) {
      const rule = this.rules[r]!;
      const { expr, series, state } = rule;
      let worst = NaN;
      let hit = false;
      for (let s = 0; s < series.length; s++) {
        const v = this.valueOf(rule, series[s]!, tick);
        if (v !== v) continue; // NaN: no data
        if (compare(expr.op, v, expr.threshold)) {
          if (!hit || (rule.wantsMax ? v > worst : v < worst)) worst = v;
          hit = true;
        } else if (!hit && (worst !== worst || (rule.wantsMax ? v > worst : v < worst))) worst = v;
      }
      state.value = worst;
      if (hit) {
        if (state.status === 'inactive') {
          state.status = 'pending';
          state.since = t;
        }
        if (state.status === 'pending' && t - state.since >= rule.alert.for) {
          state.status = 'firing';
          state.since = t;
          this.sink({
            name: rule.alert.name,
            status: 'firing',
            t,
            value: worst,
            severity: rule.alert.severity,
            route: rule.alert.route,
          });
        }
      } else if (state.status !== 'inactive') {
        const wasFiring = state.status === 'firing';
        state.status = 'inactive';
        state.since = t;
        if (wasFiring) {
          this.sink({
            name: rule.alert.name,
            status: 'resolved',
            t,
            value: worst,
            severity: rule.alert.severity,
            route: rule.alert.route,
          });
        }
      }
    }
  }

  private valueOf(rule: CompiledRule, series: number, tick: number): number {
    const fn = rule.expr.fn;
    if (!fn) return this.store.at(series, tick);
    let acc = fn === 'max_over_time' ? -Infinity : fn === 'min_over_time' ? Infinity : 0;
    let count = 0;
    for (let k = 0; k < rule.windowTicks; k++) {
      const v = this.store.at(series, tick - k);
      if (v !== v) break;
      if (fn === 'max_over_time') acc = v > acc ? v : acc;
      else if (fn === 'min_over_time') acc = v < acc ? v : acc;
      else acc += v;
      count++;
    }
    if (count === 0) return NaN;
    return fn === 'avg_over_time' ? acc / count : acc;
  }
}
