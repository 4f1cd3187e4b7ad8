/**
 * The score of a run: one pure function from (scenario, event timeline, per-tick SLO and error
 * budget series, how and when the run ended) to a 0-100 score, a letter grade and a breakdown whose
 * every line says why. The formula is documented in docs/scoring.md; its constants are below.
 *
 * It never throws on odd input: events out of order, after the end, with missing data or NaN
 * times are sorted, ignored or defaulted, and an empty timeline simply scores low.
 */
import { at, round1 } from './format';
import type { MetricStore, SimEvent, Simulation } from '../engine/api';
import { scenarioAlerts } from '../alerting/rules';
import { formatDuration } from '../scenario/duration';
import type { Scenario, ScenarioAction } from '../scenario/schema';
import type { Counterfactuals } from './counterfactual';
import { describeTruth, isCorrectDiagnosis } from './diagnosis';
import { communicationOf } from '../comms/cast';
import { scoreCommunication } from './communication';
import { ESCALATION_CREDIT, escalationNotes, escalationText } from './escalation';
import { measureSeries, type RunSeries } from './series';
import {
  FORMULA_VERSION,
  LABEL_FORMULA_VERSION,
  NO_COMMS_FORMULA_VERSION,
  type ActionNote,
  type DeclarationNote,
  type Grade,
  type RunEnding,
  type Score,
  type ScoreComponent,
  type ScoreMeasures,
} from './types';

/** Points available per component (they add up to 100) when the scenario does not score communication. */
export const WEIGHTS = { acknowledge: 15, diagnose: 25, mitigate: 35, errorBudget: 15, conduct: 10 } as const;

const BASE_WEIGHTS = WEIGHTS;

/** Formula 4: the weights when communication is scored (the default); still 100 in all. */
export const WEIGHTS_WITH_COMMS = {
  acknowledge: 15,
  diagnose: 20,
  mitigate: 30,
  errorBudget: 15,
  conduct: 10,
  communication: 10,
} as const;

type Weights = { readonly [K in keyof typeof WEIGHTS]: number };

/** A timed component earns full points at or under its target and none at DECAY_FACTOR x target. */
export const DECAY_FACTOR = 3;

/** Error budget: full points up to 1x the allowance, none at BUDGET_ZERO_AT x, on a log10 scale. */
export const BUDGET_ZERO_AT = 100;

/** Conduct deductions (conduct never goes below 0). */
export const PENALTIES = {
  harmfulAction: 5,
  unnecessaryAction: 2,
  wrongDeclaration: 3,
  /** Formula 5: silencing a firing page while an SLO is broken and nothing has mitigated yet. */
  silencedPage: 2,
  /** Formula 6: paging a team whose domain the incident does not touch (once per team). */
  needlessPage: 1,
} as const;

/** Cost of a hint whose scenario entry cannot be found. */
export const DEFAULT_HINT_COST = 5;

/** Lowest total for each grade; anything below the last is an F. */
export const GRADE_THRESHOLDS: readonly (readonly [number, Grade])[] = [
  [90, 'A'],
  [80, 'B'],
  [70, 'C'],
  [60, 'D'],
];

export interface ScoreInput {
  readonly scenario: Scenario;
  /** The engine's event timeline (any order; events after `endedAt` are ignored). */
  readonly events: readonly SimEvent[];
  /** Per-tick SLO compliance and error budget. When absent, computed from `metrics`. */
  readonly series?: RunSeries;
  /** The run's metric store; used only when `series` is absent. */
  readonly metrics?: MetricStore;
  /**
   * The trainee's commands, for scoring a timeline that has no 'action' events (e.g. hand-built
   * ones). When given, the timeline's 'action' events are ignored; refused commands (ok: false)
   * are skipped.
   */
  readonly actions?: readonly TraineeAction[];
  /** Simulated second the run ended. */
  readonly endedAt: number;
  readonly ending: RunEnding;
  /**
   * Formula 3: each action's measured effect from replays (counterfactual.ts). Without them the
   * score is formula 2: the scenario's labels decide.
   */
  readonly counterfactuals?: Counterfactuals;
}

