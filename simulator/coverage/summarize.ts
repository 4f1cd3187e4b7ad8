/**
 * What a team's alerts did in one scenario, from the rule runs (run-rules.ts): which alerts fired
 * and when, how long after the hidden fault onset, whether a page fired before the SLO broke, the
 * rules that never fired (and why) and the ones that flapped, and a one-line verdict.
 *
 * Definitions (docs/authoring-scenarios.md, "Would our alerts have caught it?"):
 * - a page is an alert whose `severity` label is one of PAGE_SEVERITIES (any case), the
 *   kube-prometheus convention where critical pages and warning goes to a ticket or chat;
 * - an alert detects the incident when its condition started holding (it went pending) at or
 *   after the onset, the earliest fault's `at`; one active before it was raised by the healthy
 *   system, which is noise, however long its `for` made it wait;
 * - a rule flaps when one of its alerts (one label set) starts firing FLAP_FIRINGS times or more;
 * - caught: a page started firing at or after the onset and no later than the first tick an SLO
 *   broke, in a run with no response. A scenario whose SLOs never break has nothing to catch.
 */
import { formatDuration } from '../scenario/duration';
import { labelsKey } from '../prom/labels';
import type { ActiveAlert, AlertEvaluation } from '../prom/alert-rules';
import type { RuleRun } from './run-rules';

export const PAGE_SEVERITIES: readonly string[] = [
  'critical',
  'page',
  'pager',
  'p0',
  'p1',
  'sev0',
  'sev1',
  'emergency',
];
export const FLAP_FIRINGS = 3;

export function isPage(severity: string | undefined): boolean {
  return severity !== undefined && PAGE_SEVERITIES.includes(severity.toLowerCase());
}

/**
 * One firing period of one alert (label set), in seconds: when it became active (pending), when it
 * started firing, and when it resolved (null: still firing at the end).
 */
interface Episode {
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly activeAt: number;
  readonly start: number;
  end: number | null;
}

export interface FiredAlert {
  readonly alert: string;
  readonly group: string;
  readonly severity: string;
  readonly page: boolean;
  /** Seconds from the start of the run. */
  readonly firstFiring: number;
  /** When the first alert that went pending at or after the onset fired, and its delay after the onset. */
  readonly firstFiringAfterOnset: number | null;
  readonly detectionDelay: number | null;
  /** Firing periods, all label sets together. */
  readonly firings: number;
  /** The most firing periods of one alert (label set). */
  readonly mostFiringsOfOneAlert: number;
  readonly firingAtEnd: boolean;
  /** Labels of the alert that detected it (else of the first that fired): alertname, severity, series'. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface SilentRule {
  readonly alert: string;
  readonly group: string;
  readonly severity: string;
  readonly reason: string;
}

export interface FlappingRule {
  readonly alert: string;
  readonly firings: number;
}

export type Outcome = 'caught' | 'missed' | 'no-breach';

export interface ScenarioCoverage {
  readonly scenario: string;
  /** Seconds: the hidden fault onset (0 without faults). */
  readonly onset: number;
  /** Seconds: the first tick an SLO broke with no response; null when none did. */
  readonly sloBroken: number | null;
  readonly firstPage: {
    readonly alert: string;
    readonly at: number;
    readonly afterOnset: number;
    /** Seconds before the SLO broke (negative: after it); null when it never broke. */
    readonly beforeSlo: number | null;
  } | null;
  readonly outcome: Outcome;
  readonly verdict: string;
  readonly fired: readonly FiredAlert[];
  readonly neverFired: readonly SilentRule[];
  readonly flapping: readonly FlappingRule[];
  /** Recording rules: series written, or why none. */
  readonly recordingRules: readonly {
    readonly record: string;
    readonly series: number;
    readonly note?: string;
  }[];
  /** With the scenario's scripted solution: the alerts still firing at the end (null: not run). */
  readonly firingAfterFix: readonly string[] | null;
}

function episodes(evaluations: readonly AlertEvaluation[]): Episode[] {
  const open = new Map<string, Episode>();
  const all: Episode[] = [];
  for (const e of evaluations) {
    const t = e.timeMs / 1000;
    const now = new Map<string, ActiveAlert>();
    for (const a of e.alerts) if (a.firing) now.set(labelsKey(a.labels), a);
    for (const [key, ep] of open)
      if (!now.has(key)) {
        ep.end = t;
        open.delete(key);
      }
    for (const [key, a] of now)
      if (!open.has(key)) {
        const ep: Episode = { key, labels: a.labels, activeAt: a.activeAtMs / 1000, start: t, end: null };
        open.set(key, ep);
        all.push(ep);
      }
  }
  return all;
}

/** Why a rule that ran never fired: its condition never held, or not for its `for`. */
function silentReason(run: RuleRun, knownNames: ReadonlySet<string>): string {
  if (run.missing.length > 0) {
    return run.missing
      .map((n) =>
        knownNames.has(n)
          ? `no series named ${n} in this scenario`
          : `no series named ${n} (map it with a name mapping, --map)`,
      )
      .join('; ');
  }
  if (run.error) return `error: ${run.error}`;
  let longestPending = 0;
  for (const e of run.evaluations ?? [])
    for (const a of e.alerts) longestPending = Math.max(longestPending, e.timeMs - a.activeAtMs);
  const rule = run.rule;
  const forMs = rule.kind === 'alert' ? rule.forMs : 0;
  if (!(run.evaluations ?? []).some((e) => e.alerts.length > 0))
    return run.unmatched?.length ? `no series match ${run.unmatched.join('; ')}` : 'its condition never held';
  const held =
    longestPending > 0
      ? `at most ${formatDuration(longestPending / 1000)} in a row`
      : 'only at single evaluations';
  return `its condition held ${held}, short of for: ${formatDuration(forMs / 1000)}`;
}

