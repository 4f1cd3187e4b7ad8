/**
 * What the debrief and the postmortem draft derive from an ended run: one timeline that places the
 * trainee's steps beside the hidden truth (fault onsets) and the system (pages, SLO breaks), the
 * ideal response compared with what the trainee did, and when each SLO broke and recovered.
 * Pure (no React, no store), so it is unit-tested in Node.
 */
import type { SimEvent } from '../../../simulator/engine/api';
import { scenarioAlerts } from '../../../simulator/alerting/rules';
import { commsPlan, type CommsPlan } from '../../../simulator/comms/cast';
import type { RunStep } from '../../../simulator/runs/record';
import { IMPACT_LABELS, STATUS_PAGE_LABELS } from '../../../simulator/scenario/communication';
import type { Scenario, Slo, TimedStep } from '../../../simulator/scenario/schema';
import type { ActionNote, IdealReplay, Score } from '../../../simulator/scoring/types';
import { phrase } from '../incident/actions/phrase';
import { span, tplus } from './run-format';
import { causeLabel } from '../../../simulator/scenario/causes';
import { isCorrectDiagnosis } from '../../../simulator/scoring/diagnosis';
import { NOTEBOOK_LABEL } from '../../../simulator/runs/notebook';
import { lookText } from './investigation';
import { isNewPage } from '../../../simulator/alerting/pages';
import { formatDuration } from '../../../simulator/scenario/duration';
import { TEAM_CATALOG, type Team } from '../../../simulator/scenario/escalation';

export type ActionEffect = ActionNote['effect'];

/** Whose entry it is: the trainee's steps, the hidden truth, or what the system did (pages, SLOs). */
export type Lane = 'trainee' | 'truth' | 'system' | 'comms';

export type TimelineKind =
  | 'acknowledge'
  | 'declare'
  | 'action'
  | 'hint'
  | 'note'
  | 'investigate'
  | 'notebook'
  | 'inject'
  | 'fault'
  | 'fault-cleared'
  | 'page'
  | 'slo-broke'
  | 'slo-recovered'
  | 'mitigated'
  | 'end'
  // the communication lane: the trainee's severity, updates and status page, the stakeholders' messages
  | 'severity'
  | 'status-update'
  | 'status-page'
  | 'message'
  | 'runbook'
  | 'silence'
  // escalation: the trainee paged a team or asked it for an action; the responder ran it
  | 'escalate'
  | 'ask';

export interface TimelineEntry {
  readonly t: number;
  readonly lane: Lane;
  readonly kind: TimelineKind;
  readonly text: string;
  /** Actions: the scenario's verdict, or 'not-counted' when the engine refused the command. */
  readonly effect?: ActionEffect | 'not-counted';
  /** Declarations: whether it named the root cause. */
  readonly correct?: boolean;
  /** Actions, formula 3: what replaying the run without it measured. */
  readonly measured?: string;
  /** Stakeholder messages: whether the author scripted it as a real clue or a distraction. */
  readonly messageKind?: string;
}

/** The parts of an ended run the derivations read. */
export interface RunFacts {
  readonly scenario: Scenario;
  readonly score: Score;
  readonly steps: readonly RunStep[];
  /** The whole event timeline, hidden events included (the incident store's `fullEvents`). */
  readonly events: readonly SimEvent[];
  /** Simulated second the run ended. */
  readonly endedAt: number;
}

const EPS = 1e-6;
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export const EFFECT_LABEL: Record<ActionEffect | 'not-counted', string> = {
  fixes: 'fixes',
  helps: 'helps',
  neutral: 'neutral',
  harmful: 'harmful',
  unlisted: 'unlisted',
  'not-counted': 'not counted',
};

export const ENDING_SENTENCE = {
  mitigated: 'Mitigated: every SLO held for the hold time.',
  resolved: 'Resolved: the trainee closed the incident.',
  abandoned: 'Abandoned before the incident was over.',
  timeout: 'Time ran out before the SLOs recovered.',
} as const;

export function isCorrectDeclaration(scenario: Scenario, node: string, category: string): boolean {
  return isCorrectDiagnosis(scenario.rootCause, node, category);
}

