/**
 * The Shell tab: a terminal on the live system. Each line runs in the worker as an 'investigate'
 * step (recorded for the debrief) and prints what the real tool would. A line that is a catalog
 * action's real command (simulator/commands: `kubectl scale deploy/x --replicas=6`) is taken as
 * that action instead, as in the palette; a destructive one asks `[y/N]` first. Up/Down recall
 * history, Tab completes, Ctrl+L (or `clear`) clears the scrollback.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { commandLine } from '../../../../simulator/commands/syntax';
import { parseActionCommand } from '../../../../simulator/commands/parse';
import type { ActionCommand } from '../../../../simulator/engine/api';
import { CLEAR, completeShell } from '../../../../simulator/shell';
import { isDestructive } from '../actions/useRunAction';
import { useIncidentStore } from '../../../stores/incident-store';
import { useShellStore, type ShellEntry } from '../../../stores/shell-store';
import { completionContext } from './completion-context';
import { applyCompletion, recall } from './line-editing';
import './shell.css';

const WELCOME =
  'Shell on the incident. Type help for the commands; Tab completes; the real command of an action (kubectl scale, rollout undo, redis-cli CONFIG SET...) runs it, as the palette (Ctrl+K) does.';

const NO_ENTRIES: readonly ShellEntry[] = [];

function Entry({ entry }: { entry: ShellEntry }) {
  return (
    <div className="shell-entry">
      <div className="shell-command">
        <span className="shell-prompt" aria-hidden>
          ${' '}
        </span>
        {entry.command}
      </div>
      {entry.output === undefined ? (
        <div className="shell-pending">…</div>
      ) : entry.output === '' ? null : (
        <pre className={entry.ok ? 'shell-output' : 'shell-output shell-error'}>{entry.output}</pre>
      )}
    </div>
  );
}

function useRunKey(): string {
  return useIncidentStore((s) => s.record?.id ?? s.remoteRunId ?? s.scenario?.id ?? '');
}

export function ShellTab() {
  const runKey = useRunKey();
  const entries = useShellStore((s) => (s.runKey === runKey ? s.entries : NO_ENTRIES));
  const investigate = useIncidentStore((s) => s.investigate);
  const act = useIncidentStore((s) => s.act);
  const [confirming, setConfirming] = useState<ActionCommand | undefined>();
  const [line, setLine] = useState('');
  const [listed, setListed] = useState<readonly string[]>([]);
  const [historyIndex, setHistoryIndex] = useState<number | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const end = useRef<HTMLDivElement>(null);

  // Effects return nothing: Chromium's scroll methods now return a promise, which React would
  // take for a cleanup function.
  useEffect(() => {
    useShellStore.getState().forRun(runKey);
  }, [runKey]);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [entries, listed]);
  useEffect(() => {
    input.current?.focus();
  }, []);

  const run = (command: string) => {
    const shell = useShellStore.getState();
    setLine('');
    setListed([]);
    setHistoryIndex(undefined);
    if (command.trim() === 'clear') {
      shell.begin(runKey, command);
      shell.clear();
      return;
    }
    const id = shell.begin(runKey, command);
    if (command.trim() === '') return shell.finish(id, '', true);
    const takeAction = (action: ActionCommand) =>
      void act(action).then((result) => useShellStore.getState().finish(id, result.message, result.ok));
    if (confirming) {
      setConfirming(undefined);
      if (/^(y|yes)$/i.test(command.trim())) return takeAction(confirming);
      return shell.finish(id, 'Cancelled.', true);
    }
    const scenario = useIncidentStore.getState().scenario;
    const parsed = scenario ? parseActionCommand(command, scenario) : undefined;
    if (parsed?.ok && scenario) {
      if (!isDestructive(parsed.command)) return takeAction(parsed.command);
      setConfirming(parsed.command);
      return shell.finish(id, `${commandLine(parsed.command, scenario)} is destructive. Run it? [y/N]`, true);
    }
    void investigate(command).then((result) => {
      if (result.message === CLEAR) useShellStore.getState().clear();
      else useShellStore.getState().finish(id, result.message, result.ok);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const history = useShellStore.getState().history;
    if (event.key === 'Enter') {
      event.preventDefault();
      run(line);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const ctx = completionContext(useIncidentStore.getState());
      if (!ctx) return;
      const done = applyCompletion(line, completeShell(line, ctx));
      setLine(done.line);
      setListed(done.listed);
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const next = recall(history, historyIndex ?? history.length, event.key === 'ArrowUp' ? 'up' : 'down');
      setHistoryIndex(next.index);
      setLine(next.line ?? '');
    } else if (event.key.toLowerCase() === 'l' && event.ctrlKey) {
      event.preventDefault();
      useShellStore.getState().clear();
      setListed([]);
    }
  };

  return (
    <div className="shell" onClick={() => input.current?.focus()}>
      <div className="shell-scroll" role="log" aria-label="Shell output">
        <div className="shell-welcome">{WELCOME}</div>
        {entries.map((e) => (
          <Entry key={e.id} entry={e} />
        ))}
        {listed.length > 0 ? <div className="shell-listed">{listed.join('   ')}</div> : null}
        <div className="shell-input-row" ref={end}>
          <span className="shell-prompt" aria-hidden>
            ${' '}
          </span>
          <input
            ref={input}
            className="shell-input"
            aria-label="Shell command"
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            value={line}
            onChange={(e) => {
              setLine(e.target.value);
              setListed([]);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
      </div>
    </div>
  );
}