/** One action the trainee commanded, at simulated second `at`. */
export interface TraineeAction {
  readonly at: number;
  readonly type: string;
  readonly target: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** False when the engine refused the command. */
  readonly ok?: boolean;
}

const EPS = 1e-9;

/** A duration ("9m42s"). */
function fmt(seconds: number): string {
  return formatDuration(seconds);
}

/** Full points at or under `target`, linear decay to zero at DECAY_FACTOR x target. */
export function timePoints(seconds: number, target: number, max: number): number {
  if (!Number.isFinite(seconds)) return 0;
  if (seconds <= target + EPS) return max;
  const zeroAt = DECAY_FACTOR * target;
  if (seconds >= zeroAt) return 0;
  return round1((max * (zeroAt - seconds)) / (zeroAt - target));
}

/** Full points at burned <= 1 (within the allowance), zero at BUDGET_ZERO_AT, log10 in between. */
export function budgetPoints(burned: number, max: number): number {
  if (!Number.isFinite(burned)) return 0;
  if (burned <= 1) return max;
  const fraction = 1 - Math.log10(burned) / Math.log10(BUDGET_ZERO_AT);
  return round1(max * Math.max(0, fraction));
}

export function gradeFor(total: number): Grade {
  for (const [min, grade] of GRADE_THRESHOLDS) if (total >= min) return grade;
  return 'F';
}

// ---------------------------------------------------------------------------------------------
// Reading the timeline
// ---------------------------------------------------------------------------------------------

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A silence event's matchers as one line (the engine stores them as a JSON array). */
function silenceMatchers(event: SimEvent): string {
  try {
    const parsed: unknown = JSON.parse(str(event.data?.matchers) ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String).join(', ') : '';
  } catch {
    return '';
  }
}

/** Whether an alert-firing event is a page: data.route when present, else the scenario's alert. */
function isPage(event: SimEvent, scenario: Scenario): boolean {
  const route = str(event.data?.route);
  if (route) return route === 'page';
  const name = str(event.data?.alert) ?? str(event.data?.name) ?? event.text;
  const alerts = scenarioAlerts(scenario);
  const alert =
    alerts.find((a) => a.name === name) ??
    alerts.find((a) => typeof event.text === 'string' && event.text.includes(a.name));
  // An alert the scenario does not know is treated as a page (the schema's default route).
  return alert ? alert.route === 'page' : true;
}

/** The scenario's entry for an action event: same type and target, best params match first. */
function lookupAction(
  scenario: Scenario,
  type: string,
  target: string,
  data: SimEvent['data'],
): ScenarioAction | undefined {
  const candidates = scenario.actions.filter((a) => a.type === type && a.target === target);
  if (candidates.length <= 1) return candidates[0];
  const matches = (a: ScenarioAction) =>
    Object.entries(a.params).every(
      ([key, value]) => data?.[key] === value || data?.[`params.${key}`] === value,
    );
  return candidates.find(matches) ?? candidates[0];
}

function declarationOf(event: SimEvent): { node: string; category: string } {
  return {
    node: str(event.data?.node) ?? str(event.data?.target) ?? str(event.node) ?? '',
    category: str(event.data?.category) ?? '',
  };
}

function isCorrect(decl: { node: string; category: string }, scenario: Scenario): boolean {
  return isCorrectDiagnosis(scenario.rootCause, decl.node, decl.category);
}

