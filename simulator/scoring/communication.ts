/**
 * The communication component of the score (docs/scoring.md, formula 4): how the trainee kept
 * stakeholders and customers informed, read from the timeline's `severity`, `status-update` and
 * `status-page` events against the impact the run measured (simulator/comms/impact.ts).
 *
 * Four rules, 10 points:
 * - first update (4): the first status update or status page entry within the scenario's
 *   `communication.firstUpdate` after acknowledging (linear to 0 at 3x, as the timed components);
 * - cadence (2): no gap between updates, while the incident is open, longer than the cadence of the
 *   declared severity; -1 per overdue gap;
 * - status page (2): customers were told (an entry while the SLOs were broken), never "resolved"
 *   before the SLOs held again (-2), never two levels under the measured impact (a "degraded" page
 *   during a full outage, -2) or one level under (-1);
 * - severity (2): the last declared severity matches the worst measured impact (one level off: 1).
 */
import { at, round1 } from './format';
import type { SimEvent } from '../engine/api';
import { impactLevel, impactName } from '../comms/impact';
import { communicationOf } from '../comms/cast';
import {
  IMPACT_LABELS,
  IMPACTS,
  SEVERITIES,
  severityOfImpact,
  type Impact,
  type Severity,
} from '../scenario/communication';
import { formatDuration } from '../scenario/duration';
import type { Scenario } from '../scenario/schema';
import type { RunSeries } from './series';
import type { CommunicationMeasures, ScoreComponent } from './types';

/** Points of each rule (they add up to the component's weight). */
export const COMMS_POINTS = { firstUpdate: 4, cadence: 2, statusPage: 2, severity: 2 } as const;
/** Penalties of the status page rule. */
export const STATUS_PAGE_PENALTIES = { resolvedEarly: 2, understatedTwo: 2, understatedOne: 1 } as const;

const EPS = 1e-9;
const DECAY = 3;

export interface CommsInput {
  readonly scenario: Scenario;
  /** Sorted by time, cut at the end of the run. */
  readonly events: readonly SimEvent[];
  readonly series: RunSeries | undefined;
  readonly firstPageAt: number | null;
  readonly acknowledgedAt: number | null;
  /** When the SLOs started holding for good (null: not before the end). */
  readonly recoveredAt: number | null;
  readonly firstBreachAt: number | null;
  readonly endedAt: number;
}

function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}
function isImpact(v: unknown): v is Impact {
  return typeof v === 'string' && (IMPACTS as readonly string[]).includes(v);
}

/** Impact level per tick: the series' own, else 1 where an SLO was broken. */
function levelAt(series: RunSeries | undefined, time: number): number {
  if (!series) return 0;
  const dt = series.tickSeconds > 0 ? series.tickSeconds : 1;
  const i = Math.floor(time / dt + EPS) - (series.firstTick ?? 0);
  if (i < 0) return 0;
  if (series.impact) return i < series.impact.length ? Number(series.impact[i]) || 0 : 0;
  return i < series.sloOk.length && !series.sloOk[i] ? 1 : 0;
}

/** Worst level over [from, to). */
function peakLevel(series: RunSeries | undefined, from: number, to: number): number {
  if (!series) return 0;
  const dt = series.tickSeconds > 0 ? series.tickSeconds : 1;
  let peak = 0;
  for (let t = Math.max(0, from); t < to - EPS; t += dt) peak = Math.max(peak, levelAt(series, t));
  return peak;
}

