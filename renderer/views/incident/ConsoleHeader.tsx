/** Simulated clock, speed and pause, declare and end: always visible at the top of the console. */
import { useState } from 'react';
import { clock } from '../../lib/format';
import { useConsoleUi } from '../../stores/console-ui-store';
import { useIncidentStore } from '../../stores/incident-store';
import { SPEEDS } from '../../sim/protocol';
import { HintsButton } from './HintsButton';
import { NotebookButton } from './NotebookButton';
import { ABANDON_WARNING, resolveWarnings } from './end-confirm';

/** The palette's shortcut as the platform writes it. */
const PALETTE_KEY =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl+K';

export function ConsoleHeader() {
  const title = useIncidentStore((s) => s.scenario?.title);
  const duration = useIncidentStore((s) => s.scenario?.duration ?? 0);
  const time = useIncidentStore((s) => s.time);
  const speed = useIncidentStore((s) => s.speed);
  const paused = useIncidentStore((s) => s.paused);
  const setSpeed = useIncidentStore((s) => s.setSpeed);
  const slowOnPage = useIncidentStore((s) => s.slowOnPage);
  const slowedAt = useIncidentStore((s) => s.slowedAt);
  const setSlowOnPage = useIncidentStore((s) => s.setSlowOnPage);
  const togglePause = useIncidentStore((s) => s.togglePause);
  const end = useIncidentStore((s) => s.end);
  const setPaletteOpen = useConsoleUi((s) => s.setPaletteOpen);
  const setDeclareOpen = useConsoleUi((s) => s.setDeclareOpen);
  const [confirm, setConfirm] = useState<{ ending: 'resolved' | 'abandoned'; lines: string[] } | null>(null);

  const askResolve = () => {
    const s = useIncidentStore.getState();
    // Read as the status bar reads them: no data for an SLO whose node is not scraped now.
    const lines = s.scenario
      ? resolveWarnings(s.scenario, s, (node) => s.buffer?.scrapeFailing(node) ?? false)
      : [];
    if (lines.length) setConfirm({ ending: 'resolved', lines });
    else end('resolved');
  };

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
      {/* The slow-down note takes the checkbox's caption while it shows, so the header keeps one
          row at 1280 px (a note of its own beside it wrapped the header onto two or more lines). */}
      <label
        className="slow-toggle"
        title="When a page fires, slow the run to 1x so the acknowledge target stays fair"
      >
        <input
          type="checkbox"
          aria-label="1x on page"
          checked={slowOnPage}
          onChange={(e) => setSlowOnPage(e.target.checked)}
        />
        {slowedAt !== null && speed === 1 && !paused ? (
          <span className="page-slowdown" data-testid="page-slowdown" role="status">
            Paged at T+{clock(slowedAt)}: slowed to 1x
          </span>
        ) : (
          '1x on page'
        )}
      </label>
      <div className="console-actions">
        <button
          className="danger"
          onClick={() => setConfirm({ ending: 'abandoned', lines: [ABANDON_WARNING] })}
        >
          Abandon
        </button>
        <span className="console-actions-gap" />
        <HintsButton />
        <NotebookButton />
        <button onClick={() => setPaletteOpen(true)} title={`Command palette (${PALETTE_KEY})`}>
          <kbd className="key-hint">{PALETTE_KEY}</kbd> Actions
        </button>
        <button onClick={() => setDeclareOpen(true)} title="Declare root cause (D)">
          Declare root cause
        </button>
        <button onClick={askResolve} title="Declare the incident resolved and go to the debrief">
          Resolve
        </button>
      </div>
      {confirm ? (
        <div
          className="end-confirm"
          role="alertdialog"
          aria-label={confirm.ending === 'resolved' ? 'Resolve the incident?' : 'Abandon the incident?'}
        >
          {confirm.lines.map((line) => (
            <p key={line} className="warn-text small">
              {line}
            </p>
          ))}
          <span className="row-inline">
            <button autoFocus onClick={() => setConfirm(null)}>
              Keep working
            </button>
            <button
              className={confirm.ending === 'abandoned' ? 'danger' : 'primary'}
              onClick={() => {
                setConfirm(null);
                end(confirm.ending);
              }}
            >
              {confirm.ending === 'resolved' ? 'Resolve anyway' : 'Abandon'}
            </button>
          </span>
        </div>
      ) : null}
    </header>
  );
}
