/**
 * The trainee's notebook: hypotheses, findings and ideas ruled out, written down at any time. Each
 * line is a run step (saved, replayed, shown in the debrief timeline and the postmortem draft).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  NOTE_TEXT_MAX,
  NOTEBOOK_ENTRIES,
  NOTEBOOK_LABEL,
  type NotebookEntry,
} from '../../../simulator/runs/notebook';
import type { RunStep } from '../../../simulator/runs/record';
import { clock } from '../../lib/format';
import { useIncidentStore } from '../../stores/incident-store';
import { useDismiss } from './use-dismiss';

type NotebookStep = Extract<RunStep, { kind: 'notebook' }>;

export function NotebookButton() {
  const steps = useIncidentStore((s) => s.steps);
  const writeNote = useIncidentStore((s) => s.writeNote);
  const running = useIncidentStore((s) => s.status === 'running');
  const entries = useMemo(
    () => steps.filter((s): s is NotebookStep => s.kind === 'notebook').reverse(),
    [steps],
  );
  const [open, setOpen] = useState(false);
  const [entry, setEntry] = useState<NotebookEntry>('hypothesis');
  const [text, setText] = useState('');
  const close = useCallback(() => setOpen(false), []);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(open, close, box);
  const add = () => {
    if (!text.trim() || !running) return;
    void writeNote(entry, text);
    setText('');
  };
  return (
    <div className="hints" ref={box}>
      <button
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        title="Write down hypotheses and findings: they are in the debrief and the postmortem"
      >
        Notebook {entries.length}
      </button>
      {open ? (
        <div className="hints-popover notebook" role="dialog" aria-label="Notebook">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
          >
            <div className="segmented" role="radiogroup" aria-label="Kind of note">
              {NOTEBOOK_ENTRIES.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={entry === k}
                  className={entry === k ? 'active' : ''}
                  onClick={() => setEntry(k)}
                >
                  {NOTEBOOK_LABEL[k]}
                </button>
              ))}
            </div>
            <textarea
              aria-label="Note"
              rows={3}
              maxLength={NOTE_TEXT_MAX}
              value={text}
              autoFocus
              placeholder={
                entry === 'hypothesis'
                  ? 'e.g. orders-db is slow because of a long-running query'
                  : entry === 'finding'
                    ? 'e.g. pg_stat_activity: 95 of 100 connections active'
                    : 'e.g. not the deploy: errors started 4 min before it'
              }
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                // Enter adds the note (Shift+Enter for a new line), like a chat box.
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="submit" className="primary" disabled={!text.trim() || !running}>
              Add {NOTEBOOK_LABEL[entry].toLowerCase()}
            </button>
          </form>
          {entries.length ? (
            <ol className="notebook-list" aria-label="Notes so far">
              {entries.map((n, i) => (
                <li key={`${n.at}-${i}`}>
                  <span className="muted">T+{clock(n.at)}</span>{' '}
                  <span className={`note-kind note-${n.entry}`}>{NOTEBOOK_LABEL[n.entry]}</span> {n.text}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted small">Nothing written yet. Notes are timed and go into the debrief.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
