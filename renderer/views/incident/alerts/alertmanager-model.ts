/**
 * What the Alerts tab shows of the simulated Alertmanager, read from the run's events: the
 * notification groups (each group's last notification), the silences and whether each is in
 * force, and the matchers a new silence starts with (like Alertmanager's UI: the alert's labels,
 * or a group's labels). Pure, so it is unit-tested without React.
 */
import type { AlertState, SimEvent } from '../../../../simulator/engine/api';
import { allMatch, compileMatchers } from '../../../../simulator/alerting/alertmanager/routes';
import type { ScenarioAlert } from '../../../../simulator/alerting/rules';

export interface GroupView {
  readonly key: string;
  readonly receiver: string;
  /** The group's last notification. */
  readonly last: SimEvent;
  readonly firing: readonly string[];
  readonly notifications: number;
}

const names = (value: unknown): string[] =>
  typeof value === 'string' && value !== '' ? value.split(',') : [];

/** Notification groups, most recently notified first. */
export function notificationGroups(events: readonly SimEvent[]): GroupView[] {
  const groups = new Map<string, GroupView>();
  for (const e of events) {
    if (e.kind !== 'notification') continue;
    const key = String(e.data?.group ?? '');
    const before = groups.get(key);
    groups.delete(key);
    groups.set(key, {
      key,
      receiver: String(e.data?.receiver ?? ''),
      last: e,
      firing: names(e.data?.alerts),
      notifications: (before?.notifications ?? 0) + 1,
    });
  }
  return [...groups.values()].reverse();
}

export interface SilenceView {
  readonly id: string;
  readonly matchers: readonly string[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
  readonly active: boolean;
  /** Alerts it muted when it was created. */
  readonly silenced: readonly string[];
}

export function silenceViews(events: readonly SimEvent[], now: number): SilenceView[] {
  return events
    .filter((e) => e.kind === 'silence')
    .map((e) => {
      let matchers: string[] = [];
      try {
        const parsed: unknown = JSON.parse(String(e.data?.matchers ?? '[]'));
        if (Array.isArray(parsed)) matchers = parsed.map(String);
      } catch {
        // An unreadable event shows without matchers rather than breaking the tab.
      }
      const endsAt = Number(e.data?.endsAt ?? e.t);
      return {
        id: String(e.data?.id ?? ''),
        matchers,
        startsAt: e.t,
        endsAt,
        createdBy: String(e.data?.createdBy ?? ''),
        comment: String(e.data?.comment ?? ''),
        active: e.t <= now && now < endsAt,
        silenced: names(e.data?.silenced),
      };
    });
}

const quote = (value: string) => JSON.stringify(value);

/** A rule's silence matchers: alertname and its own labels (severity, team...). */
export function ruleMatchers(rule: Pick<ScenarioAlert, 'labels'>): string[] {
  const { alertname, ...rest } = rule.labels;
  return [
    ...(alertname !== undefined ? [`alertname=${quote(alertname)}`] : []),
    ...Object.keys(rest)
      .sort()
      .map((k) => `${k}=${quote(rest[k]!)}`),
  ];
}

/** A group's silence matchers: its group labels, or its alert names when it groups by nothing. */
export function groupMatchers(group: GroupView): string[] {
  const labels = /:\{(.*)\}$/.exec(group.key)?.[1] ?? '';
  const pairs = labels === '' ? [] : labels.split(/, (?=[a-zA-Z_][a-zA-Z0-9_]*=")/);
  if (pairs.length > 0) return pairs;
  if (group.firing.length === 1) return [`alertname=${quote(group.firing[0]!)}`];
  return group.firing.length ? [`alertname=~${quote(group.firing.join('|'))}`] : [];
}

/** The firing rules a silence with these matchers would mute now (by the rules' own labels). */
export function affectedRules(
  matchers: readonly string[],
  rules: readonly Pick<ScenarioAlert, 'name' | 'labels'>[],
  states: readonly AlertState[],
): string[] {
  const compiled = compileMatchers(matchers.filter((m) => m.trim() !== ''));
  if (compiled.length === 0) return [];
  return rules
    .filter((r) => states.find((s) => s.name === r.name)?.status === 'firing' && allMatch(compiled, r.labels))
    .map((r) => r.name);
}
