import type { Scenario } from '../../../simulator/scenario/schema';
import { formatBest, usePersonalBest } from '../../stores/history-store';
import type { LibraryEntry } from '../../stores/library-store';

export function ScenarioCard({
  entry,
  scenario,
  onStart,
}: {
  entry: LibraryEntry;
  scenario: Scenario;
  onStart(): void;
}) {
  const best = usePersonalBest(scenario.id);
  return (
    <article className="card scenario-card" data-testid="scenario-card" aria-label={scenario.title}>
      <header className="card-head">
        <span className={`badge difficulty-${scenario.difficulty}`}>{scenario.difficulty}</span>
        <span className="muted small">~{scenario.estimatedMinutes} min</span>
        {entry.source === 'user' ? <span className="badge badge-user">yours</span> : null}
        {best ? <span className="badge badge-best">{formatBest(best)}</span> : null}
      </header>
      <h3 className="card-title">{scenario.title}</h3>
      <p className="card-summary">{scenario.summary}</p>
      <footer className="card-foot">
        <button className="primary" onClick={onStart}>
          Open briefing
        </button>
      </footer>
    </article>
  );
}
