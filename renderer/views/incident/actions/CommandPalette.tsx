/**
 * Ctrl/Cmd+K: every action the scenario offers, filtered as you type, with kubectl-like phrasing;
 * a typed "scale checkout to 12" runs with that count. Destructive actions ask to confirm.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { actionLabel, listingOrder, matches, parseCommand, phrase } from './phrase';
import { isDestructive, useRunAction } from './useRunAction';

export function CommandPalette() {
  const open = useConsoleUi((s) => s.paletteOpen);
  const setOpen = useConsoleUi((s) => s.setPaletteOpen);
  const scenario = useIncidentStore((s) => s.scenario);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const { run, confirming, cancel, result, clearResult } = useRunAction();

  const offered = useMemo(() => listingOrder(scenario?.actions ?? []), [scenario]);
  const list = useMemo(() => offered.filter((a) => matches(a, query)), [offered, query]);
  const typed = useMemo(() => parseCommand(query, offered), [query, offered]);

  useEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
      clearResult();
      cancel();
      setTimeout(() => input.current?.focus(), 0);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  if (!open) return null;

  const submit = (index = active) => {
    const chosen = typed ?? list[index];
    if (chosen) void run({ type: chosen.type, target: chosen.target, params: chosen.params });
    input.current?.focus();
  };

  return (
    <div className="modal-backdrop" onMouseDown={() => setOpen(false)}>
      <div
        className="palette"
        role="dialog"
        aria-label="Command palette"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          // Escape closes from anywhere inside (the input, the confirm buttons, the list).
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        <input
          ref={input}
          className="palette-input"
          placeholder='Type an action, e.g. "scale checkout to 12", "rollback payments"…'
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            clearResult();
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((i) => Math.min(list.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') {
              e.preventDefault();
              if (confirming) void run(confirming, true);
              else submit();
            }
          }}
        />
        {typed ? (
          <div className="palette-typed">↵ {phrase(typed.type, typed.target, typed.params)}</div>
        ) : null}
        {confirming ? (
          <div className="confirm" role="alertdialog" aria-label="Confirm action">
            <span>
              <strong>{phrase(confirming.type, confirming.target, confirming.params)}</strong> is destructive.
              Run it?
            </span>
            <button
              className="danger"
              onClick={() => {
                void run(confirming, true);
                input.current?.focus();
              }}
            >
              Run it
            </button>
            <button onClick={cancel}>Cancel</button>
          </div>
        ) : null}
        {result ? (
          <div className={result.ok ? 'result ok' : 'result fail'} role="status">
            {result.message}
          </div>
        ) : null}
        <ul className="palette-list" role="listbox">
          {list.map((a, i) => (
            <li
              key={`${a.type}-${a.target}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => submit(i)}
            >
              <span>{actionLabel(a)}</span>
              <span className="muted small">
                {a.target}
                {isDestructive(a) ? ' · destructive' : ''}
              </span>
            </li>
          ))}
          {list.length === 0 && !typed ? <li className="muted">No offered action matches.</li> : null}
        </ul>
        <div className="palette-foot muted small">↑↓ choose · ↵ run · Esc close</div>
      </div>
    </div>
  );
}
