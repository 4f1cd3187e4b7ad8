import type { Drill } from '../../../simulator/drill/schema';

export interface DrillCardProps {
  readonly file: string;
  /** The validated drill; without it the card shows `error` (a built-in that failed validation). */
  readonly drill?: Drill;
  readonly error?: string;
  /** A drill from the user scenario folder (marked "yours", like user scenarios). */
  readonly user?: boolean;
  onOpen(): void;
}

/** A readiness drill in the library: what it is, and the way in. */
export function DrillCard({ file, drill, error, user, onOpen }: DrillCardProps) {
  if (!drill)
    return (
      <article className="card invalid" aria-label={file}>
        <h3 className="card-title">{file}</h3>
        <pre className="small error-text">{error}</pre>
      </article>
    );
  return (
    <article className="card scenario-card" data-testid="drill-card" aria-label={drill.title}>
      <header className="card-head">
        <span className="badge">drill</span>
        <span className={`badge difficulty-${drill.difficulty}`}>{drill.difficulty}</span>
        {user ? <span className="badge badge-user">yours</span> : null}
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
