/** The scenario's briefing: role, what is known, the SLOs and what "done" means; then Start. */
import Markdown from '../shared/Markdown';
import type { Scenario } from '../../../simulator/scenario/schema';
import { metricDef } from '../../../simulator/engine/metric-names';
import { clock, metricValue } from '../../lib/format';
import { communicationOf } from '../../../simulator/comms/cast';
import { SEVERITIES, SEVERITY_DEFINITIONS } from '../../../simulator/scenario/communication';

export function Briefing({
  scenario,
  onStart,
  onStartInstructor,
  onBack,
}: {
  scenario: Scenario;
  onStart(): void;
  /** Instructor mode: the same console plus the game-master panel. */
  onStartInstructor?(): void;
  onBack(): void;
}) {
  const { objectives, scoring } = scenario;
  const comms = communicationOf(scenario);
  return (
    <div className="briefing pad">
      <button className="link" onClick={onBack}>
        ← Library
      </button>
      <header className="view-header">
        <span className={`badge difficulty-${scenario.difficulty}`}>{scenario.difficulty}</span>
        <h1>{scenario.title}</h1>
      </header>
      <div className="briefing-grid">
        <article className="markdown card">
          <Markdown>{scenario.briefing || scenario.summary}</Markdown>
        </article>
        <aside className="card">
          <h2>Service level objectives</h2>
          <ul className="slo-list">
            {objectives.slos.map((slo) => (
              <li key={`${slo.node}-${slo.metric}`}>
                <code>{slo.node}</code> {slo.metric.replace('_', ' ')} ≤{' '}
                {metricValue(slo.max, metricDef(slo.metric)?.unit)}
                {slo.description ? <div className="muted small">{slo.description}</div> : null}
              </li>
            ))}
          </ul>
          <h2>Done means</h2>
          <p>
            Every SLO holds for {clock(objectives.holdFor)} after your fix. You are scored on time to
            acknowledge the page (target {clock(scoring.acknowledge)}), to declare the right root cause
            (target {clock(scoring.diagnose)}) and to mitigate (target {clock(scoring.mitigate)}), on error
            budget burned, and on actions that made things worse.
            {comms.scored
              ? ` Communication counts too: declare a severity, post a first update within ${clock(comms.firstUpdate)} of acknowledging and keep the status page true to the impact (the # incident channel).`
              : ''}
          </p>
          <h2>Severity levels</h2>
          <dl className="severity-defs small">
            {SEVERITIES.map((sev) => (
              <div key={sev}>
                <dt>{sev}</dt>
                <dd className="muted">
                  {SEVERITY_DEFINITIONS[sev]} Updates at least every {clock(comms.cadence[sev])}.
                </dd>
              </div>
            ))}
          </dl>
          <h2>Controls</h2>
          <ul className="muted small keys">
            <li>
              <kbd>Ctrl</kbd>+<kbd>K</kbd> actions · <kbd>C</kbd> declare root cause · <kbd>Space</kbd> pause
            </li>
            <li>
              <kbd>1</kbd>–<kbd>5</kbd> speed 1x/2x/5x/10x/60x · <kbd>D</kbd> <kbd>T</kbd> <kbd>A</kbd>{' '}
              <kbd>L</kbd> <kbd>R</kbd> <kbd>E</kbd> dashboard, topology, alerts, logs, traces, events
            </li>
          </ul>
          <div className="row">
            <button className="primary big" onClick={onStart} autoFocus>
              Start incident
            </button>
            {onStartInstructor ? (
              <button
                className="big"
                onClick={onStartInstructor}
                title="Run it as the game master: see the hidden truth, inject faults, open a trainee view"
              >
                Start as instructor
              </button>
            ) : null}
          </div>
        </aside>
      </div>
    </div>
  );
}