/** How a scenario action reads: its label when the scenario gives one, else kubectl-like. */
export function describeAction(
  scenario: Scenario,
  type: string,
  target: string,
  params?: Readonly<Record<string, string | number | boolean>>,
): string {
  const offered = scenario.actions.find((a) => a.type === type && a.target === target);
  if (offered?.label && !params) return offered.label;
  return phrase(type, target, params ?? offered?.params ?? {});
}

/**
 * Pairs each action step with the score's note about it (same time, type and target), so the
 * timeline can say whether it fixed, helped or harmed. Unmatched steps were refused by the engine.
 */
export function actionEffects(
  steps: readonly RunStep[],
  notes: readonly ActionNote[],
): Map<number, ActionEffect> {
  return new Map([...actionNotes(steps, notes)].map(([i, note]) => [i, note.effect]));
}

/** The same pairing, with the whole note (its measured effect under formula 3). */
export function actionNotes(
  steps: readonly RunStep[],
  notes: readonly ActionNote[],
): Map<number, ActionNote> {
  const used = new Set<number>();
  const out = new Map<number, ActionNote>();
  steps.forEach((step, i) => {
    if (step.kind !== 'action') return;
    const j = notes.findIndex(
      (n, k) =>
        !used.has(k) && Math.abs(n.at - step.at) < EPS && n.type === step.type && n.target === step.target,
    );
    if (j < 0) return;
    used.add(j);
    out.set(i, notes[j] as ActionNote);
  });
  return out;
}

function isPageEvent(event: SimEvent, scenario: Scenario): boolean {
  if (event.kind !== 'alert-firing') return false;
  const route = event.data?.route;
  if (typeof route === 'string') return route === 'page';
  const name = typeof event.data?.alert === 'string' ? event.data.alert : event.text;
  return scenarioAlerts(scenario).some(
    (a) => a.route === 'page' && (a.name === name || event.text.endsWith(` ${a.name}`)),
  );
}

/** "measured: 1,234 fewer failed requests" (formula 3), or undefined. */
export function measuredText(note: ActionNote | undefined): string | undefined {
  const m = note?.measured;
  if (!m) return undefined;
  const n = Math.abs(m.failedSaved).toLocaleString('en-US');
  if (m.verdict === 'none') return 'measured: no effect in this run';
  if (m.failedSaved > 0) return `measured: ${n} fewer failed requests`;
  if (m.failedSaved < 0) return `measured: ${n} more failed requests`;
  return m.verdict === 'helped' ? 'measured: earlier recovery' : 'measured: later recovery';
}

