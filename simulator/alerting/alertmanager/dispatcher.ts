/**
 * Alertmanager's notification pipeline, simulated in simulated seconds (dispatch/dispatch.go and
 * notify/notify.go of Alertmanager 0.25):
 * - each alert goes to the routes it matches and, on each, to the aggregation group of its
 *   group_by values; a new group notifies after group_wait, then looks again every group_interval
 *   (a flush), whether or not it notified;
 * - at a flush, silenced and inhibited alerts are dropped (MuteStage); if none is left nothing
 *   is sent; else the notification log decides (DedupStage.needsUpdate): notify when an alert
 *   fires that the last notification did not list as firing, when every alert has resolved (and
 *   the last one listed some as firing), when an alert resolved since (send_resolved, on for every
 *   receiver here), or when repeat_interval has passed since the last notification;
 * - after a flush the resolved alerts leave the group, and an empty group is deleted (the
 *   notification log, keyed by group, stays: a group created again remembers what it last sent).
 * So an alert that resolves and fires again between two flushes does not notify again: the flap
 * is absorbed by the group.
 */
import { labelsKey } from '../../prom/labels';
import type { Receiver } from '../../scenario/schema';
import { inhibited, type CompiledInhibitRule } from './inhibit';
import { formatLabels, groupLabels, matchRoutes, type Labels, type RouteNode } from './routes';
import { silencedBy, type Silence } from './silences';

export interface AmAlert {
  /** The label-set key (Alertmanager's fingerprint). */
  readonly key: string;
  readonly labels: Labels;
  /** When it started firing. */
  startsAt: number;
  /** When it resolved; undefined while firing. */
  endsAt: number | undefined;
}

export type NotifyReason = 'first notification' | 'new alerts' | 'resolved' | 'all resolved' | 'repeat';

export interface Notification {
  readonly t: number;
  readonly receiver: Receiver;
  /** `alerting.route.routes[0]:{service="api"}`: the route and the group labels. */
  readonly groupKey: string;
  readonly groupLabels: Labels;
  readonly firing: readonly AmAlert[];
  readonly resolved: readonly AmAlert[];
  /** Firing alerts the last notification of the group did not list as firing. */
  readonly newlyFiring: readonly AmAlert[];
  readonly reason: NotifyReason;
}

interface Group {
  readonly key: string;
  readonly route: RouteNode;
  readonly labels: Labels;
  readonly alerts: Map<string, AmAlert>;
  nextFlush: number;
}

interface LogEntry {
  readonly firing: ReadonlySet<string>;
  readonly resolved: ReadonlySet<string>;
  readonly at: number;
}

export class Dispatcher {
  /** Every alert Alertmanager holds, by fingerprint. */
  readonly alerts = new Map<string, AmAlert>();
  readonly silences: Silence[] = [];
  private readonly groups = new Map<string, Group>();
  /** The groups in creation order: tick() walks it by index (no iterator per tick). */
  private readonly groupList: Group[] = [];
  private readonly log = new Map<string, LogEntry>();
  /** The routes an alert reaches, with its group's labels and key on each, by fingerprint. */
  private readonly routesOf = new Map<
    string,
    readonly { readonly route: RouteNode; readonly labels: Labels; readonly key: string }[]
  >();

  constructor(
    private readonly root: RouteNode,
    private readonly inhibitRules: readonly CompiledInhibitRule[],
    private readonly notify: (n: Notification) => void,
  ) {}

  /** Prometheus sends a firing alert (at every evaluation while it fires). */
  firing(labels: Labels, startsAt: number, t: number): void {
    const key = labelsKey(labels);
    let alert = this.alerts.get(key);
    if (!alert) this.alerts.set(key, (alert = { key, labels, startsAt, endsAt: undefined }));
    else if (alert.endsAt !== undefined) {
      // A resolved alert firing again is a new alert with the same fingerprint.
      alert.startsAt = startsAt;
      alert.endsAt = undefined;
    }
    this.insert(alert, t);
  }

  /** Prometheus sends the alert as resolved at `t`. */
  resolved(labels: Labels, t: number): void {
    const alert = this.alerts.get(labelsKey(labels));
    if (alert && alert.endsAt === undefined) alert.endsAt = t;
  }

