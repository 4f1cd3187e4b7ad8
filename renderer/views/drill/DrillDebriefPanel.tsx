/** The drill's debrief: the score, the real peak, the headroom, the cost, the tests' bottlenecks and the ideal answer. */
import { describeSequence } from '../../../simulator/drill/bottlenecks';
import { formatMoney } from '../../../simulator/drill/cost';
import type { Drill } from '../../../simulator/drill/schema';
import type { SearchResult } from '../../../simulator/drill/search';
import type { DrillDebrief } from '../../../simulator/drill/session';
import type { LogEntry } from '../../stores/drill-store';

export function DrillDebriefPanel(props: {
  drill: Drill;
  debrief: DrillDebrief;
  ideal?: SearchResult | { error: string };
  tests: readonly LogEntry[];
}) {
  const { drill, debrief, ideal, tests } = props;
  const money = (x: number) => formatMoney(x, drill.cost.currency);
  const { peak } = debrief;
  return (
    <section className="drill-debrief" aria-labelledby="drill-debrief-heading" data-testid="drill-debrief">
      <h2 id="drill-debrief-heading">
        Debrief: {debrief.score.total}/100 ({debrief.score.grade})
      </h2>
      <ul>
        {debrief.score.components.map((c) => (
          <li key={c.id}>
            <strong>
              {c.label} {c.points}/{c.max}
            </strong>
            : {c.detail}
          </li>
        ))}
      </ul>
      <p>
        The real peak came at {peak.factor.toFixed(2)}x the forecast;{' '}
        {peak.held
          ? 'every SLO held through it'
          : `the SLOs held ${(peak.heldShare * 100).toFixed(1)}% of it`}
        . Headroom: {debrief.headroom >= debrief.ladderTop ? 'at least ' : ''}
        {debrief.headroom.toFixed(2)}x.
      </p>
      {debrief.late.length ? (
        <p className="warn-text">Too late for the peak: {debrief.late.map((c) => c.label).join('; ')}</p>
      ) : null}
      <p>
        Cost {money(debrief.cost.monthly)}/month against {money(drill.budget.monthly)}:{' '}
        {debrief.cost.lines.map((l) => `${l.item} ${l.detail} ${money(l.monthly)}`).join('; ')}
      </p>
      <h3>Bottlenecks by test</h3>
      <ol>
        {tests.flatMap((e, i) =>
          e.kind === 'test'
            ? [<li key={i}>{`${e.report.test.name}: ${describeSequence(e.report.bottlenecks)}`}</li>]
            : [],
        )}
      </ol>
      {drill.bottlenecks.length ? (
        <p>
          The author’s bottleneck sequence:{' '}
          {drill.bottlenecks.map((b) => `${b.node} ${b.resource}`).join(', then ')}
        </p>
      ) : null}
      <h3>The ideal answer</h3>
      <p data-testid="drill-ideal">
        {!ideal
          ? 'Searching the cheapest set of offered changes that reaches the goal…'
          : 'error' in ideal
            ? `The search failed: ${ideal.error}`
            : ideal.reachesGoal
              ? `${ideal.changes.map((c) => c.label ?? `${c.type} ${c.target}`).join('; ') || 'No change'}: ${ideal.headroom.toFixed(2)}x the peak for ${money(ideal.monthly)}/month.`
              : `No set of offered changes the search tried reaches ${drill.goal.headroom}x (best ${ideal.headroom.toFixed(2)}x).`}
      </p>
    </section>
  );
}
