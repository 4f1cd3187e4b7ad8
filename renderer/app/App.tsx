import { useEffect } from 'react';
import { useAppStore, type View } from '../stores/app-store';
import { useLibraryStore } from '../stores/library-store';
import { LibraryView } from '../views/library/LibraryView';
import { DebriefView } from '../views/debrief/DebriefView';
import { HistoryView } from '../views/history/HistoryView';
import { IncidentView } from '../views/incident/IncidentView';
import { Placeholder } from '../views/Placeholder';
import { NavBar } from './NavBar';

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
      return (
        <Placeholder
          title="Scenario editor"
          text="Draw a system, place faults on a timeline and preview the outage."
        />
      );
  }
}

export function App() {
  const view = useAppStore((s) => s.view);
  const load = useLibraryStore((s) => s.load);
  const refreshIfChanged = useLibraryStore((s) => s.refreshIfChanged);

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
        <CurrentView view={view} />
      </main>
    </div>
  );
}
