/**
 * The scenario's Alertmanager: its route tree, inhibit rules and silences around the dispatcher.
 * The engine (alerting/engine.ts) sends it Prometheus's firing and resolved alerts per series and
 * ticks it; it answers notifications (one per group flush that notifies) and which alerts are
 * silenced or inhibited, for the console.
 */
import type { AlertingSection } from '../../scenario/schema';
import { Dispatcher, type AmAlert, type Notification } from './dispatcher';
import { compileInhibitRules } from './inhibit';
import { compileRoute, formatLabels } from './routes';
import { makeSilence, type Silence, type SilenceInput, type SilenceResult } from './silences';

export type { AmAlert, Notification } from './dispatcher';
export type { Silence, SilenceInput } from './silences';

export class Alertmanager {
  readonly dispatcher: Dispatcher;
  /** Scenario silences that did not validate (the validator reports them with their path). */
  readonly errors: string[] = [];
  private seq = 0;

  constructor(section: AlertingSection, notify: (n: Notification) => void) {
    this.dispatcher = new Dispatcher(
      compileRoute(section.route),
      compileInhibitRules(section.inhibit_rules),
      notify,
    );
    (section.silences ?? []).forEach((s, i) => {
      const made = this.add(s);
      if (!made.ok) this.errors.push(`alerting.silences[${i}]: ${made.error}`);
    });
  }

  get silences(): readonly Silence[] {
    return this.dispatcher.silences;
  }

  /** Creates a silence (ids are sequential, so a replay gives the same ids). */
  add(input: SilenceInput): SilenceResult {
    const made = makeSilence(`silence-${++this.seq}`, input);
    if (made.ok) this.dispatcher.addSilence(made.silence);
    else this.seq--;
    return made;
  }
}

/** A notification's one-line text, like Alertmanager's default title: `[FIRING:2] ApiErrors {service="api"}`. */
export function notificationText(n: Notification): string {
  const names = (alerts: readonly AmAlert[]) => [...new Set(alerts.map((a) => a.labels.alertname ?? '?'))];
  const head = n.firing.length > 0 ? `[FIRING:${n.firing.length}]` : '[RESOLVED]';
  const shown = names(n.firing.length > 0 ? n.firing : n.resolved).join(', ');
  const grouped = Object.keys(n.groupLabels).filter((k) => k !== 'alertname');
  const labels = grouped.length
    ? ` ${formatLabels(Object.fromEntries(grouped.map((k) => [k, n.groupLabels[k]!])))}`
    : '';
  const resolved = n.firing.length > 0 && n.resolved.length > 0 ? ` (${n.resolved.length} resolved)` : '';
  return `${head} ${shown}${labels}${resolved}`;
}

/** Alert names of a notification's alerts, comma-separated, each once (the event's data). */
export function alertNames(alerts: readonly AmAlert[]): string {
  return [...new Set(alerts.map((a) => a.labels.alertname ?? '?'))].join(',');
}
