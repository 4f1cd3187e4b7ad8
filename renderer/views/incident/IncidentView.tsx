import { useEffect } from 'react';
import { useAppStore } from '../../stores/app-store';
import { CONSOLE_TABS, useConsoleUi, type ConsoleTab } from '../../stores/console-ui-store';
import { useIncidentStore } from '../../stores/incident-store';
import { useLibraryStore } from '../../stores/library-store';
import { SPEEDS } from '../../sim/protocol';
import { Placeholder } from '../Placeholder';
import { AlertsTab } from './alerts/AlertsTab';
import { PageBanner } from './alerts/PageBanner';
import { CommandPalette } from './actions/CommandPalette';
import { Briefing } from './Briefing';
import { ConsoleHeader } from './ConsoleHeader';
import { DashboardTab } from './dashboard/DashboardTab';
import { ExploreTab } from './explore/ExploreTab';
import { DeclareDialog } from './DeclareDialog';
import { EndScreen } from './EndScreen';
import { LogsTab } from './logs/LogsTab';
import { ShellTab } from './shell/ShellTab';
import { StatusBar } from './StatusBar';
import { TimelineTab } from './TimelineTab';
import { TopologyTab } from './topology/TopologyTab';
import { TracesTab } from './traces/TracesTab';
import { ChannelPane, ChannelToggle } from './comms/ChannelPane';
import { useChannelUi } from './comms/channel-ui';
import { useLeaveWarning } from './leave-warning';
import { SwitchRunDialog } from './SwitchRunDialog';
import { InstructorLayout } from '../instructor/GameMasterPanel';
import { TraineeBanner } from '../instructor/TraineeBanner';
import { joinFromLocationHash } from '../instructor/trainee-route';
import './incident.css';

// Instructor mode: a tab opened with `#trainee=<runId>` shows that run's trainee console.
joinFromLocationHash();

const TAB_LABELS: Record<ConsoleTab, string> = {
  dashboard: 'Dashboard',
  topology: 'Topology',
  alerts: 'Alerts',
  logs: 'Logs',
  traces: 'Traces',
  shell: 'Shell',
  explore: 'Explore',
  timeline: 'Events',
};
const TAB_KEYS: Record<string, ConsoleTab> = {
  d: 'dashboard',
  t: 'topology',
  a: 'alerts',
  l: 'logs',
  r: 'traces',
  s: 'shell',
  x: 'explore',
  e: 'timeline',
};

function TabBody({ tab }: { tab: ConsoleTab }) {
  switch (tab) {
    case 'dashboard':
      return <DashboardTab />;
    case 'topology':
      return <TopologyTab />;
    case 'alerts':
      return <AlertsTab />;
    case 'logs':
      return <LogsTab />;
    case 'traces':
      return <TracesTab />;
    case 'shell':
      return <ShellTab />;
    case 'explore':
      return <ExploreTab />;
    case 'timeline':
      return <TimelineTab />;
  }
}

