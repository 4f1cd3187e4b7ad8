/**
 * Ctrl/Cmd+K: the command line of the incident. Every catalog action on every node and call it
 * applies to, listed by node with its real command (kubectl, redis-cli, psql, aws rds, consul kv),
 * filtered as you type; Tab completes commands, node names, flags and values; Enter runs a typed
 * command or the older plain phrasing ("scale checkout to 12"). Nothing here comes from the
 * scenario's `actions` list, which only classifies actions for scoring. Destructive actions ask
 * to confirm.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ACTION_TOOLS,
  commandEntries,
  commandLine,
  completeActionCommand,
  liveTopology,
  completeEscalationCommand,
  isEscalationLine,
  parseActionCommand,
  parseEscalationCommand,
  type CommandEntry,
} from '../../../../simulator/commands';
import type { ActionResult } from '../../../../simulator/engine/api';
import type { ActionCommand } from '../../../../simulator/engine/api';
import { useConsoleUi } from '../../../stores/console-ui-store';
import { useIncidentStore } from '../../../stores/incident-store';
import { haystack, matchesHaystack, parseCommand } from './phrase';
import { useRunAction } from './useRunAction';

/** A row of the list: a completion of what is typed, or an action on a node. */
type Item = { kind: 'completion'; line: string } | { kind: 'entry'; entry: CommandEntry };

/** Rows drawn at most: a large system lists thousands; typing narrows them. */
const MAX_ROWS = 200;

const isToolLine = (query: string) =>
  (ACTION_TOOLS as readonly string[]).includes(query.trimStart().split(/\s+/)[0] ?? '');