export interface SummaryInput {
  readonly scenario: string;
  readonly onset: number;
  readonly sloBroken: number | null;
  readonly runs: readonly RuleRun[];
  /** Metric names our catalog (or the mapping) knows, present in the scenario or not. */
  readonly knownNames: ReadonlySet<string>;
  /** Rule runs over the scripted solution's run, when it was played. */
  readonly solutionRuns?: readonly RuleRun[];
}

export function summarizeCoverage(input: SummaryInput): ScenarioCoverage {
  const { onset, sloBroken } = input;
  const fired: FiredAlert[] = [];
  const neverFired: SilentRule[] = [];
  const flapping: FlappingRule[] = [];
  const recordingRules: { record: string; series: number; note?: string }[] = [];
  for (const run of input.runs) {
    const rule = run.rule;
    if (rule.kind === 'record') {
      const note = run.missing.length || run.error ? silentReason(run, input.knownNames) : undefined;
      recordingRules.push({ record: rule.name, series: run.recordedSeries ?? 0, ...(note ? { note } : {}) });
      continue;
    }
    const severity = rule.labels.severity ?? '';
    const eps = episodes(run.evaluations ?? []);
    if (eps.length === 0) {
      neverFired.push({
        alert: rule.name,
        group: run.group,
        severity,
        reason: silentReason(run, input.knownNames),
      });
      continue;
    }
    const perAlert = new Map<string, number>();
    for (const ep of eps) perAlert.set(ep.key, (perAlert.get(ep.key) ?? 0) + 1);
    const most = Math.max(...perAlert.values());
    const afterOnset = eps.find((ep) => ep.activeAt >= onset);
    fired.push({
      alert: rule.name,
      group: run.group,
      severity,
      page: isPage(severity),
      firstFiring: eps[0]!.start,
      firstFiringAfterOnset: afterOnset?.start ?? null,
      detectionDelay: afterOnset ? afterOnset.start - onset : null,
      firings: eps.length,
      mostFiringsOfOneAlert: most,
      firingAtEnd: eps.some((ep) => ep.end === null),
      labels: (afterOnset ?? eps[0]!).labels,
    });
    if (most >= FLAP_FIRINGS) flapping.push({ alert: rule.name, firings: most });
  }

  let firstPage: ScenarioCoverage['firstPage'] = null;
  for (const f of fired) {
    if (!f.page || f.firstFiringAfterOnset === null) continue;
    if (firstPage === null || f.firstFiringAfterOnset < firstPage.at) {
      const at = f.firstFiringAfterOnset;
      firstPage = {
        alert: f.alert,
        at,
        afterOnset: at - onset,
        beforeSlo: sloBroken === null ? null : sloBroken - at,
      };
    }
  }
  const outcome: Outcome =
    sloBroken === null ? 'no-breach' : firstPage !== null && firstPage.at <= sloBroken ? 'caught' : 'missed';

  let firingAfterFix: string[] | null = null;
  if (input.solutionRuns) {
    firingAfterFix = [];
    for (const run of input.solutionRuns) {
      const last = run.evaluations?.[run.evaluations.length - 1];
      if (run.rule.kind === 'alert' && last?.alerts.some((a) => a.firing)) firingAfterFix.push(run.rule.name);
    }
  }
  return {
    scenario: input.scenario,
    onset,
    sloBroken,
    firstPage,
    outcome,
    verdict: verdict(outcome, firstPage, fired, onset, sloBroken),
    fired,
    neverFired,
    flapping,
    recordingRules,
    firingAfterFix,
  };
}

function verdict(
  outcome: Outcome,
  firstPage: ScenarioCoverage['firstPage'],
  fired: readonly FiredAlert[],
  onset: number,
  sloBroken: number | null,
): string {
  const d = (s: number) => formatDuration(Math.abs(s));
  if (outcome === 'no-breach')
    return firstPage
      ? `no SLO broke without a response; page ${firstPage.alert} ${d(firstPage.afterOnset)} after onset`
      : 'no SLO broke without a response: nothing to page for';
  if (outcome === 'caught' && firstPage)
    return `caught: page ${firstPage.alert} ${d(firstPage.afterOnset)} after onset, ${
      firstPage.beforeSlo === 0 ? 'as' : `${d(firstPage.beforeSlo!)} before`
    } the SLO broke`;
  // Latency is attributed to the tick a request arrives, so a slow dependency can break a latency
  // SLO at the onset itself: no alert with a scrape, a rate window or a `for` can page before it.
  const atOnset = sloBroken !== null && sloBroken <= onset ? 'the SLO broke at the onset' : '';
  if (firstPage)
    return `missed: first page ${firstPage.alert} ${d(firstPage.at - sloBroken!)} after the SLO broke${atOnset ? ` (${atOnset})` : ''}`;
  const other = fired.filter((f) => f.firstFiringAfterOnset !== null && !f.page);
  const notes = [atOnset, other.length ? `non-paging ${other.map((f) => f.alert).join(', ')} fired` : ''];
  const note = notes.filter((n) => n !== '').join('; ');
  return `missed: no page before the SLO broke${note ? ` (${note})` : ''}`;
}
