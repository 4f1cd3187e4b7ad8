import { useEffect, useMemo } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useLibraryStore, type LibraryEntry } from '../../stores/library-store';
import { ScenarioCard } from './ScenarioCard';
import { InvalidScenarioCard } from './InvalidScenarioCard';
import { InterruptedRun } from './InterruptedRun';
import { DrillCard } from '../drill/DrillCard';
import { BUILTIN_DRILLS } from '../../stores/drill-library';

export function LibraryView() {
  const status = useLibraryStore((s) => s.status);
  const error = useLibraryStore((s) => s.error);
  const entries = useLibraryStore((s) => s.entries);
  const load = useLibraryStore((s) => s.load);
  const open = useAppStore((s) => s.open);
  const openDrill = useAppStore((s) => s.openDrill);

  useEffect(() => {
    // The first screen is interactive once the library has rendered its cards (read by bench:ui).
    if (status === 'ready' && performance.getEntriesByName('library-ready').length === 0) {
      performance.mark('library-ready');
    }
  }, [status]);

  // Valid user drills join the built-in drills; an invalid one stays with the user's files.
  const { builtin, user, userDrills } = useMemo(() => {
    const by = (source: LibraryEntry['source']) => entries.filter((e) => e.source === source);
    const mine = by('user');
    return {
      builtin: by('builtin'),
      user: mine.filter((e) => !e.drill),
      userDrills: mine.filter((e) => e.drill),
    };
  }, [entries]);

  if (status === 'loading' || status === 'idle') return <p className="muted pad">Loading scenarios…</p>;
  if (status === 'error') {
    return (
      <div className="pad">
        <p className="error-text">The scenario library could not be loaded: {error}</p>
        <button onClick={() => void load()}>Try again</button>
      </div>
    );
  }

  const renderEntry = (entry: LibraryEntry) =>
    entry.scenario ? (
      <ScenarioCard key={entry.key} entry={entry} scenario={entry.scenario} onStart={() => open(entry)} />
    ) : (
      <InvalidScenarioCard key={entry.key} entry={entry} />
    );

  return (
    <div className="library pad">
      <header className="view-header">
        <h1>Scenario library</h1>
        <p className="muted">
          Pick an outage, read the briefing, and get paged. Your times are kept per scenario.
        </p>
      </header>
      <InterruptedRun />
      <section aria-labelledby="builtin-heading">
        <h2 id="builtin-heading">Built-in scenarios</h2>
        {builtin.length === 0 ? <p className="muted">No built-in scenarios were found.</p> : null}
        <div className="card-grid">{builtin.map(renderEntry)}</div>
      </section>
      <section aria-labelledby="drills-heading">
        <h2 id="drills-heading">Readiness drills</h2>
        <p className="muted">
          No outage: load-test the system to three times the coming peak, fix what breaks first within a
          budget, and face the real peak at the deadline.
        </p>
        <div className="card-grid">
          {BUILTIN_DRILLS.map((entry) => (
            <DrillCard
              key={entry.file}
              file={entry.file}
              drill={entry.drill}
              error={entry.error}
              onOpen={() => openDrill({ source: 'builtin', file: entry.file })}
            />
          ))}
          {userDrills.map((entry) => (
            <DrillCard
              key={entry.key}
              file={entry.file}
              drill={entry.drill}
              user
              onOpen={() => openDrill({ source: 'user', file: entry.file })}
            />
          ))}
        </div>
      </section>
      <section aria-labelledby="user-heading">
        <h2 id="user-heading">Your scenarios</h2>
        {user.length === 0 ? (
          <p className="muted">
            None yet. JSON files saved in your scenario folder appear here without a restart.
          </p>
        ) : null}
        <div className="card-grid">{user.map(renderEntry)}</div>
      </section>
    </div>
  );
}
