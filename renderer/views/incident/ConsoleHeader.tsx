/** Simulated clock, speed and pause, declare and end: always visible at the top of the console. */
import { clock } from '../../lib/format';
import { useConsoleUi } from '../../stores/console-ui-store';
import { useIncidentStore } from '../../stores/incident-store';
import { SPEEDS } from '../../sim/protocol';
import { HintsButton } from './HintsButton';

export function ConsoleHeader() {
  const title = useIncidentStore((s) => s.scenario?.title);
  const duration = useIncidentStore((s) => s.scenario?.duration ?? 0);
  const time = useIncidentStore((s) => s.time);
  const speed = useIncidentStore((s) => s.speed);
  const paused = useIncidentStore((s) => s.paused);
  const setSpeed = useIncidentStore((s) => s.setSpeed);
  const togglePause = useIncidentStore((s) => s.togglePause);
  const end = useIncidentStore((s) => s.end);
  const setPaletteOpen = useConsoleUi((s) => s.setPaletteOpen);
  const setDeclareOpen = useConsoleUi((s) => s.setDeclareOpen);

  return (
    <header className="console-header">
      <div className="console-title" title={title}>
        {title}
      </div>
      <div className="sim-clock" aria-label="Simulated time" data-testid="sim-clock">
        T+{clock(time)} <span className="muted small">/ {clock(duration)}</span>
      </div>
      <div className="segmented" role="group" aria-label="Speed">
        <button className={paused ? 'active' : ''} onClick={togglePause} title="Pause / resume (Space)">
          {paused ? '▶' : '❚❚'}
        </button>
        {SPEEDS.map((s, i) => (
          <button
            key={s}
            className={!paused && s === speed ? 'active' : ''}
            onClick={() => setSpeed(s)}
            title={`${s}x (${i + 1})`}
          >
            {s}x
          </button>
        ))}
      </div>
      <div className="console-actions">
        <HintsButton />
        <button onClick={() => setPaletteOpen(true)} title="Command palette (Ctrl+K)">
          ⌘K Actions
        </button>
        <button onClick={() => setDeclareOpen(true)} title="Declare root cause (D)">
          Declare root cause
        </button>
        <button onClick={() => end('resolved')} title="Declare the incident resolved and go to the debrief">
          Resolve
        </button>
        <button className="danger" onClick={() => end('abandoned')}>
          Abandon
        </button>
      </div>
    </header>
  );
}