function stepEntry(facts: RunFacts, step: RunStep, note: ActionNote | undefined): TimelineEntry {
  const { scenario } = facts;
  switch (step.kind) {
    case 'acknowledge':
      return {
        t: step.at,
        lane: 'trainee',
        kind: 'acknowledge',
        text: step.alert ? `Acknowledged the page ${step.alert}` : 'Acknowledged the page',
      };
    case 'declare': {
      const correct = isCorrectDeclaration(scenario, step.node, step.category);
      return {
        t: step.at,
        lane: 'trainee',
        kind: 'declare',
        correct,
        text:
          `Declared "${causeLabel(step.category)}" on ${step.node} (${correct ? 'correct' : 'wrong'})` +
          (step.hypothesis ? `: ${step.hypothesis}` : ''),
      };
    }
    case 'action':
      return {
        t: step.at,
        lane: 'trainee',
        kind: 'action',
        effect: note?.effect ?? 'not-counted',
        text: describeAction(scenario, step.type, step.target, step.params),
        ...(measuredText(note) ? { measured: measuredText(note) } : {}),
      };
    case 'hint':
      return { t: step.at, lane: 'trainee', kind: 'hint', text: `Revealed hint ${step.index + 1}` };
    case 'note':
      // Notes come from the instructor's console (addNote): not the trainee's doing.
      return { t: step.at, lane: 'truth', kind: 'note', text: `Instructor note: ${step.text}` };
    case 'investigate':
      return { t: step.at, lane: 'trainee', kind: 'investigate', text: lookText(step.command, step.tool) };
    case 'notebook':
      return {
        t: step.at,
        lane: 'trainee',
        kind: 'notebook',
        text: `${NOTEBOOK_LABEL[step.entry]}: ${step.text}`,
      };
    case 'inject':
      return {
        t: step.at,
        lane: 'truth',
        kind: 'inject',
        text: `Instructor injected ${step.type} on ${step.target}`,
      };
    case 'runbook': {
      const page = scenario.runbooks?.find((r) => r.id === step.page);
      return {
        t: step.at,
        lane: 'trainee',
        kind: 'runbook',
        text: `Read the runbook ${page ? `"${page.title}"` : step.page}`,
      };
    }
    case 'silence':
      return {
        t: step.at,
        lane: 'trainee',
        kind: 'silence',
        text: `Silenced ${step.matchers.join(', ')} for ${formatDuration(step.duration)}: ${step.comment}`,
      };
    case 'severity':
      return {
        t: step.at,
        lane: 'comms',
        kind: 'severity',
        text: `You declared the incident ${step.severity}`,
      };
    case 'status-update':
      return { t: step.at, lane: 'comms', kind: 'status-update', text: `You posted: ${step.text}` };
    case 'escalate':
      return {
        t: step.at,
        lane: 'comms',
        kind: 'escalate',
        text: `You paged ${TEAM_CATALOG[step.team].handle}${step.text ? `: "${step.text}"` : ''}`,
      };
    case 'ask':
      return {
        t: step.at,
        lane: 'comms',
        kind: 'ask',
        text: `You asked ${TEAM_CATALOG[step.team].handle} to ${describeAction(scenario, step.type, step.target, step.params)}`,
      };
    case 'status-page':
      return {
        t: step.at,
        lane: 'comms',
        kind: 'status-page',
        text: `Status page: ${STATUS_PAGE_LABELS[step.state]}, ${IMPACT_LABELS[step.impact].toLowerCase()}${
          step.components.length ? ` (${step.components.join(', ')})` : ''
        }${step.text ? `: ${step.text}` : ''}`,
      };
  }
}

/** A stakeholder's message as the communication lane shows it, with its scripted nature. */
function messageEntry(event: SimEvent, plan: CommsPlan): TimelineEntry {
  const index = event.data?.index;
  const planned = typeof index === 'number' ? plan.messages[index] : undefined;
  const name = typeof event.data?.name === 'string' ? event.data.name : 'Stakeholder';
  return {
    t: event.t,
    lane: 'comms',
    kind: 'message',
    text: `${name}: ${event.text}`,
    ...(planned && planned.kind !== 'info' ? { messageKind: planned.kind } : {}),
  };
}

const LANE_ORDER: Record<Lane, number> = { truth: 0, system: 1, trainee: 2, comms: 3 };

