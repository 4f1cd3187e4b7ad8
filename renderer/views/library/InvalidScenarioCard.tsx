import type { LibraryEntry } from '../../stores/library-store';

const SHOWN = 8;

export function InvalidScenarioCard({ entry }: { entry: LibraryEntry }) {
  return (
    <article
      className="card scenario-card invalid"
      data-testid="invalid-scenario-card"
      aria-label={`${entry.file} (invalid)`}
    >
      <header className="card-head">
        <span className="badge badge-error">invalid</span>
        {entry.kind === 'drill' ? <span className="badge">drill</span> : null}
        <span className="muted small">{entry.file}</span>
      </header>
      <h3 className="card-title">{entry.file} cannot be played</h3>
      <ul className="error-list">
        {entry.errors.slice(0, SHOWN).map((e, i) => (
          <li key={i}>
            <code>{e.path || '(file)'}</code> {e.message}
          </li>
        ))}
      </ul>
      {entry.errors.length > SHOWN ? (
        <p className="muted small">…and {entry.errors.length - SHOWN} more.</p>
      ) : null}
    </article>
  );
}
