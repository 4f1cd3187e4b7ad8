/**
 * Instructor mode: the game master's panel beside the console. It shows what the trainee must
 * not see (the faults and their state, the root cause, hidden events as they happen) and drives
 * the game day: pause/resume, inject faults, notes on the run's timeline, hints, and the trainee's
 * view in a second window or tab. The trainee's view never renders this component.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { FaultStatus } from '../../sim/protocol';
import { clock } from '../../lib/format';
import { useIncidentStore } from '../../stores/incident-store';
import { InjectForm } from './InjectForm';
import { openTraineeView } from './open-trainee';
import './instructor.css';

const HIDDEN_EVENTS_SHOWN = 60;

function paramsText(params: FaultStatus['params']): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

function FaultRow({ fault }: { fault: FaultStatus }) {
  return (
    <li className={`gm-fault state-${fault.state}`}>
      <div className="gm-fault-head">
        <span className={`badge gm-state gm-state-${fault.state}`}>{fault.state}</span>
        <code>{fault.type}</code> on <code>{fault.target}</code>
        {fault.injected ? <span className="badge gm-injected">injected</span> : null}
      </div>
      <div className="muted small">
        T+{clock(fault.at)}
        {Number.isFinite(fault.end) ? ` → T+${clock(fault.end)}` : ' → until fixed'}
        {Object.keys(fault.params).length ? ` · ${paramsText(fault.params)}` : ''}
      </div>
      {fault.note ? <div className="small gm-note-text">{fault.note}</div> : null}
    </li>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="gm-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function GameMasterPanel() {
  const scenario = useIncidentStore((s) => s.scenario);
  const runId = useIncidentStore((s) => s.record?.id);
  const paused = useIncidentStore((s) => s.paused);
  const status = useIncidentStore((s) => s.status);
  const togglePause = useIncidentStore((s) => s.togglePause);
  const unlockTrainees = useIncidentStore((s) => s.unlockTrainees);
  const faults = useIncidentStore((s) => s.faultStates);
  const hidden = useIncidentStore((s) => s.hiddenEvents);
  const scheduled = useIncidentStore((s) => s.scheduledSteps);
  const steps = useIncidentStore((s) => s.steps);
  const revealHint = useIncidentStore((s) => s.revealHint);
  const addNote = useIncidentStore((s) => s.addNote);
  const [open, setOpen] = useState(true);
  const [note, setNote] = useState('');
  const [openError, setOpenError] = useState<string | undefined>();

  const notes = useMemo(() => steps.filter((s) => s.kind === 'note'), [steps]);
  const revealed = useMemo(() => steps.filter((s) => s.kind === 'hint').length, [steps]);
  const recentHidden = useMemo(() => hidden.slice(-HIDDEN_EVENTS_SHOWN).reverse(), [hidden]);

  if (!scenario) return null;
  if (!open) {
    return (
      <aside className="gm-panel collapsed" aria-label="Game master">
        <button onClick={() => setOpen(true)} title="Show the game-master panel">
          ◀ GM
        </button>
      </aside>
    );
  }
  const nextHint = scenario.hints[revealed];
  const running = status === 'running';

  return (
    <aside className="gm-panel" aria-label="Game master" data-testid="game-master-panel">
      <header className="gm-header">
        <h2>Game master</h2>
        <button className="link" onClick={() => setOpen(false)} title="Hide the panel">
          ▶
        </button>
      </header>
      <div className="gm-controls">
        <button className={paused ? 'primary' : ''} onClick={togglePause} disabled={!running}>
          {paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
        <button
          onClick={() => {
            if (runId) void openTraineeView(runId).then(setOpenError);
          }}
          disabled={!runId}
          title="Opens the trainee's console of this run in a second window or tab (e.g. for a projector)"
        >
          Open trainee view
        </button>
        <button
          onClick={unlockTrainees}
          disabled={!runId}
          title="Trainee views are locked to the console (no library, history, editor or scenario files); this unlocks them"
        >
          Unlock trainee views
        </button>
      </div>
      {openError ? <p className="small crit-text">{openError}</p> : null}

      <div className="gm-body">
        <Section title="Hidden truth">
          <p className="small">
            Root cause: <code>{scenario.rootCause.node}</code> — {scenario.rootCause.category}
          </p>
          {scenario.rootCause.explanation ? (
            <p className="muted small gm-explanation">{scenario.rootCause.explanation}</p>
          ) : null}
          {faults.length === 0 ? <p className="muted small">No faults yet.</p> : null}
          <ul className="gm-list">
            {faults.map((f) => (
              <FaultRow key={f.id} fault={f} />
            ))}
          </ul>
        </Section>

        <Section title="Hidden events">
          {recentHidden.length === 0 ? <p className="muted small">None yet.</p> : null}
          <ul className="gm-list gm-events" data-testid="gm-hidden-events">
            {recentHidden.map((e, i) => (
              <li key={`${e.t}-${i}`}>
                <span className="muted small">{clock(e.t)}</span>{' '}
                <span className={`event-kind kind-${e.kind}`}>{e.kind}</span> {e.text}
              </li>
            ))}
          </ul>
        </Section>

        <Section title="Inject a fault">
          <InjectForm scenario={scenario} />
          {scheduled.length ? (
            <ul className="gm-list">
              {scheduled.map((s) => (
                <li key={s.id} className="small">
                  <span className="badge gm-state gm-state-upcoming">scheduled</span> T+{clock(s.at)}{' '}
                  {s.step.kind === 'inject' ? `${s.step.type} on ${s.step.target}` : s.step.kind}
                </li>
              ))}
            </ul>
          ) : null}
        </Section>

        <Section title="Notes">
          <form
            className="gm-note-form"
            onSubmit={(event) => {
              event.preventDefault();
              const text = note.trim();
              if (!text) return;
              void addNote(text);
              setNote('');
            }}
          >
            <textarea
              aria-label="Note"
              rows={2}
              placeholder="What the trainee did, what to discuss in the debrief…"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="submit" disabled={!running || !note.trim()}>
              Add note
            </button>
          </form>
          <ul className="gm-list" data-testid="gm-notes">
            {notes
              .slice()
              .reverse()
              .map((n, i) => (
                <li key={`${n.at}-${i}`} className="small">
                  <span className="muted">{clock(n.at)}</span> {n.kind === 'note' ? n.text : ''}
                </li>
              ))}
          </ul>
        </Section>

        <Section title="Hints">
          <p className="muted small">
            Revealed {revealed} of {scenario.hints.length}. Each costs the trainee points.
          </p>
          {nextHint ? (
            <>
              <p className="small gm-hint-preview">{nextHint.text}</p>
              <button onClick={revealHint} disabled={!running}>
                Reveal hint {revealed + 1} to the trainee (−{nextHint.cost})
              </button>
            </>
          ) : null}
        </Section>
      </div>
    </aside>
  );
}

/** The console with the game-master panel on its right. */
export function InstructorLayout({ children }: { children: ReactNode }) {
  return (
    <div className="instructor-layout">
      {children}
      <GameMasterPanel />
    </div>
  );
}