/** Everything that happened, in time order: the trainee's steps beside the hidden truth and the system. */
export function buildTimeline(facts: RunFacts): TimelineEntry[] {
  const { scenario, score, steps, events, endedAt } = facts;
  const entries: TimelineEntry[] = [];
  const notes = actionNotes(steps, score.measures.actions);
  steps.forEach((step, i) => {
    if (step.at <= endedAt + EPS) entries.push(stepEntry(facts, step, notes.get(i)));
  });
  const plan = commsPlan(scenario);
  for (const event of events) {
    if (event.t > endedAt + EPS) continue;
    if (event.kind === 'message') {
      entries.push(messageEntry(event, plan));
    } else if (event.kind === 'action' && typeof event.data?.by === 'string') {
      // An action a paged team ran when asked (the trainee's own come from the steps).
      const team = event.data.by as Team;
      entries.push({
        t: event.t,
        lane: 'comms',
        kind: 'action',
        text: `${TEAM_CATALOG[team]?.handle ?? team} ran: ${event.text}`,
      });
    } else if (event.hidden && event.kind === 'fault') {
      entries.push({ t: event.t, lane: 'truth', kind: 'fault', text: `Fault starts: ${event.text}` });
    } else if (event.hidden && event.kind === 'fault-cleared') {
      entries.push({ t: event.t, lane: 'truth', kind: 'fault-cleared', text: `Fault over: ${event.text}` });
    } else if (isPageEvent(event, scenario)) {
      entries.push({ t: event.t, lane: 'system', kind: 'page', text: `Page: ${event.text}` });
    } else if (isNewPage(event)) {
      // Alertmanager's grouped notification: when the page actually reached the trainee.
      entries.push({ t: event.t, lane: 'system', kind: 'page', text: `Alertmanager paged: ${event.text}` });
    }
  }
  for (const breach of score.measures.sloBreaches) {
    entries.push({ t: breach.from, lane: 'system', kind: 'slo-broke', text: 'SLOs broken' });
    if (breach.to !== null) {
      entries.push({
        t: breach.to,
        lane: 'system',
        kind: 'slo-recovered',
        text: `SLOs hold again (broken for ${span(breach.to - breach.from)})`,
      });
    }
  }
  const { recoveredAt, ttm } = score.measures;
  if (recoveredAt !== null && ttm !== null) {
    entries.push({
      t: recoveredAt,
      lane: 'system',
      kind: 'mitigated',
      text: `Mitigated: the SLOs held for ${span(scenario.objectives.holdFor)} from here`,
    });
  }
  entries.push({
    t: endedAt,
    lane: 'system',
    kind: 'end',
    text: `Run ended: ${ENDING_SENTENCE[score.ending]}`,
  });
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || LANE_ORDER[a.e.lane] - LANE_ORDER[b.e.lane] || a.i - b.i)
    .map(({ e }) => e);
}

// ---------------------------------------------------------------------------------------------
// The ideal response compared with the trainee's
// ---------------------------------------------------------------------------------------------

export interface IdealRow {
  readonly ideal: TimedStep;
  readonly text: string;
  /** The trainee's matching step, when they took it. */
  readonly yours?: { readonly t: number; readonly text: string };
  /** yours.t - ideal.at (positive: later than the ideal). */
  readonly delta?: number;
}

export interface IdealComparison {
  readonly rows: readonly IdealRow[];
  /** The trainee's actions that the ideal response does not contain. */
  readonly extra: readonly TimelineEntry[];
}

export function describeIdealStep(scenario: Scenario, step: TimedStep): string {
  switch (step.kind) {
    case 'acknowledge':
      return 'Acknowledge the page';
    case 'declare':
      return `Declare "${causeLabel(step.category ?? scenario.rootCause.category)}" on ${step.target ?? scenario.rootCause.node}`;
    case 'action':
      return describeAction(scenario, step.type ?? '?', step.target ?? '?', step.params);
  }
}

function matchesIdeal(scenario: Scenario, ideal: TimedStep, step: RunStep): boolean {
  if (ideal.kind === 'acknowledge') return step.kind === 'acknowledge';
  if (ideal.kind === 'declare') {
    return (
      step.kind === 'declare' &&
      (ideal.target === undefined || same(step.node, ideal.target)) &&
      isCorrectDiagnosis(scenario.rootCause, step.node, step.category)
    );
  }
  return step.kind === 'action' && step.type === ideal.type && step.target === ideal.target;
}

export function compareWithIdeal(facts: RunFacts): IdealComparison {
  const { scenario, steps, endedAt } = facts;
  const taken = steps.filter((s) => s.at <= endedAt + EPS);
  const used = new Set<number>();
  const rows: IdealRow[] = scenario.solution.map((ideal) => {
    const text = describeIdealStep(scenario, ideal);
    const index = taken.findIndex((s, i) => !used.has(i) && matchesIdeal(scenario, ideal, s));
    if (index < 0) return { ideal, text };
    used.add(index);
    const step = taken[index] as RunStep;
    const yours = stepEntry(facts, step, undefined);
    return { ideal, text, yours: { t: step.at, text: yours.text }, delta: step.at - ideal.at };
  });
  const notes = actionNotes(steps, facts.score.measures.actions);
  const extra: TimelineEntry[] = [];
  steps.forEach((step, i) => {
    if (step.kind !== 'action' || step.at > endedAt + EPS) return;
    if (used.has(taken.indexOf(step))) return;
    extra.push(stepEntry(facts, step, notes.get(i)));
  });
  return { rows, extra };
}