  addSilence(silence: Silence): void {
    this.silences.push(silence);
  }

  /** Whether a silence in force mutes the alert, and which. */
  silenceOf(labels: Labels, t: number): Silence | undefined {
    return silencedBy(this.silences, labels, t);
  }

  /** Whether a firing alert mutes it through an inhibit rule. */
  isInhibited(labels: Labels): boolean {
    if (this.inhibitRules.length === 0) return false;
    return inhibited(this.inhibitRules, labels, this.firingLabels());
  }

  private *firingLabels(): Iterable<Labels> {
    for (const a of this.alerts.values()) if (a.endsAt === undefined) yield a.labels;
  }

  private insert(alert: AmAlert, t: number): void {
    let routes = this.routesOf.get(alert.key);
    if (!routes) {
      routes = matchRoutes(this.root, alert.labels).map((route) => {
        const labels = groupLabels(route, alert.labels);
        return { route, labels, key: `${route.id}:${formatLabels(labels)}` };
      });
      this.routesOf.set(alert.key, routes);
    }
    for (const { route, labels, key } of routes) {
      let group = this.groups.get(key);
      if (!group) {
        group = { key, route, labels, alerts: new Map(), nextFlush: t + route.groupWait };
        this.groups.set(key, group);
        this.groupList.push(group);
      }
      group.alerts.set(alert.key, alert);
    }
  }

  /** Flushes the groups due at `t` (call every tick, after the alerts of the tick are in). */
  tick(t: number): void {
    const list = this.groupList;
    for (let i = 0; i < list.length; i++) {
      const group = list[i]!;
      if (group.nextFlush > t + 1e-9) continue;
      group.nextFlush += group.route.groupInterval;
      this.flush(group, t);
      if (group.alerts.size === 0) {
        this.groups.delete(group.key);
        list.splice(i--, 1);
      }
    }
  }

  /** The groups Alertmanager holds now (for the console), in creation order. */
  activeGroups(): readonly { key: string; receiver: Receiver; labels: Labels; alerts: readonly AmAlert[] }[] {
    return this.groupList.map((g) => ({
      key: g.key,
      receiver: g.route.receiver,
      labels: g.labels,
      alerts: [...g.alerts.values()],
    }));
  }

  private flush(group: Group, t: number): void {
    const firing: AmAlert[] = [];
    const resolved: AmAlert[] = [];
    for (const alert of group.alerts.values()) {
      // Resolved alerts leave the group after this flush, notified or not.
      if (alert.endsAt !== undefined) group.alerts.delete(alert.key);
      if (this.silenceOf(alert.labels, t) || this.isInhibited(alert.labels)) continue;
      (alert.endsAt === undefined ? firing : resolved).push({ ...alert });
    }
    if (firing.length === 0 && resolved.length === 0) return;
    const entry = this.log.get(group.key);
    const reason = needsUpdate(entry, firing, resolved, group.route.repeatInterval, t);
    if (!reason) return;
    this.log.set(group.key, {
      firing: new Set(firing.map((a) => a.key)),
      resolved: new Set(resolved.map((a) => a.key)),
      at: t,
    });
    this.notify({
      t,
      receiver: group.route.receiver,
      groupKey: group.key,
      groupLabels: group.labels,
      firing,
      resolved,
      newlyFiring: firing.filter((a) => !entry?.firing.has(a.key)),
      reason,
    });
  }
}

/** DedupStage.needsUpdate: whether the group notifies, and why (undefined: it does not). */
export function needsUpdate(
  entry: LogEntry | undefined,
  firing: readonly AmAlert[],
  resolved: readonly AmAlert[],
  repeatInterval: number,
  t: number,
): NotifyReason | undefined {
  if (!entry) return firing.length > 0 ? 'first notification' : undefined;
  if (!firing.every((a) => entry.firing.has(a.key)))
    return entry.firing.size === 0 ? 'first notification' : 'new alerts';
  if (firing.length === 0) return entry.firing.size > 0 ? 'all resolved' : undefined;
  if (!resolved.every((a) => entry.resolved.has(a.key))) return 'resolved';
  return entry.at < t - repeatInterval ? 'repeat' : undefined;
}
