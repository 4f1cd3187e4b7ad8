/** Unacknowledged pages: sound-free but unmissable, until acknowledged; then a calm strip. */
import { useIncidentStore } from '../../../stores/incident-store';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { clock } from '../../../lib/format';
import { orderPages } from './page-order';

export function PageBanner() {
  const pages = useIncidentStore((s) => s.pages);
  const acknowledge = useIncidentStore((s) => s.acknowledge);
  const setTab = useConsoleUi((s) => s.setTab);
  const open = orderPages(pages.filter((p) => p.acknowledgedAt === undefined));
  if (pages.length === 0) return null;
  if (open.length === 0) {
    // Acknowledged: a calm strip of the same height, so the console does not jump up under the
    // trainee's pointer the moment they click Acknowledge.
    const last = pages[pages.length - 1]!;
    return (
      <div className="page-banner acked" role="status" data-testid="page-acked">
        <strong>ACKNOWLEDGED</strong>
        <span className="page-item">
          <span className={`sev sev-${last.severity}`}>{last.severity}</span> {last.name}{' '}
          <span className="muted small">
            since {clock(last.firedAt)}
            {last.acknowledgedAt !== undefined ? `, acknowledged at ${clock(last.acknowledgedAt)}` : ''}
            {pages.length > 1 ? ` · ${pages.length - 1} earlier page${pages.length === 2 ? '' : 's'}` : ''}
          </span>
        </span>
        <button className="link" onClick={() => setTab('alerts')}>
          Runbooks →
        </button>
      </div>
    );
  }
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