// ---------------------------------------------------------------------------------------------
// When each SLO broke and recovered
// ---------------------------------------------------------------------------------------------

export interface Period {
  readonly from: number;
  /** null: still broken when the run ended. */
  readonly to: number | null;
}

/** The metric data the SLO periods read (a MetricBuffer satisfies it). */
export interface SeriesSource {
  readonly tickSeconds: number;
  readonly length: number;
  readonly values: readonly ArrayLike<number>[];
  find(metric: string, node: string): number;
}

/**
 * Periods during which `value > max` over ticks [0, ticks). A NaN value (no traffic) counts as
 * holding, as in the scoring. Times are the start of the tick that broke / held again.
 */
export function breachPeriods(
  values: ArrayLike<number>,
  ticks: number,
  tickSeconds: number,
  max: number,
): Period[] {
  const periods: Period[] = [];
  let from: number | null = null;
  for (let i = 0; i < ticks; i++) {
    const broken = (values[i] as number) > max;
    if (broken && from === null) from = i * tickSeconds;
    else if (!broken && from !== null) {
      periods.push({ from, to: i * tickSeconds });
      from = null;
    }
  }
  if (from !== null) periods.push({ from, to: null });
  return periods;
}

export interface SloPeriods {
  readonly slo: Slo;
  /** e.g. `error_ratio{node="checkout"} <= 0.01`, or the SLO's description. */
  readonly name: string;
  /** -1 when the run has no such series. */
  readonly series: number;
  readonly periods: readonly Period[];
}

export function sloName(slo: Slo): string {
  return slo.description ?? `${slo.metric}{node="${slo.node}"} <= ${slo.max}`;
}

/** Per objective of the scenario: when it broke and recovered over the run (up to endedAt). */
export function sloPeriods(
  scenario: Scenario,
  source: SeriesSource | undefined,
  endedAt: number,
): SloPeriods[] {
  return scenario.objectives.slos.map((slo) => {
    const series = source ? source.find(slo.metric, slo.node) : -1;
    const data = source && series >= 0 ? source.values[series] : undefined;
    if (!source || !data) return { slo, name: sloName(slo), series: -1, periods: [] };
    const ticks = Math.min(source.length, Math.ceil(endedAt / source.tickSeconds - EPS));
    return {
      slo,
      name: sloName(slo),
      series,
      periods: breachPeriods(data, ticks, source.tickSeconds, slo.max),
    };
  });
}

/** Total seconds covered by periods (an open period runs to endedAt). */
export function brokenSeconds(periods: readonly Period[], endedAt: number): number {
  return periods.reduce((sum, p) => sum + Math.max(0, (p.to ?? endedAt) - p.from), 0);
}

/**
 * Formula 3's ideal replay in one sentence: the scenario's solution, moved to when the trainee
 * first acted, against the trainee's own run (undefined when there is none).
 */
export function idealReplaySentence(ideal: IdealReplay | null | undefined): string | undefined {
  if (!ideal) return undefined;
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const held = (t: number | null) => (t === null ? 'not before the end' : `from ${tplus(t)}`);
  const failed =
    ideal.failed < ideal.actualFailed
      ? `${n(ideal.failed)} requests would have failed instead of your ${n(ideal.actualFailed)}`
      : ideal.failed > ideal.actualFailed
        ? `${n(ideal.failed)} requests would have failed; your response let only ${n(ideal.actualFailed)} fail`
        : `as many requests would have failed as in your run (${n(ideal.failed)})`;
  return (
    `Replayed with the ideal response starting at ${tplus(ideal.from)}, when you first acted: ${failed}, ` +
    `and the SLOs would have held ${held(ideal.recoveredAt)} (yours: ${held(ideal.actualRecoveredAt)}).`
  );
}
