import type { BuiltinDrill } from '../../stores/drill-library';

/** A readiness drill in the library: what it is, and the way in. */
export function DrillCard({ entry, onOpen }: { entry: BuiltinDrill; onOpen(): void }) {
  const drill = entry.drill;
  if (!drill)
    return (
      <article className="card invalid" aria-label={entry.file}>
        <h3 className="card-title">{entry.file}</h3>
        <pre className="small error-text">{entry.error}</pre>
      </article>
    );
  return (
    <article className="card scenario-card" data-testid="drill-card" aria-label={drill.title}>
      <header className="card-head">
        <span className="badge">drill</span>
        <span className={`badge difficulty-${drill.difficulty}`}>{drill.difficulty}</span>
        <span className="muted small">goal {drill.goal.headroom}x the peak</span>
      </header>
      <h3 className="card-title">{drill.title}</h3>
      <p className="card-summary">{drill.summary}</p>
      <footer className="card-foot">
        <button className="primary" onClick={onOpen}>
          Open drill
        </button>
      </footer>
    </article>
  );
}
