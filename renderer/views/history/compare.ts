/**
 * Two runs of one scenario side by side: each score component's points, the response times, the
 * conduct counts and the actions taken. Pure, so it is tested without a DOM.
 */
import type { RunRecord } from '../../../simulator/runs/record';
import { COMPONENT_IDS } from '../../../simulator/scoring/types';
import { phrase } from '../incident/actions/phrase';
import { actionEffects, EFFECT_LABEL } from '../debrief/run-model';
import { points, span, tplus, wallClock } from '../debrief/run-format';

export interface CompareRow {
  readonly key: string;
  readonly label: string;
  readonly a: string;
  readonly b: string;
  /** Which run did better on this line, when the line is comparable. */
  readonly better?: 'a' | 'b';
}

const numberOrNull = (v: number | null | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

/** Higher is better (points) or lower is better (times, counts); a missing value always loses. */
function better(a: number | null, b: number | null, higher: boolean): 'a' | 'b' | undefined {
  if (a === null && b === null) return undefined;
  if (a === null) return 'b';
  if (b === null) return 'a';
  if (Math.abs(a - b) < 1e-9) return undefined;
  return (higher ? a > b : a < b) ? 'a' : 'b';
}

/** The actions a run took, in order, each with its effect when the run was scored. */
export function actionsTaken(record: RunRecord): string[] {
  const effects = actionEffects(record.steps, record.score?.measures.actions ?? []);
  const out: string[] = [];
  record.steps.forEach((step, i) => {
    if (step.kind !== 'action') return;
    const effect = effects.get(i);
    const tag = record.score ? ` (${EFFECT_LABEL[effect ?? 'not-counted']})` : '';
    out.push(`${tplus(step.at)} ${phrase(step.type, step.target, step.params ?? {})}${tag}`);
  });
  return out;
}

export function compareRuns(a: RunRecord, b: RunRecord): CompareRow[] {
  const rows: CompareRow[] = [];
  rows.push({ key: 'started', label: 'Started', a: wallClock(a.startedAt), b: wallClock(b.startedAt) });
  rows.push({ key: 'status', label: 'Status', a: a.status, b: b.status });
  const total = (r: RunRecord) => numberOrNull(r.score?.total);
  rows.push({
    key: 'total',
    label: 'Score',
    a: a.score ? `${a.score.total} (${a.score.grade})` : '–',
    b: b.score ? `${b.score.total} (${b.score.grade})` : '–',
    better: better(total(a), total(b), true),
  });
  for (const id of COMPONENT_IDS) {
    const ca = a.score?.components.find((c) => c.id === id);
    const cb = b.score?.components.find((c) => c.id === id);
    if (!ca && !cb) continue;
    const show = (c: typeof ca) => (c ? `${points(c.points)} / ${points(c.max)}` : '–');
    rows.push({
      key: `component-${id}`,
      label: (ca ?? cb)?.label ?? id,
      a: show(ca),
      b: show(cb),
      better: better(numberOrNull(ca?.points), numberOrNull(cb?.points), true),
    });
  }
  const times = [
    ['tta', 'Time to acknowledge (TTA)'],
    ['ttd', 'Time to diagnose (TTD)'],
    ['ttm', 'Time to mitigate (TTM)'],
  ] as const;
  for (const [key, label] of times) {
    const va = numberOrNull(a.summary[key]);
    const vb = numberOrNull(b.summary[key]);
    rows.push({ key, label, a: span(va), b: span(vb), better: better(va, vb, false) });
  }
  const m = (r: RunRecord) => r.score?.measures;
  const counts = [
    ['harmful', 'Harmful actions', (r: RunRecord) => m(r)?.harmfulActions],
    ['unnecessary', 'Unnecessary actions', (r: RunRecord) => m(r)?.unnecessaryActions],
    ['wrong', 'Wrong declarations', (r: RunRecord) => m(r)?.wrongDeclarations.length],
    ['hints', 'Hints used', (r: RunRecord) => m(r)?.hintsUsed],
  ] as const;
  for (const [key, label, read] of counts) {
    const va = numberOrNull(read(a));
    const vb = numberOrNull(read(b));
    rows.push({
      key,
      label,
      a: va === null ? '–' : String(va),
      b: vb === null ? '–' : String(vb),
      better: va === null || vb === null ? undefined : better(va, vb, false),
    });
  }
  rows.push({ key: 'simTime', label: 'Simulated time reached', a: tplus(a.simTime), b: tplus(b.simTime) });
  return rows;
}
