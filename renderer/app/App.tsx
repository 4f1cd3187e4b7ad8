import { lazy, Suspense, useEffect } from 'react';
import { useAppStore, type View } from '../stores/app-store';
import { useLibraryStore } from '../stores/library-store';
import { LibraryView } from '../views/library/LibraryView';
import { NavBar } from './NavBar';
import { traineeRunIdFromHash } from '../platform/desktop-api';
import { restorePendingSaves } from '../stores/pending-saves-store';

// Instructor mode: a `#trainee=<runId>` tab opens on the console, which joins that run.
if (typeof window !== 'undefined' && traineeRunIdFromHash(window.location.hash))
  useAppStore.getState().go('incident');

// The console, debrief and history (recharts, xyflow) load on first use, so the library, the
// first screen, needs only a fraction of the JavaScript.
const IncidentView = lazy(() =>
  import('../views/incident/IncidentView').then((m) => ({ default: m.IncidentView })),
);
const DebriefView = lazy(() =>
  import('../views/debrief/DebriefView').then((m) => ({ default: m.DebriefView })),
);
const HistoryView = lazy(() =>
  import('../views/history/HistoryView').then((m) => ({ default: m.HistoryView })),
);
const DrillView = lazy(() => import('../views/drill/DrillView').then((m) => ({ default: m.DrillView })));
const EditorView = lazy(() => import('../views/editor/EditorView').then((m) => ({ default: m.EditorView })));

const USER_FOLDER_POLL_MS = 2000;

function CurrentView({ view }: { view: View }) {
  switch (view) {
    case 'library':
      return <LibraryView />;
    case 'incident':
      return <IncidentView />;
    case 'debrief':
      return <DebriefView />;
    case 'history':
      return <HistoryView />;
    case 'editor':
      return <EditorView />;
  }
}

export function App() {
  const view = useAppStore((s) => s.view);
  const drill = useAppStore((s) => s.drill);
  const load = useLibraryStore((s) => s.load);
  const refreshIfChanged = useLibraryStore((s) => s.refreshIfChanged);

  useEffect(() => {
    // Run saves a previous page could not make are retried (a trainee tab saves nothing).
    if (!traineeRunIdFromHash(window.location.hash)) restorePendingSaves();
  }, []);

  useEffect(() => {
    void load();
    // Picks up files dropped into the user scenario folder without a restart.
    const timer = setInterval(() => void refreshIfChanged(), USER_FOLDER_POLL_MS);
    return () => clearInterval(timer);
  }, [load, refreshIfChanged]);

  return (
    <div className="app">
      <NavBar />
      <main className="app-main">
        <Suspense fallback={<p className="muted pad">Loading…</p>}>
          {drill ? <DrillView /> : <CurrentView view={view} />}
        </Suspense>
      </main>
    </div>
  );
}
