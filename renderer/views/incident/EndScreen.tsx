/** Shown when the run ends: outcome and score at a glance, then on to the debrief or a retry. */
import { clock, gradeClass } from '../../lib/format';
import { span } from '../debrief/run-format';
import { useAppStore } from '../../stores/app-store';
import { useIncidentStore } from '../../stores/incident-store';
import { UnsavedRunNotice } from '../saves/UnsavedRuns';
import { ACTION_TYPES } from '../../../simulator/scenario/schema';

const ACTION_TYPE_SET: ReadonlySet<string> = new Set(ACTION_TYPES);
const isActionType = (type: string) => ACTION_TYPE_SET.has(type);

const OUTCOME = {
  mitigated: 'Mitigated: every SLO held for the hold time.',
  resolved: 'You declared the incident resolved.',
  abandoned: 'You abandoned the run.',
  timeout: 'Time ran out before the SLOs recovered.',
} as const;

/** A duration, or what it means that there is none. */
const or = (seconds: number | null, none: string): string => (seconds === null ? none : span(seconds));

export function EndScreen() {
  const reason = useIncidentStore((s) => s.ending);
  const endedAt = useIncidentStore((s) => s.endedAt ?? 0);
  const scenario = useIncidentStore((s) => s.scenario);
  const text = useIncidentStore((s) => s.scenarioText);
  // The score's accepted trainee actions: the same number in the instructor's and the trainee's
  // tab (the instructor's log also holds injections, and refused commands changed nothing).
  const actions = useIncidentStore(
    (s) =>
      s.score?.measures.actions.length ??
      s.actionLog.filter((e) => e.result.ok && isActionType(e.command.type)).length,
  );
  const start = useIncidentStore((s) => s.start);
  const score = useIncidentStore((s) => s.score);
  const runId = useIncidentStore((s) => s.record?.id);
  const go = useAppStore((s) => s.go);
  if (!scenario) return null;
  return (
    <div className="pad end-screen">
      <h1>{scenario.title}</h1>
      <p className="lead">{reason ? OUTCOME[reason] : 'The run ended.'}</p>
      <p className="muted">
        Ended at T+{clock(endedAt)} after {actions} action{actions === 1 ? '' : 's'}.
      </p>
      {score ? (
        <div className="end-score" aria-label={`Score ${score.total} of 100, grade ${score.grade}`}>
          <span className={gradeClass(score.grade)}>{score.grade}</span>
          <span className="end-total">
            {score.total}
            <span className="muted">/100</span>
          </span>
          <dl className="end-times">
            <div>
              <dt>Acknowledged in</dt>
              <dd>
                {or(score.measures.tta, score.measures.firstPageAt === null ? 'no page' : 'not acknowledged')}
              </dd>
            </div>
            <div>
              <dt>Diagnosed in</dt>
              <dd>{or(score.measures.ttd, 'not declared')}</dd>
            </div>
            <div>
              <dt>Mitigated in</dt>
              <dd>
                {or(
                  score.measures.ttm,
                  score.measures.selfRecovered ? 'recovered by itself' : 'not mitigated',
                )}
              </dd>
            </div>
          </dl>
        </div>
      ) : null}
      <UnsavedRunNotice runId={runId} />
      <div className="row">
        <button className="primary" onClick={() => go('debrief')}>
          Open the debrief
        </button>
        <button onClick={() => start(scenario, text ?? '')}>Retry this scenario</button>
        <button onClick={() => go('library')}>Back to the library</button>
      </div>
    </div>
  );
}