export function CommandPalette() {
  const open = useConsoleUi((s) => s.paletteOpen);
  const initial = useConsoleUi((s) => s.paletteQuery);
  const setOpen = useConsoleUi((s) => s.setPaletteOpen);
  const scenario = useIncidentStore((s) => s.scenario);
  // The system as it stands now (liveTopology: the same object until a value changes), so the
  // starting values are the live ones: --replicas=6 after a scale to 6, not the scenario's 4.
  const topo = useIncidentStore((s) => (s.scenario ? liveTopology(s.scenario, s.liveNodes) : undefined));
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [failure, setFailure] = useState<{ error: string; suggestions: readonly string[] }>();
  const input = useRef<HTMLInputElement>(null);
  const { run, confirming, cancel, result: actionResult, clearResult } = useRunAction();
  const communicate = useIncidentStore((s) => s.communicate);
  // page / ask (simulator/commands/escalate.ts): run steps sent as they are, answered by the worker.
  const [escalation, setEscalation] = useState<ActionResult>();
  const result = escalation ?? actionResult;

  const entries = useMemo(() => (topo ? commandEntries(topo) : []), [topo]);
  const hays = useMemo(() => entries.map(haystack), [entries]);
  const completions = useMemo(
    () =>
      scenario && topo && query.trim()
        ? isEscalationLine(query) || /^(p|pa|pag|a|as)$/.test(query.trim())
          ? completeEscalationCommand(query, scenario)
          : completeActionCommand(query, topo)
        : [],
    [scenario, topo, query],
  );
  const items = useMemo<Item[]>(() => {
    const list: Item[] = completions.map((line) => ({ kind: 'completion', line }));
    // A completion that is already a whole command is not listed twice.
    const completed = new Set(completions.map((c) => c.trimEnd()));
    entries.forEach((entry, i) => {
      if (list.length < MAX_ROWS && matchesHaystack(hays[i]!, query) && !completed.has(entry.line))
        list.push({ kind: 'entry', entry });
    });
    return list;
  }, [completions, entries, hays, query]);
  const escalationTyped = useMemo(() => {
    if (!scenario || !isEscalationLine(query)) return undefined;
    const parsed = parseEscalationCommand(query, scenario);
    return parsed.ok ? parsed : undefined;
  }, [query, scenario]);
  const typed = useMemo((): { command: ActionCommand; line: string } | undefined => {
    if (!topo || isEscalationLine(query)) return undefined;
    if (isToolLine(query)) {
      const parsed = parseActionCommand(query, topo);
      return parsed.ok ? { command: parsed.command, line: parsed.canonical } : undefined;
    }
    const command = parseCommand(query, entries);
    return command ? { command, line: commandLine(command, topo) } : undefined;
  }, [query, topo, entries]);

  const type = (text: string) => {
    setQuery(text);
    setActive(0);
    setFailure(undefined);
    setEscalation(undefined);
    clearResult();
    input.current?.focus();
  };

  useEffect(() => {
    if (open) {
      type(initial);
      cancel();
      setTimeout(() => {
        const el = input.current;
        if (!el) return;
        el.focus();
        // A prefilled command: select its last value so typing replaces it.
        const at = Math.max(el.value.lastIndexOf('='), el.value.lastIndexOf(' ')) + 1;
        el.setSelectionRange(at, el.value.length);
      }, 0);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, initial]);

  if (!open) return null;

  /** An action with values to choose is filled in for editing; one without runs. */
  const pick = (item: Item | undefined) => {
    if (!item) return;
    if (item.kind === 'completion') type(item.line);
    else if (item.entry.hasParams) type(item.entry.line);
    else void run(item.entry.command);
  };

  const submit = () => {
    if (scenario && isEscalationLine(query)) {
      const parsed = parseEscalationCommand(query, scenario);
      if (!parsed.ok) {
        setFailure({ error: parsed.error, suggestions: parsed.suggestions ?? [] });
        return;
      }
      void communicate(parsed.step).then((r) => {
        setQuery('');
        setEscalation(r);
      });
      return;
    }
    if (typed) {
      void run(typed.command);
      return;
    }
    if (topo && isToolLine(query)) {
      const parsed = parseActionCommand(query, topo);
      if (!parsed.ok) {
        setFailure({ error: parsed.error, suggestions: parsed.suggestions ?? [] });
        return;
      }
    }
    pick(items[active]);
  };

  const shown = items[active];
  const complete = () => {
    const item = shown?.kind === 'completion' ? shown : items.find((i) => i.kind === 'completion');
    if (item) type(item.kind === 'completion' ? item.line : query);
    else if (shown?.kind === 'entry') type(shown.entry.line);
  };

  let lastNode = '';
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
          aria-label="Command"
          spellCheck={false}
          autoComplete="off"
          placeholder="kubectl rollout undo deploy/NAME, redis-cli -h NAME …, page database-oncall “…” · Tab completes"
          value={query}
          onChange={(e) => type(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((i) => Math.min(items.length - 1, i + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(0, i - 1));
            } else if (e.key === 'Tab') {
              e.preventDefault();
              complete();
            } else if (e.key === 'Enter') {
              e.preventDefault();
              if (confirming) void run(confirming, true);
              else submit();
            }
          }}
        />
        {typed || escalationTyped ? (
          <div className="palette-typed" data-testid="palette-typed">
            ↵ <code>{typed?.line ?? escalationTyped?.canonical}</code>
          </div>
        ) : null}
        {failure ? (
          <div className="result fail palette-failure" role="status">
            <span>{failure.error}</span>
            {failure.suggestions.length > 0 ? (
              <ul className="palette-suggestions">
                {failure.suggestions.slice(0, 6).map((s) => (
                  <li key={s}>
                    <button type="button" className="link-button" onClick={() => type(s)}>
                      <code>{s}</code>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {confirming ? (
          <div className="confirm" role="alertdialog" aria-label="Confirm action">
            <span>
              <code>{topo ? commandLine(confirming, topo) : confirming.type}</code> is destructive. Run it?
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
        <ul className="palette-list" role="listbox" aria-label="Commands">
          {items.map((item, i) => {
            const rows = [];
            if (item.kind === 'entry' && item.entry.node !== lastNode) {
              lastNode = item.entry.node;
              const node = scenario?.nodes.find((n) => n.id === item.entry.node);
              rows.push(
                <li key={`group-${item.entry.node}`} role="presentation" className="palette-group">
                  {item.entry.node}
                  {node ? <span className="muted"> · {node.kind}</span> : null}
                </li>,
              );
            }
            const line = item.kind === 'completion' ? item.line : item.entry.line;
            rows.push(
              <li
                key={item.kind === 'completion' ? `c-${line}` : `e-${i}-${line}`}
                role="option"
                aria-selected={i === active}
                className={`${i === active ? 'active' : ''} ${item.kind}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(item)}
              >
                <code className="palette-line">{line}</code>
                <span className="muted small palette-tag">
                  {item.kind === 'completion'
                    ? 'Tab'
                    : `${item.entry.kind === 'edge' ? item.entry.command.target : ''}${item.entry.destructive ? ' destructive' : ''}`}
                </span>
              </li>,
            );
            return rows;
          })}
          {items.length === 0 && !typed && !escalationTyped && !failure ? (
            <li className="muted">No command matches: try kubectl, redis-cli, psql, aws rds or consul kv.</li>
          ) : null}
        </ul>
        <div className="palette-foot muted small">
          Every action works on every node it applies to · page / ask another team · ↑↓ choose · Tab complete
          · ↵ run · Esc close
        </div>
      </div>
    </div>
  );
}
