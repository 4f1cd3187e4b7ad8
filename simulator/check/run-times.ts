/**
 * When things happened in a finished run, read one way by `outage-lab check`, the editor's
 * preview and the built-in scenario tests: when each alert first fired, when the first page
 * fired, when the SLOs first broke and from when they held to the end. The SLO rule is the
 * score's (scoring/series.ts sloTimeline): a NaN value (no data yet) holds, and an SLO whose
 * series does not exist is ignored.
 */
import type { MetricStore, SimEvent } from '../engine/api';
import { scenarioAlerts } from '../alerting/rules';
import type { Scenario } from '../scenario/schema';
import { sloTimeline } from '../scoring/series';

/** First time each alert fired, by name (the engine puts the name in the event's data). */
export function firstFirings(events: readonly SimEvent[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const e of events) {
    const name = e.kind === 'alert-firing' ? e.data?.alert : undefined;
    if (typeof name === 'string' && !first.has(name)) first.set(name, e.t);
  }
  return first;
}

/** When a page-routed alert first fired (null: never). */
export function firstPage(scenario: Scenario, events: readonly SimEvent[]): number | null {
  const pages = new Set(
    scenarioAlerts(scenario)
      .filter((a) => a.route === 'page')
      .map((a) => a.name),
  );
  const page = events.find(
    (e) => e.kind === 'alert-firing' && typeof e.data?.alert === 'string' && pages.has(e.data.alert),
  );
  return page ? page.t : null;
}

export interface SloStretch {
  /** Start of the first tick at which some SLO was broken (null: never). */
  readonly firstBroken: number | null;
  /** Start of the final stretch in which every SLO held (null: the last tick breaks one, or no ticks). */
  readonly holdsFrom: number | null;
  /** End of the last recorded tick. */
  readonly end: number;
}

export function sloStretch(
  scenario: Scenario,
  metrics: MetricStore,
  tickSeconds = scenario.tickSeconds,
): SloStretch {
  const { ok, firstTick } = sloTimeline(scenario, metrics, tickSeconds);
  const broken = ok.indexOf(0);
  let from = ok.length;
  while (from > 0 && ok[from - 1] === 1) from--;
  return {
    firstBroken: broken < 0 ? null : (firstTick + broken) * tickSeconds,
    holdsFrom: from === ok.length ? null : (firstTick + from) * tickSeconds,
    end: (firstTick + ok.length) * tickSeconds,
  };
}