function useConsoleShortcuts(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      const ui = useConsoleUi.getState();
      const incident = useIncidentStore.getState();
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        ui.setPaletteOpen(!ui.paletteOpen);
        return;
      }
      if (event.key === 'Escape' && (ui.paletteOpen || ui.declareOpen)) {
        ui.setPaletteOpen(false);
        ui.setDeclareOpen(false);
        return;
      }
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || ui.paletteOpen || ui.declareOpen) return;
      // Typing in a field or an editor (CodeMirror's contenteditable, in Explore) is not a shortcut.
      if (target && (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable))
        return;
      const key = event.key.toLowerCase();
      if (key === ' ') {
        event.preventDefault();
        incident.togglePause();
      } else if (/^[1-5]$/.test(key)) {
        const speed = SPEEDS[Number(key) - 1];
        if (speed) {
          incident.setSpeed(speed);
          if (incident.paused) incident.togglePause();
        }
      } else if (key === 'c') {
        ui.setDeclareOpen(true);
      } else if (TAB_KEYS[key]) {
        ui.setTab(TAB_KEYS[key]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}

export function IncidentView() {
  const current = useAppStore((s) => s.current);
  const go = useAppStore((s) => s.go);
  const entry = useLibraryStore((s) =>
    s.entries.find((e) => current && e.source === current.source && e.file === current.file),
  );
  const status = useIncidentStore((s) => s.status);
  const error = useIncidentStore((s) => s.error);
  const runningId = useIncidentStore((s) => s.scenario?.id);
  const runningTitle = useIncidentStore((s) => s.scenario?.title);
  const start = useIncidentStore((s) => s.start);
  const end = useIncidentStore((s) => s.end);
  const briefing = useAppStore((s) => s.briefing);
  const closeBriefing = useAppStore((s) => s.closeBriefing);
  const role = useIncidentStore((s) => s.role);
  const remote = useIncidentStore((s) => s.remoteRunId !== undefined);
  const tab = useConsoleUi((s) => s.tab);
  const channelOpen = useChannelUi((s) => s.open);
  const resetChannel = useChannelUi((s) => s.reset);
  useLeaveWarning(status === 'running');
  const setTab = useConsoleUi((s) => s.setTab);
  const resetUi = useConsoleUi((s) => s.reset);
  const live = status === 'running' || status === 'starting' || status === 'ending';
  useConsoleShortcuts(status === 'running');

  // Asked for the briefing of the scenario that is running: that is the console; forget the ask,
  // or the run's end would show the briefing instead of its end screen.
  const sameRunning = briefing && live && entry?.scenario !== undefined && runningId === entry.scenario.id;
  useEffect(() => {
    if (sameRunning) closeBriefing();
  }, [sameRunning, closeBriefing]);

  // A card's "Open briefing" shows the briefing, not the last run's end screen; with another run
  // live it asks first. Nothing asked for (the Incident tab): the live run or its end screen.
  const asked = !remote && entry?.scenario !== undefined && (briefing || status === 'idle');
  if (asked && entry?.scenario && live && runningId !== entry.scenario.id) {
    return (
      <SwitchRunDialog
        runningTitle={runningTitle ?? 'another scenario'}
        nextTitle={entry.scenario.title}
        onResume={closeBriefing}
        onAbandon={() => end('abandoned')}
      />
    );
  }
  if (asked && entry?.scenario && !live) {
    const scenario = entry.scenario;
    return (
      <Briefing
        scenario={scenario}
        onBack={() => go('library')}
        onStart={() => {
          resetUi();
          resetChannel();
          closeBriefing();
          start(scenario, entry.text ?? '');
        }}
        onStartInstructor={() => {
          resetUi();
          resetChannel();
          closeBriefing();
          start(scenario, entry.text ?? '', { role: 'instructor' });
        }}
      />
    );
  }
  if (status === 'error') {
    return (
      <div className="pad">
        <p className="error-text">The simulation could not run: {error}</p>
        <button onClick={() => go('library')}>Back to the library</button>
      </div>
    );
  }
  if (status === 'ended') return <EndScreen />;
  if (!live)
    return (
      <Placeholder
        title="Incident"
        text="Open a scenario's briefing from the library to start an incident."
      />
    );

  const consoleView = (
    <div className={remote ? 'console remote' : 'console'}>
      {remote ? <TraineeBanner /> : null}
      <ConsoleHeader />
      <PageBanner />
      <div className="console-main">
        <div className="console-center">
          <nav className="tabs" role="tablist" aria-label="Console views">
            {CONSOLE_TABS.map((t) => (
              <button
                key={t}
                role="tab"
                aria-selected={t === tab}
                className={t === tab ? 'tab active' : 'tab'}
                onClick={() => setTab(t)}
              >
                {TAB_LABELS[t]}
              </button>
            ))}
            <ChannelToggle />
          </nav>
          <div className="tab-body" role="tabpanel">
            {status === 'starting' ? (
              <p className="muted pad">Starting the simulation…</p>
            ) : (
              <TabBody tab={tab} />
            )}
          </div>
        </div>
        {channelOpen ? <ChannelPane /> : null}
      </div>
      <StatusBar />
      <CommandPalette />
      <DeclareDialog />
    </div>
  );
  return role === 'instructor' ? <InstructorLayout>{consoleView}</InstructorLayout> : consoleView;
}
