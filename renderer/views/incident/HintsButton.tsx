/** Hints: revealed one at a time on request, each at the cost the scenario sets. */
import { useCallback, useRef, useState } from 'react';
import { useIncidentStore } from '../../stores/incident-store';
import { useDismiss } from './use-dismiss';

const NONE: readonly { text: string; cost: number }[] = [];

export function HintsButton() {
  const hints = useIncidentStore((s) => s.scenario?.hints ?? NONE);
  const revealed = useIncidentStore((s) => s.steps.filter((step) => step.kind === 'hint').length);
  const revealHint = useIncidentStore((s) => s.revealHint);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const box = useRef<HTMLDivElement>(null);
  // Like any popover: Esc or a click outside closes it.
  useDismiss(open, close, box);
  if (hints.length === 0) return null;
  const next = hints[revealed];
  return (
    <div className="hints" ref={box}>
      <button onClick={() => setOpen(!open)} aria-expanded={open} title="Hints cost points">
        Hints {revealed}/{hints.length}
      </button>
      {open ? (
        <div className="hints-popover" role="dialog" aria-label="Hints">
          <ol>
            {hints.slice(0, revealed).map((hint, i) => (
              <li key={i}>{hint.text}</li>
            ))}
          </ol>
          {next ? (
            <button onClick={revealHint}>
              Reveal hint {revealed + 1} (−{next.cost} points)
            </button>
          ) : (
            <p className="muted small">No more hints.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