export function scoreCommunication(input: CommsInput): {
  component: ScoreComponent;
  measures: CommunicationMeasures;
} {
  const { scenario, events, series, endedAt } = input;
  const section = communicationOf(scenario);
  const max =
    COMMS_POINTS.firstUpdate + COMMS_POINTS.cadence + COMMS_POINTS.statusPage + COMMS_POINTS.severity;
  const updates = events.filter((e) => e.kind === 'status-update' || e.kind === 'status-page');
  const pages = events
    .filter((e) => e.kind === 'status-page' && isImpact(e.data?.impact))
    .map((e) => ({ at: e.t, state: String(e.data?.state ?? ''), impact: e.data?.impact as Impact }));
  const severities = events.filter((e) => e.kind === 'severity' && isSeverity(e.data?.severity));
  const declared = severities.length ? (severities[severities.length - 1]!.data!.severity as Severity) : null;
  const peak = peakLevel(series, 0, endedAt);
  const expected = severityOfImpact(impactName(peak));
  const measures: { -readonly [K in keyof CommunicationMeasures]: CommunicationMeasures[K] } = {
    firstUpdateAt: updates[0]?.t ?? null,
    updates: updates.length,
    severity: declared,
    expectedSeverity: expected,
    peakImpact: impactName(peak),
    statusPage: pages,
    overdueGaps: 0,
  };
  const clock = input.acknowledgedAt ?? input.firstPageAt ?? input.firstBreachAt;
  if (clock === null) {
    return {
      component: {
        id: 'communication',
        label: 'Communication',
        points: max,
        max,
        detail: 'No page fired and the SLOs held: there was no incident to communicate, full points.',
      },
      measures,
    };
  }
  const why: string[] = [];

  // --- first update ---------------------------------------------------------------------------
  const target = section.firstUpdate;
  let first: number = 0;
  const firstUpdate = updates[0];
  const clockName = input.acknowledgedAt !== null ? 'acknowledging' : 'the incident start';
  if (!firstUpdate) {
    why.push('No status update or status page entry was posted (first update 0).');
  } else {
    const delay = Math.max(0, firstUpdate.t - clock);
    if (delay <= target + EPS) first = COMMS_POINTS.firstUpdate;
    else if (delay < DECAY * target)
      first = round1((COMMS_POINTS.firstUpdate * (DECAY * target - delay)) / ((DECAY - 1) * target));
    why.push(
      `First update ${formatDuration(delay)} after ${clockName} (target ${formatDuration(target)}): ${first} of ${COMMS_POINTS.firstUpdate}.`,
    );
  }

  // --- cadence --------------------------------------------------------------------------------
  const resolvedPage = pages.find((p) => p.state === 'resolved');
  const closedAt = Math.min(resolvedPage?.at ?? Infinity, input.recoveredAt ?? Infinity, endedAt);
  let cadence: number = 0;
  if (firstUpdate) {
    let overdue = 0;
    // Before any declaration the cadence is SEV2's (an open customer-facing incident).
    const severityAt = (t: number): Severity => {
      let s: Severity = 'SEV2';
      for (const e of severities) if (e.t <= t + EPS) s = e.data!.severity as Severity;
      return s;
    };
    const times = updates.map((u) => u.t).filter((t) => t <= closedAt + EPS);
    for (let k = 0; k < times.length; k++) {
      const from = times[k]!;
      const to = k + 1 < times.length ? times[k + 1]! : closedAt;
      if (to - from > section.cadence[severityAt(from)] + EPS) overdue++;
    }
    measures.overdueGaps = overdue;
    cadence = Math.max(0, COMMS_POINTS.cadence - overdue);
    why.push(
      overdue === 0
        ? `Updates kept the cadence of the declared severity: ${cadence} of ${COMMS_POINTS.cadence}.`
        : `${overdue} gap${overdue === 1 ? '' : 's'} between updates longer than the severity's cadence (-1 each): ${cadence} of ${COMMS_POINTS.cadence}.`,
    );
  } else {
    why.push(`No updates, so no cadence (0 of ${COMMS_POINTS.cadence}).`);
  }

  // --- status page ----------------------------------------------------------------------------
  let page: number = COMMS_POINTS.statusPage;
  if (peak >= 1 && pages.length === 0) {
    page = 0;
    why.push(
      `Customers were affected (${IMPACT_LABELS[impactName(peak)].toLowerCase()}) but the status page said nothing: 0 of ${COMMS_POINTS.statusPage}.`,
    );
  } else {
    const faults: string[] = [];
    const early = pages.find(
      (p) => p.state === 'resolved' && (input.recoveredAt === null || p.at < input.recoveredAt - EPS),
    );
    if (early) {
      page -= STATUS_PAGE_PENALTIES.resolvedEarly;
      faults.push(`"resolved" at ${at(early.at)} while the SLOs were still broken (-2)`);
    }
    let worstGap = 0;
    let worstText = '';
    pages.forEach((p, k) => {
      if (p.state === 'resolved') return;
      const until = pages[k + 1]?.at ?? endedAt;
      const measured = peakLevel(series, p.at, until);
      const gap = measured - impactLevel(p.impact);
      if (gap > worstGap) {
        worstGap = gap;
        worstText = `"${IMPACT_LABELS[p.impact].toLowerCase()}" at ${at(p.at)} during a ${IMPACT_LABELS[impactName(measured)].toLowerCase()}`;
      }
    });
    if (worstGap >= 2) {
      page -= STATUS_PAGE_PENALTIES.understatedTwo;
      faults.push(`${worstText} (-2)`);
    } else if (worstGap === 1) {
      page -= STATUS_PAGE_PENALTIES.understatedOne;
      faults.push(`${worstText} (-1)`);
    }
    page = Math.max(0, page);
    why.push(
      faults.length
        ? `Status page: ${faults.join('; ')}: ${page} of ${COMMS_POINTS.statusPage}.`
        : pages.length
          ? `The status page matched the measured impact: ${page} of ${COMMS_POINTS.statusPage}.`
          : `No customer impact, so no status page was needed: ${page} of ${COMMS_POINTS.statusPage}.`,
    );
  }

  // --- severity -------------------------------------------------------------------------------
  let sev: number = 0;
  if (declared === null) {
    why.push(
      `No severity was declared (the measured impact made it ${expected}): 0 of ${COMMS_POINTS.severity}.`,
    );
  } else {
    const off = Math.abs(SEVERITIES.indexOf(declared) - SEVERITIES.indexOf(expected));
    sev = off === 0 ? COMMS_POINTS.severity : off === 1 ? COMMS_POINTS.severity / 2 : 0;
    why.push(
      off === 0
        ? `Declared ${declared}, matching the measured impact: ${sev} of ${COMMS_POINTS.severity}.`
        : `Declared ${declared}, but the measured impact (${IMPACT_LABELS[impactName(peak)].toLowerCase()}) made it ${expected}: ${sev} of ${COMMS_POINTS.severity}.`,
    );
  }

  return {
    component: {
      id: 'communication',
      label: 'Communication',
      points: round1(first + cadence + page + sev),
      max,
      detail: why.join(' '),
    },
    measures,
  };
}