function hintCost(event: SimEvent, scenario: Scenario): { key: string; cost: number } {
  const index = event.data?.index;
  if (typeof index === 'number' && Number.isInteger(index)) {
    const hint = scenario.hints[index];
    if (hint) return { key: `#${index}`, cost: hint.cost };
  }
  const cost = event.data?.cost;
  const key = `text:${event.text}`;
  return {
    key,
    cost: typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : DEFAULT_HINT_COST,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the series
// ---------------------------------------------------------------------------------------------

export interface SloAnalysis {
  sloBroken: boolean;
  firstBreachAt: number | null;
  recoveredAt: number | null;
  holdEnd: number | null;
  breaches: { from: number; to: number | null }[];
}

const MAX_BREACHES = 50;

export function analyseSlo(series: RunSeries, holdFor: number, endedAt: number): SloAnalysis {
  const dt = series.tickSeconds > 0 && Number.isFinite(series.tickSeconds) ? series.tickSeconds : 1;
  const first = Number.isFinite(series.firstTick) ? (series.firstTick as number) : 0;
  const hold = Math.max(1, Math.ceil(holdFor / dt - EPS));
  const time = (i: number) => (first + i) * dt;
  const ok = series.sloOk;
  const out: SloAnalysis = {
    sloBroken: false,
    firstBreachAt: null,
    recoveredAt: null,
    holdEnd: null,
    breaches: [],
  };
  let run = 0;
  let start = -1;
  for (let i = 0; i < ok.length; i++) {
    const t = time(i);
    if (t >= endedAt - EPS) break; // the tick starts at or after the end of the run
    const held = Boolean(ok[i]);
    if (!held) {
      if (!out.sloBroken) out.firstBreachAt = t;
      const last = out.breaches[out.breaches.length - 1];
      if (!last || last.to !== null) {
        if (out.breaches.length < MAX_BREACHES) out.breaches.push({ from: t, to: null });
      }
      out.sloBroken = true;
      run = 0;
      continue;
    }
    const last = out.breaches[out.breaches.length - 1];
    if (last && last.to === null) last.to = t;
    if (!out.sloBroken || out.recoveredAt !== null) continue;
    if (run === 0) start = i;
    run++;
    if (run >= hold && time(start) + hold * dt <= endedAt + EPS) {
      out.recoveredAt = time(start);
      out.holdEnd = time(start) + hold * dt;
    }
  }
  return out;
}

export function sumWindow(
  values: ArrayLike<number> | undefined,
  series: RunSeries,
  windowEnd: number,
): number {
  if (!values) return 0;
  const dt = series.tickSeconds > 0 ? series.tickSeconds : 1;
  const first = Number.isFinite(series.firstTick) ? (series.firstTick as number) : 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if ((first + i) * dt >= windowEnd - EPS) break;
    const v = values[i] as number;
    if (v > 0 && Number.isFinite(v)) total += v;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// The score
// ---------------------------------------------------------------------------------------------

export function scoreRun(input: ScoreInput): Score {
  const { scenario, ending } = input;
  const rawEvents = Array.isArray(input.events) ? input.events : [];
  const validEvents = rawEvents.filter(
    (e): e is SimEvent =>
      !!e && typeof e === 'object' && typeof e.t === 'number' && Number.isFinite(e.t) && e.t >= 0,
  );
  const lastEventAt = validEvents.reduce((max, e) => Math.max(max, e.t), 0);
  const endedAt = Number.isFinite(input.endedAt) && input.endedAt >= 0 ? input.endedAt : lastEventAt;
  const events = validEvents
    .filter((e) => e.t <= endedAt + EPS)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map(({ e }) => e);

  const series = input.series ?? (input.metrics ? measureSeries(scenario, input.metrics) : undefined);
  const slo = series
    ? analyseSlo(series, scenario.objectives.holdFor, endedAt)
    : { sloBroken: false, firstBreachAt: null, recoveredAt: null, holdEnd: null, breaches: [] };

  const commsScored = communicationOf(scenario).scored;
  const WEIGHTS: Weights = commsScored ? WEIGHTS_WITH_COMMS : BASE_WEIGHTS;

  // --- the clock ---------------------------------------------------------------------------
  const firstPage = events.find((e) => e.kind === 'alert-firing' && isPage(e, scenario));
  const firstFault = events.find((e) => e.kind === 'fault');
  let incidentStart = 0;
  let incidentStartSource: ScoreMeasures['incidentStartSource'] = 'run-start';
  if (firstPage) [incidentStart, incidentStartSource] = [firstPage.t, 'page'];
  else if (slo.firstBreachAt !== null)
    [incidentStart, incidentStartSource] = [slo.firstBreachAt, 'slo-breach'];
  else if (firstFault) [incidentStart, incidentStartSource] = [firstFault.t, 'fault'];
  const clockName =
    incidentStartSource === 'page'
      ? 'the first page'
      : incidentStartSource === 'slo-breach'
        ? 'the first SLO breach'
        : incidentStartSource === 'fault'
          ? 'the fault'
          : 'the start';

  // --- acknowledge -------------------------------------------------------------------------
  const target = scenario.scoring;
  const ack = firstPage ? events.find((e) => e.kind === 'acknowledge' && e.t >= firstPage.t) : undefined;
  const tta = firstPage && ack ? ack.t - firstPage.t : null;
  let ackPoints: number;
  let ackDetail: string;
  if (!firstPage && ending === 'abandoned') {
    // Formula 2: walking away before the page is not a fast acknowledgement.
    ackPoints = 0;
    ackDetail = 'The run was abandoned before any page fired: nothing was acknowledged.';
  } else if (!firstPage) {
    ackPoints = WEIGHTS.acknowledge;
    ackDetail = 'No page fired during the run, so there was nothing to acknowledge: full points.';
  } else if (tta === null) {
    ackPoints = 0;
    ackDetail = `The page at ${at(firstPage.t)} was never acknowledged.`;
  } else {
    ackPoints = timePoints(tta, target.acknowledge, WEIGHTS.acknowledge);
    ackDetail = timedDetail(
      'Acknowledged',
      tta,
      'the first page',
      target.acknowledge,
      ackPoints,
      WEIGHTS.acknowledge,
    );
  }

  // --- diagnose ----------------------------------------------------------------------------
  const declarations = events
    .filter((e) => e.kind === 'declare')
    .map((e) => ({ at: e.t, ...declarationOf(e) }));
  const correct = declarations.find((d) => isCorrect(d, scenario));
  const wrong: DeclarationNote[] = declarations.filter((d) => !isCorrect(d, scenario));
  const ttd = correct ? Math.max(0, correct.at - incidentStart) : null;
  const truth = `${describeTruth(scenario.rootCause)} on ${scenario.rootCause.node}`;
  let diagPoints: number;
  let diagDetail: string;
  if (ttd === null) {
    diagPoints = 0;
    diagDetail =
      declarations.length === 0
        ? `No root cause was declared (it was ${truth}).`
        : `No declaration named the root cause (${truth}); ${declarations.length} wrong.`;
  } else {
    diagPoints = timePoints(ttd, target.diagnose, WEIGHTS.diagnose);
    diagDetail = timedDetail(
      `Declared ${truth}`,
      ttd,
      clockName,
      target.diagnose,
      diagPoints,
      WEIGHTS.diagnose,
    );
  }

  // --- actions -----------------------------------------------------------------------------
  const actions: ActionNote[] = [];
  const noteAction = (at: number, type: string, target: string, params: SimEvent['data']) => {
    const entry = lookupAction(scenario, type, target, params);
    actions.push({ at, type, target, effect: entry ? entry.effect : 'unlisted' });
  };
  if (input.actions) {
    const commands = (Array.isArray(input.actions) ? input.actions : [])
      .filter((c) => !!c && Number.isFinite(c.at) && c.at >= 0 && c.at <= endedAt + EPS && c.ok !== false)
      .map((c, i) => ({ c, i }))
      .sort((a, b) => a.c.at - b.c.at || a.i - b.i);
    for (const { c } of commands) noteAction(c.at, str(c.type) ?? '', str(c.target) ?? '', c.params);
  } else {
    for (const e of events) {
      if (e.kind !== 'action' || e.data?.ok === false) continue; // a refused command changed nothing
      noteAction(e.t, str(e.data?.type) ?? '', str(e.data?.target) ?? str(e.node) ?? '', e.data);
    }
  }
  // Formula 3: attach each action's measured effect (same actions, same order; any mismatch and
  // the labels decide, as in formula 2).
  const measured = input.counterfactuals?.actions;
  const matches =
    measured !== undefined &&
    measured.length === actions.length &&
    measured.every((m, k) => {
      const a = actions[k]!;
      return Math.abs(m.at - a.at) <= EPS && m.type === a.type && m.target === a.target;
    });
  if (matches) {
    for (let k = 0; k < actions.length; k++) {
      const m = measured[k]!;
      actions[k] = {
        ...actions[k]!,
        measured: {
          verdict: m.verdict,
          failedSaved: m.failedSaved,
          recoveredAt: m.recoveredAt,
          recoveredWithoutAt: m.recoveredWithoutAt,
        },
      };
    }
  }
  const harmful = actions.filter((a) =>
    a.measured
      ? a.measured.verdict === 'hurt' || (a.measured.verdict === 'none' && a.effect === 'harmful')
      : a.effect === 'harmful',
  );
  const unnecessary = actions.filter(
    (a) =>
      (a.effect === 'neutral' || a.effect === 'unlisted') &&
      (a.measured ? a.measured.verdict === 'none' : true),
  );

  // --- actions the autoscaler undid ----------------------------------------------------------
  // The engine's HPA marks an override that puts the replica count back where the trainee found
  // it (data.undone, data.target, data.since: when the trainee first scaled since its last
  // decision). A scale undone before the SLOs recovered (or before the end, when they never
  // recovered or never broke) did not help: it is marked and not counted as helpful.
  const helpedBy = slo.recoveredAt ?? endedAt;
  for (const e of events) {
    if (e.kind !== 'scale' || e.data?.undone !== true || e.t > helpedBy + EPS) continue;
    const target = str(e.data?.target) ?? str(e.node) ?? '';
    const since = typeof e.data?.since === 'number' ? e.data.since : e.t;
    for (let k = 0; k < actions.length; k++) {
      const a = actions[k]!;
      if (a.type === 'scale' && a.target === target && a.at >= since - EPS && a.at <= e.t + EPS)
        actions[k] = { ...a, undone: true };
    }
  }
  // Formula 3 credits what measurably helped, whatever its label; formula 2 the labels.
  const isHelpful = (a: ActionNote) =>
    !a.undone &&
    (a.measured ? a.measured.verdict === 'helped' : a.effect === 'fixes' || a.effect === 'helps');
  const undoneHelpful = actions.filter((a) => a.undone && (a.effect === 'fixes' || a.effect === 'helps'));
  const undoneText = undoneHelpful.length
    ? ` (${list(undoneHelpful)} ${undoneHelpful.length === 1 ? 'was' : 'were'} undone by the autoscaler before it helped)`
    : '';

  // --- mitigate ----------------------------------------------------------------------------
  const helpfulBefore = (t: number) => actions.some((a) => isHelpful(a) && a.at <= t + EPS);
  const selfHeals = scenario.objectives.selfHeals;
  let mitPoints = 0;
  let mitDetail: string;
  let ttm: number | null = null;
  let credited = false;
  let selfRecovered = false;
  const holdText = fmt(scenario.objectives.holdFor);
  if (!series) {
    mitDetail = 'No SLO data was recorded for this run, so mitigation could not be measured.';
  } else if (!slo.sloBroken) {
    if (selfHeals || helpfulBefore(endedAt)) {
      credited = true;
      mitPoints = WEIGHTS.mitigate;
      mitDetail = 'The SLOs never broke during the run: full points.';
    } else {
      mitDetail = `The SLOs never broke during the run, but no action addressed the incident${undoneText}.`;
    }
  } else if (slo.recoveredAt === null) {
    mitDetail = `The SLOs did not hold for ${holdText} before the run ended (${ending}).`;
  } else if (!selfHeals && !helpfulBefore(slo.recoveredAt)) {
    selfRecovered = true;
    mitDetail =
      `The SLOs recovered at ${at(slo.recoveredAt)} without any action that addresses the incident${undoneText}; ` +
      'this scenario does not heal by itself, so waiting earns no credit.';
  } else {
    credited = true;
    ttm = Math.max(0, slo.recoveredAt - incidentStart);
    mitPoints = timePoints(ttm, target.mitigate, WEIGHTS.mitigate);
    mitDetail = timedDetail(
      `Every SLO held for ${holdText} from ${at(slo.recoveredAt)}, i.e.`,
      ttm,
      clockName,
      target.mitigate,
      mitPoints,
      WEIGHTS.mitigate,
    );
  }

  const idle = actions.filter(
    (a) => a.measured?.verdict === 'none' && (a.effect === 'fixes' || a.effect === 'helps'),
  );
  if (idle.length > 0)
    mitDetail += ` ${list(idle)} changed nothing measurable in this run (replayed without ${idle.length === 1 ? 'it' : 'each'}), so ${idle.length === 1 ? 'it is' : 'they are'} not credited.`;

  // --- error budget ------------------------------------------------------------------------
  let budget: ScoreMeasures['errorBudget'] = null;
  let budgetPts = 0;
  let budgetDetail: string;
  if (series && series.failed && series.allowed) {
    const windowEnd = credited && slo.holdEnd !== null ? slo.holdEnd : endedAt;
    const failed = sumWindow(series.failed, series, windowEnd);
    const allowance = sumWindow(series.allowed, series, windowEnd);
    const burned = allowance > 0 ? failed / allowance : failed > 0 ? null : 0;
    budget = { failed, allowance, burned, windowEnd };
    const burnText =
      burned === null
        ? `${Math.round(failed)} requests failed with no allowance (no traffic counted)`
        : `${Math.round(failed)} requests failed up to ${at(windowEnd)} against an allowance of ${Math.round(allowance)}: ${times(burned)} the allowance`;
    if (!credited) {
      budgetDetail = `${burnText}. Not awarded: the incident was not mitigated.`;
    } else {
      budgetPts = burned === null ? 0 : budgetPoints(burned, WEIGHTS.errorBudget);
      budgetDetail =
        burned !== null && burned <= 1
          ? `${burnText}, within it: full points.`
          : `${burnText} (full points up to 1x, none at ${BUDGET_ZERO_AT}x, log scale).`;
    }
  } else {
    budgetDetail = 'No traffic data was recorded for this run, so the error budget could not be measured.';
  }

  // --- silences (formula 5) ------------------------------------------------------------------
  // A silence that muted a firing page (the engine lists them in data.pages) while an SLO was
  // broken and before any action that fixed or helped hides the incident instead of working it.
  // Silencing symptoms (chat, email) or a page once mitigation is under way is fine.
  const inBreach = (t: number) => slo.breaches.some((b) => b.from <= t + EPS && (b.to === null || t < b.to));
  const mitigatedBy = (t: number) =>
    actions.some(
      (a) =>
        a.at <= t + EPS &&
        (a.measured ? a.measured.verdict === 'helped' : a.effect === 'fixes' || a.effect === 'helps'),
    );
  const silencedPages = events
    .filter((e) => e.kind === 'silence' && str(e.data?.pages) && inBreach(e.t) && !mitigatedBy(e.t))
    .map((e) => ({ at: e.t, matchers: silenceMatchers(e), alerts: str(e.data?.pages) ?? '' }));

  // --- conduct -----------------------------------------------------------------------------
  // Formula 6: escalation. Needless pages cost; an early page of an involved team gives back.
  const escalations = escalationNotes(scenario, events, incidentStart, slo.recoveredAt);
  const needlessPages = escalations.filter((n) => !n.involved).length;
  const earlyEscalation = escalations.find((n) => n.early);
  const deduction =
    harmful.length * PENALTIES.harmfulAction +
    unnecessary.length * PENALTIES.unnecessaryAction +
    wrong.length * PENALTIES.wrongDeclaration +
    silencedPages.length * PENALTIES.silencedPage +
    needlessPages * PENALTIES.needlessPage;
  const credit = earlyEscalation && deduction > 0 ? Math.min(ESCALATION_CREDIT, deduction) : 0;
  const conductPts = Math.min(WEIGHTS.conduct, Math.max(0, WEIGHTS.conduct - deduction + credit));
  const faults: string[] = [];
  if (harmful.length)
    faults.push(
      `${plural(harmful.length, 'harmful action')} (${list(harmful)}, -${PENALTIES.harmfulAction} each)`,
    );
  if (unnecessary.length)
    faults.push(
      `${plural(unnecessary.length, 'unnecessary action')} (${list(unnecessary)}, -${PENALTIES.unnecessaryAction} each)`,
    );
  if (wrong.length)
    faults.push(
      `${plural(wrong.length, 'wrong declaration')} (${wrong.map((d) => `${d.category || '?'} on ${d.node || '?'}`).join(', ')}, -${PENALTIES.wrongDeclaration} each)`,
    );
  if (silencedPages.length)
    faults.push(
      `${plural(silencedPages.length, 'page')} silenced while an SLO was broken and before any mitigation (${silencedPages
        .map((p) => `${p.alerts.split(',').join(', ')} at ${at(p.at)}`)
        .join('; ')}, -${PENALTIES.silencedPage} each)`,
    );
  faults.push(...escalationText(escalations, PENALTIES.needlessPage));
  const escalationGood = earlyEscalation
    ? ` Paged ${earlyEscalation.team === 'vendor' ? "the vendor's support" : `the ${earlyEscalation.team} team`} early, the right team for this incident${credit > 0 ? ` (+${credit} back)` : ''}.`
    : '';
  // Where the measurement overrode the scenario's label, say so.
  const overrides: string[] = [];
  for (const a of actions) {
    const v = a.measured?.verdict;
    if (v === 'helped' && (a.effect === 'neutral' || a.effect === 'unlisted' || a.effect === 'harmful'))
      overrides.push(
        `${a.type} ${a.target} measurably helped (${savedText(a)}), so it is not counted against you`,
      );
    else if (v === 'hurt' && a.effect !== 'harmful')
      overrides.push(`${a.type} ${a.target} measurably made things worse (${savedText(a)})`);
  }
  const conductDetail =
    (faults.length
      ? `${faults.join('; ')}.`
      : 'No harmful or unnecessary actions and no wrong declarations: full points.') +
    (overrides.length ? ` Measured by replaying the run without each action: ${overrides.join('; ')}.` : '') +
    escalationGood;

  // --- hints -------------------------------------------------------------------------------
  const seenHints = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== 'hint') continue;
    const { key, cost } = hintCost(e, scenario);
    if (!seenHints.has(key)) seenHints.set(key, cost);
  }
  const hintTotal = [...seenHints.values()].reduce((a, b) => a + b, 0);
  const hintsDetail = seenHints.size
    ? `${plural(seenHints.size, 'hint')} used: -${hintTotal} points.`
    : 'No hints used.';

  const components: ScoreComponent[] = [
    {
      id: 'acknowledge',
      label: 'Acknowledge',
      points: ackPoints,
      max: WEIGHTS.acknowledge,
      detail: ackDetail,
    },
    { id: 'diagnose', label: 'Diagnose', points: diagPoints, max: WEIGHTS.diagnose, detail: diagDetail },
    { id: 'mitigate', label: 'Mitigate', points: mitPoints, max: WEIGHTS.mitigate, detail: mitDetail },
    {
      id: 'errorBudget',
      label: 'Error budget',
      points: budgetPts,
      max: WEIGHTS.errorBudget,
      detail: budgetDetail,
    },
    { id: 'conduct', label: 'Conduct', points: conductPts, max: WEIGHTS.conduct, detail: conductDetail },
  ];
  const comms = commsScored
    ? scoreCommunication({
        scenario,
        events,
        series,
        firstPageAt: firstPage ? firstPage.t : null,
        acknowledgedAt: ack && firstPage ? ack.t : (events.find((e) => e.kind === 'acknowledge')?.t ?? null),
        recoveredAt: slo.recoveredAt,
        firstBreachAt: slo.firstBreachAt,
        endedAt,
      })
    : undefined;
  if (comms) components.push(comms.component);
  components.push({
    id: 'hints',
    label: 'Hints',
    points: round1(-hintTotal) || 0,
    max: 0,
    detail: hintsDetail,
  });
  const sum = components.reduce((a, c) => a + c.points, 0);
  const total = Math.min(100, Math.max(0, Math.round(sum)));

  return {
    formulaVersion: !matches
      ? LABEL_FORMULA_VERSION
      : commsScored
        ? FORMULA_VERSION
        : NO_COMMS_FORMULA_VERSION,
    total,
    max: 100,
    grade: gradeFor(total),
    ending,
    components,
    measures: {
      incidentStart,
      incidentStartSource,
      firstPageAt: firstPage ? firstPage.t : null,
      acknowledgedAt: ack && firstPage ? ack.t : null,
      tta,
      diagnosedAt: correct ? correct.at : null,
      ttd,
      recoveredAt: slo.recoveredAt,
      ttm,
      selfRecovered,
      sloBroken: slo.sloBroken,
      sloBreaches: slo.breaches,
      errorBudget: budget,
      actions,
      ...(silencedPages.length ? { silencedPages } : {}),
      ...(escalations.length ? { escalations } : {}),
      harmfulActions: harmful.length,
      unnecessaryActions: unnecessary.length,
      wrongDeclarations: wrong,
      hintsUsed: seenHints.size,
      hintCost: hintTotal,
      endedAt,
      ...(matches && input.counterfactuals ? { ideal: input.counterfactuals.ideal } : {}),
      ...(comms ? { communication: comms.measures } : {}),
    },
  };
}

/**
 * Scores a simulation as it stands now (its events, metrics and current time as the end). The
 * engine's 'action' events carry data.type / data.target / params, so they are what is scored.
 */
export function scoreSimulation(
  sim: Pick<Simulation, 'scenario' | 'events' | 'metrics' | 'time'>,
  ending: RunEnding,
  counterfactuals?: Counterfactuals,
): Score {
  return scoreRun({
    scenario: sim.scenario,
    events: sim.events,
    metrics: sim.metrics,
    endedAt: sim.time,
    ending,
    ...(counterfactuals ? { counterfactuals } : {}),
  });
}

function timedDetail(
  what: string,
  seconds: number,
  from: string,
  target: number,
  points: number,
  max: number,
): string {
  const head = `${what} ${fmt(seconds)} after ${from}`;
  if (points >= max) return `${head} (target ${fmt(target)}): full points.`;
  if (points <= 0)
    return `${head}: at or over ${fmt(DECAY_FACTOR * target)} (${DECAY_FACTOR}x the ${fmt(target)} target), no points.`;
  return `${head}: over the ${fmt(target)} target (zero at ${fmt(DECAY_FACTOR * target)}), ${points} of ${max}.`;
}

/** "1,234 fewer failed requests" / "56 more failed requests" / "an earlier recovery". */
function savedText(a: ActionNote): string {
  const m = a.measured;
  if (!m) return '';
  const n = Math.abs(m.failedSaved).toLocaleString('en-US');
  if (m.failedSaved > 0) return `${n} fewer failed requests`;
  if (m.failedSaved < 0) return `${n} more failed requests`;
  return m.verdict === 'helped' ? 'an earlier recovery' : 'a later recovery';
}

function times(ratio: number): string {
  return `${ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10}x`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function list(actions: readonly ActionNote[]): string {
  return actions.map((a) => `${a.type || 'an action'} ${a.target || '?'} at ${at(a.at)}`).join(', ');
}
