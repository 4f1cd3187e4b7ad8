/**
 * What the scenario is based on and its tags: kept for the debrief, since before the run they
 * name the answer (issue 14: nothing before the run the on-call engineer would not know).
 */
import type { Scenario } from '../../../simulator/scenario/schema';

export function Hindsight({ scenario }: { scenario: Scenario }) {
  if (!scenario.basedOn && scenario.tags.length === 0) return null;
  return (
    <div className="debrief-hindsight">
      {scenario.basedOn ? <p className="muted small">Based on: {scenario.basedOn}</p> : null}
      {scenario.tags.length ? (
        <ul className="tags" aria-label="Tags">
          {scenario.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
