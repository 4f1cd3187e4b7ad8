/** Unacknowledged pages: sound-free but unmissable, until acknowledged. */
import { useIncidentStore } from '../../../stores/incident-store';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { clock } from '../../../lib/format';

export function PageBanner() {
  const pages = useIncidentStore((s) => s.pages);
  const acknowledge = useIncidentStore((s) => s.acknowledge);
  const setTab = useConsoleUi((s) => s.setTab);
  const open = pages.filter((p) => p.acknowledgedAt === undefined);
  if (open.length === 0) return null;
  return (
    <div className="page-banner" role="alert" aria-live="assertive">
      <span className="page-pulse" aria-hidden />
      <strong>PAGE</strong>
      {open.map((p) => (
        <span key={`${p.name}-${p.firedAt}`} className="page-item">
          <span className={`sev sev-${p.severity}`}>{p.severity}</span> {p.name}{' '}
          <span className="muted small">since {clock(p.firedAt)}</span>
          <button className="primary" onClick={() => acknowledge(p.name)}>
            Acknowledge
          </button>
        </span>
      ))}
      <button className="link" onClick={() => setTab('alerts')}>
        Runbooks →
      </button>
    </div>
  );
}
