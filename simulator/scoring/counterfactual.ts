/**
 * Honest scoring by counterfactual replay (issue 14 item 3, formula 3). The engine is
 * deterministic, so what an action did in this run is measured, not assumed: the run is replayed
 * with the trainee's actions up to and including action k, and up to action k - 1, both to the
 * run's end; the difference in failed requests on the SLO nodes (and in when the SLOs recovered)
 * is action k's effect given what had been done before it. A later action that repeats an earlier
 * fix measures as "no effect", which is what it was. Every other step (instructor injections
 * included) stays in every replay. The ideal response is the scenario's solution actions moved to
 * start when the trainee first acted.
 */
import type { Scenario } from '../scenario/schema';
import type { RunStep } from '../runs/record';
import { replayRun, solutionSteps } from '../runs/replay';
import { onTick, schedule } from '../comms/escalation';
import { analyseSlo, sumWindow } from './score';
import { measureSeries } from './series';
import type { ActionVerdict, IdealReplay, MeasuredEffect } from './types';

/** Failed-request differences at or under this share of the incident's failures (plus one) are noise. */
export const NOISE_SHARE = 0.01;

export interface Counterfactuals {
  /** One per action the engine accepted, in the order applied (the score's action notes' order). */
  readonly actions: readonly (MeasuredEffect & {
    readonly at: number;
    readonly type: string;
    readonly target: string;
  })[];
  readonly ideal: IdealReplay | null;
}

type ActingStep = Extract<RunStep, { kind: 'action' | 'ask' }>;

interface Outcome {
  readonly failed: number;
  readonly recoveredAt: number | null;
  /** Whether each step applied in this replay was accepted (an ask: whether its action ran). */
  readonly accepted: ReadonlyMap<RunStep, boolean>;
}

function replay(
  scenario: Scenario,
  seed: number | undefined,
  steps: readonly RunStep[],
  endedAt: number,
): Outcome {
  const { sim, results } = replayRun(scenario, seed, steps, endedAt); // sorts by time, stably
  const series = measureSeries(scenario, sim.metrics);
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
    .map(({ s }) => s);
  const accepted = new Map<RunStep, boolean>();
  ordered.forEach((s, k) => {
    if (k >= results.length) return;
    // An asked action counts when the responder's action really ran (the engine may refuse it then).
    const ok =
      s.kind === 'ask'
        ? results[k]!.ok &&
          sim.events.some(
            (e) =>
              e.kind === 'action' &&
              e.data?.by === s.team &&
              e.data?.type === s.type &&
              e.data?.target === s.target &&
              Math.abs(e.t - (results[k]!.effectiveAt ?? NaN)) < 1e-9,
          )
        : results[k]!.ok;
    accepted.set(s, ok);
  });
  return {
    failed: sumWindow(series.failed, series, endedAt),
    recoveredAt: analyseSlo(series, scenario.objectives.holdFor, endedAt).recoveredAt,
    accepted,
  };
}

/**
 * helped / hurt / none from two outcomes (with the action, without it). The noise floor scales
 * with the incident: a share of the failures of the run with no action at all (`scale`), so a
 * harmless release's 0.2% of errors rolled back does not count as a fix of a 25% outage.
 */
export function verdict(
  withIt: Outcome,
  without: Outcome,
  scale: number,
  tickSeconds: number,
): ActionVerdict {
  const saved = without.failed - withIt.failed;
  const noise = NOISE_SHARE * Math.max(scale, withIt.failed, without.failed) + 1;
  if (saved > noise) return 'helped';
  if (saved < -noise) return 'hurt';
  const a = withIt.recoveredAt ?? Infinity;
  const b = without.recoveredAt ?? Infinity;
  if (a < b - tickSeconds / 2) return 'helped';
  if (a > b + tickSeconds / 2) return 'hurt';
  return 'none';
}

/**
 * Measures every accepted action of a run (`steps` as saved, `endedAt` the simulated end) and
 * the ideal response. Costs one replay per action plus two, each as long as the run.
 */
export function measureCounterfactuals(
  scenario: Scenario,
  seed: number | undefined,
  steps: readonly RunStep[],
  endedAt: number,
): Counterfactuals {
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
    .map(({ s }) => s);
  // Only injections change the system besides actions; acknowledging, declaring, hints, notes
  // and shell commands do not, so the replays leave them out (a shell command costs time). Pages
  // to other teams stay in every replay (an ask needs its page); an asked action counts as an
  // action at the time the responder runs it (comms/escalation.ts `schedule`).
  const base = ordered.filter((s) => (s.kind === 'inject' || s.kind === 'escalate') && s.at <= endedAt);
  const firstDeclare = ordered.find((s) => s.kind === 'declare')?.at;
  const due = schedule(scenario, ordered).asks;
  const asks = ordered.filter((s) => s.kind === 'ask');
  const acting: { step: ActingStep; at: number }[] = [];
  for (const s of ordered) {
    if (s.at > endedAt) continue;
    if (s.kind === 'action') acting.push({ step: s, at: onTick(s.at, scenario.tickSeconds) });
    if (s.kind === 'ask') {
      const at = due[asks.indexOf(s)];
      if (at !== undefined && at <= endedAt + 1e-9) acting.push({ step: s, at });
    }
  }
  acting.sort((a, b) => a.at - b.at); // stable: same tick, step order
  const actions = acting.map((a) => a.step);
  const prefix = (k: number) => [...base, ...actions.slice(0, k)];

  const outcomes: Outcome[] = [replay(scenario, seed, base, endedAt)];
  for (let k = 1; k <= actions.length; k++) outcomes.push(replay(scenario, seed, prefix(k), endedAt));

  const measured: Counterfactuals['actions'][number][] = [];
  for (let k = 1; k <= actions.length; k++) {
    const action = actions[k - 1]!;
    const withIt = outcomes[k] as Outcome;
    const without = outcomes[k - 1] as Outcome;
    if (withIt.accepted.get(action) === false) continue; // refused: changed nothing, and the score skips it
    measured.push({
      at: acting[k - 1]!.at,
      type: action.type,
      target: action.target,
      verdict: verdict(withIt, without, (outcomes[0] as Outcome).failed, scenario.tickSeconds),
      failedSaved: Math.round(without.failed - withIt.failed),
      recoveredAt: withIt.recoveredAt,
      recoveredWithoutAt: without.recoveredAt,
    });
  }

  return {
    actions: measured,
    ideal: idealReplay(
      scenario,
      seed,
      base,
      acting[0]?.at ?? firstDeclare,
      outcomes.at(-1) as Outcome,
      endedAt,
    ),
  };
}

function idealReplay(
  scenario: Scenario,
  seed: number | undefined,
  base: readonly RunStep[],
  startAt: number | undefined,
  actual: Outcome,
  endedAt: number,
): IdealReplay | null {
  const solution = solutionSteps(scenario).filter((s) => s.kind === 'action');
  const first = solution[0];
  if (!first || startAt === undefined) return null;
  const shift = startAt - first.at;
  const moved = solution.map((s) => ({ ...s, at: Math.max(0, s.at + shift) })).filter((s) => s.at <= endedAt);
  const ideal = replay(scenario, seed, [...base, ...moved], endedAt);
  return {
    from: startAt,
    failed: Math.round(ideal.failed),
    recoveredAt: ideal.recoveredAt,
    actualFailed: Math.round(actual.failed),
    actualRecoveredAt: actual.recoveredAt,
  };
}
