import { useEffect } from 'react';
import { LOCKED_VIEWS, useAppStore, VIEWS, type View } from '../stores/app-store';

const LABELS: Record<View, string> = {
  library: 'Library',
  incident: 'Incident',
  debrief: 'Debrief',
  history: 'History',
  editor: 'Editor',
};

export function NavBar() {
  const view = useAppStore((s) => s.view);
  const go = useAppStore((s) => s.go);
  const editorDirty = useAppStore((s) => s.editorDirty);
  const locked = useAppStore((s) => s.locked);

  useEffect(() => {
    // Alt+1..5 switch views, as in most desktop apps with tabs.
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return;
      const index = Number(event.key) - 1;
      const target = VIEWS[index];
      if (target) {
        event.preventDefault();
        go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  return (
    <nav className="nav" aria-label="Main">
      <div className="nav-brand">
        <span className="nav-logo" aria-hidden>
          ◉
        </span>
        Outage Lab
      </div>
      {VIEWS.map((v, i) =>
        locked && !LOCKED_VIEWS.includes(v) ? null : (
          <button
            key={v}
            className={v === view ? 'nav-item active' : 'nav-item'}
            aria-current={v === view ? 'page' : undefined}
            title={`${LABELS[v]} (Alt+${i + 1})`}
            onClick={() => go(v)}
          >
            {LABELS[v]}
            {v === 'editor' && editorDirty ? (
              <span
                className="nav-dirty"
                title="Unsaved changes (kept as a draft)"
                aria-label="unsaved changes"
              >
                ●
              </span>
            ) : null}
          </button>
        ),
      )}
      {locked ? (
        <span
          className="nav-locked muted small"
          title="The instructor unlocks the rest of the app (library, history, editor) from the game-master panel"
        >
          🔒 Locked by the instructor
        </span>
      ) : null}
    </nav>
  );
}
