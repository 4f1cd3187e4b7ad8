/**
 * The scenario editor: open a blank scenario, a built-in one as a copy or a user scenario; draw
 * the topology, edit every field with inline validation, preview the outage in fast-forward and
 * save it to the user scenario folder.
 *
 * Unsaved work is never lost silently: the document stays in the editor store when the trainee
 * navigates to another view, a draft is written to localStorage a few seconds after each change
 * and when the view unmounts, and closing the window with unsaved changes asks first
 * (beforeunload). A saved document clears the draft; the opener offers to restore one.
 */
import { useEffect, useMemo, useState } from 'react';
import { hostApi } from '../../platform/web-api';
import { useLibraryStore, type LibraryEntry } from '../../stores/library-store';
import { Canvas } from './Canvas';
import { blankScenario, copyOf, isObject, type Doc } from './doc';
import {
  clearDraft,
  installDraftAutosave,
  loadDraft,
  saveDraft,
  useEditorStore,
  type EditorTab,
  type Origin,
} from './editor-store';
import { parseScenarioJson, serializeScenario } from './serialize';
import { EdgeEditor, NodeEditor } from './SidePanel';
import {
  ActionsPanel,
  AlertsPanel,
  BriefingPanel,
  HintsPanel,
  ObjectivesPanel,
  PostmortemPanel,
  RootCausePanel,
  ScenarioPanel,
  ScoringPanel,
  SolutionPanel,
} from './panels/Panels';
import { FaultsPanel } from './panels/FaultsPanel';
import { TrafficPanel } from './panels/TrafficPanel';
import { PreviewPanel } from './panels/PreviewPanel';
import './editor.css';

export const AUTOSAVE_MS = 3000;

const TABS: readonly { id: EditorTab; label: string }[] = [
  { id: 'node', label: 'Selection' },
  { id: 'scenario', label: 'Scenario' },
  { id: 'traffic', label: 'Traffic' },
  { id: 'faults', label: 'Faults' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'actions', label: 'Actions' },
  { id: 'rootCause', label: 'Root cause' },
  { id: 'objectives', label: 'Objectives' },
  { id: 'scoring', label: 'Scoring' },
  { id: 'hints', label: 'Hints' },
  { id: 'solution', label: 'Solution' },
  { id: 'briefing', label: 'Briefing' },
  { id: 'postmortem', label: 'Postmortem' },
  { id: 'preview', label: 'Preview' },
];

/** Which tab each top-level key's errors belong to (for the error badges on the tabs). */
const TAB_OF_KEY: Readonly<Record<string, EditorTab>> = {
  faults: 'faults',
  alerts: 'alerts',
  actions: 'actions',
  rootCause: 'rootCause',
  objectives: 'objectives',
  scoring: 'scoring',
  hints: 'hints',
  solution: 'solution',
  briefing: 'briefing',
  postmortem: 'postmortem',
  nodes: 'node',
  edges: 'node',
};

function tabOfPath(path: string): EditorTab {
  const key = /^[A-Za-z$]+/.exec(path)?.[0] ?? '';
  if (/^nodes\[\d+\]\.stages/.test(path)) return 'traffic';
  return TAB_OF_KEY[key] ?? 'scenario';
}

function useKeyboardShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const store = useEditorStore.getState();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        store.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        store.redo();
      } else if (key === 's') {
        e.preventDefault();
        void saveDocument();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function useDraftAutosave() {
  useEffect(() => {
    installDraftAutosave(AUTOSAVE_MS);
    // leaving the view: the document stays in the store, and a draft is written at once
    return () => saveDraft();
  }, []);
}

export async function saveDocument(): Promise<boolean> {
  const store = useEditorStore.getState();
  const { doc, validation, origin } = store;
  if (!doc) return false;
  if (validation.errors.length > 0) {
    store.setMessage({
      kind: 'error',
      text: `Not saved: fix the ${validation.errors.length} error(s) first. Your draft is kept in this browser.`,
      errors: validation.errors,
    });
    saveDraft();
    return false;
  }
  const id = String(doc.id);
  const file = `${id}.json`;
  const entries = useLibraryStore.getState().entries;
  if (entries.some((e) => e.source === 'builtin' && e.scenario?.id === id)) {
    store.setMessage({ kind: 'error', text: `Not saved: a built-in scenario already has the id "${id}".` });
    return false;
  }
  const replacing = entries.some((e) => e.source === 'user' && e.file === file);
  if (replacing && !(origin.source === 'user' && origin.file === file)) {
    if (!window.confirm(`A user scenario ${file} exists. Replace it?`)) return false;
  }
  const text = serializeScenario(doc);
  try {
    await hostApi().writeScenario(file, text);
  } catch (error) {
    store.setMessage({ kind: 'error', text: `Not saved: ${(error as Error).message}` });
    return false;
  }
  useEditorStore.getState().markSaved(text, { source: 'user', file });
  void useLibraryStore.getState().load();
  return true;
}

function parseEntry(entry: LibraryEntry): Doc | undefined {
  try {
    // keeps Prettier's expanded objects, so an unedited file saves byte-identical
    const json = parseScenarioJson(entry.text ?? '');
    return isObject(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

function Opener({ onCancel, onOpened }: { onCancel?: () => void; onOpened: () => void }) {
  const entries = useLibraryStore((s) => s.entries);
  const status = useLibraryStore((s) => s.status);
  const [draft] = useState(loadDraft);
  const open = (doc: Doc, origin: Origin, savedText?: string) => {
    if (useEditorStore.getState().dirty && !window.confirm('Discard the unsaved changes in the editor?'))
      return;
    clearDraft();
    useEditorStore.getState().open(doc, origin, savedText);
    onOpened();
  };
  const taken = new Set(entries.map((e) => e.scenario?.id).filter((x): x is string => !!x));
  const builtins = entries.filter((e) => e.source === 'builtin' && e.text);
  // The editor draws incident scenarios; a drill file would be saved back in the scenario shape.
  const users = entries.filter((e) => e.source === 'user' && e.text && e.kind !== 'drill');
  return (
    <div className="ed-opener pad" data-testid="editor-opener">
      <div className="ed-opener-head">
        <div>
          <h1>Scenario editor</h1>
          <p className="muted">Draw a system, place faults on a timeline and preview the outage.</p>
        </div>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Back to the open scenario
          </button>
        )}
      </div>
      {draft && (
        <div className="ed-draft">
          <span>
            Unsaved draft “{String(draft.doc.title ?? draft.doc.id)}” from{' '}
            {new Date(draft.at).toLocaleString()}.
          </span>
          <button
            type="button"
            className="primary"
            onClick={() => open(draft.doc, draft.origin, draft.savedText)}
          >
            Restore draft
          </button>
          <button type="button" onClick={() => clearDraft()}>
            Discard
          </button>
        </div>
      )}
      <h2>New</h2>
      <button
        type="button"
        className="primary"
        onClick={() => open(blankScenario(), { source: 'blank' })}
        data-testid="new-blank"
      >
        Blank scenario
      </button>
      <h2>Your scenarios</h2>
      {users.length === 0 && <p className="muted">None yet: saved scenarios appear here.</p>}
      <ul className="ed-open-list">
        {users.map((e) => {
          const doc = parseEntry(e);
          return (
            <li key={e.key}>
              <button
                type="button"
                disabled={!doc}
                onClick={() => doc && open(doc, { source: 'user', file: e.file }, serializeScenario(doc))}
              >
                Open
              </button>
              <span>{String(doc?.title ?? e.file)}</span>
              <code className="muted">{e.file}</code>
              {e.errors.length > 0 && <span className="badge badge-error">{e.errors.length} errors</span>}
            </li>
          );
        })}
      </ul>
      <h2>Built-in scenarios (opened as a copy)</h2>
      {status === 'loading' && <p className="muted">Loading…</p>}
      <ul className="ed-open-list">
        {builtins.map((e) => {
          const doc = parseEntry(e);
          return (
            <li key={e.key}>
              <button
                type="button"
                disabled={!doc}
                onClick={() => doc && open(copyOf(doc, taken), { source: 'builtin', file: e.file })}
              >
                Copy
              </button>
              <span>{String(doc?.title ?? e.file)}</span>
              <code className="muted">{e.file}</code>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Toolbar({ onOpen }: { onOpen: () => void }) {
  const title = useEditorStore((s) => (s.doc && typeof s.doc.title === 'string' ? s.doc.title : ''));
  const id = useEditorStore((s) => (s.doc && typeof s.doc.id === 'string' ? s.doc.id : ''));
  const canUndo = useEditorStore((s) => s.past.length > 0);
  const canRedo = useEditorStore((s) => s.future.length > 0);
  const dirty = useEditorStore((s) => s.dirty);
  const errorCount = useEditorStore((s) => s.validation.errors.length);
  const undo = useEditorStore((s) => s.undo);
  const redo = useEditorStore((s) => s.redo);
  const [showErrors, setShowErrors] = useState(false);
  return (
    <header className="ed-toolbar">
      <button type="button" onClick={onOpen} title="Open or create another scenario">
        Open…
      </button>
      <div className="ed-title">
        <strong>{title || 'Untitled'}</strong>
        <code className="muted">{id}.json</code>
        {dirty && (
          <span
            className="ed-dirty"
            title="Unsaved changes (a draft is kept in this browser)"
            data-testid="dirty"
          >
            ● unsaved
          </span>
        )}
      </div>
      <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">
        ↶ Undo
      </button>
      <button
        type="button"
        onClick={redo}
        disabled={!canRedo}
        title="Redo (Ctrl+Shift+Z / Ctrl+Y)"
        data-testid="redo"
      >
        ↷ Redo
      </button>
      <div className="ed-errors-wrap">
        <button
          type="button"
          className={errorCount ? 'ed-error-badge bad' : 'ed-error-badge ok'}
          onClick={() => setShowErrors((v) => !v)}
          data-testid="error-count"
        >
          {errorCount ? `${errorCount} error${errorCount > 1 ? 's' : ''}` : '✓ valid'}
        </button>
        {showErrors && errorCount > 0 && <ErrorList onPick={() => setShowErrors(false)} />}
      </div>
      <button
        type="button"
        className="primary"
        onClick={() => void saveDocument()}
        title="Save (Ctrl+S)"
        data-testid="save"
      >
        Save
      </button>
    </header>
  );
}

function ErrorList({ onPick }: { onPick?: () => void }) {
  const errors = useEditorStore((s) => s.validation.errors);
  const go = (path: string) => {
    const store = useEditorStore.getState();
    const m = /^(nodes|edges)\[(\d+)\]/.exec(path);
    if (m && store.doc && !path.includes('.stages')) {
      const list = store.doc[m[1] as 'nodes' | 'edges'];
      const item = Array.isArray(list) ? list[Number(m[2])] : undefined;
      if (m[1] === 'nodes' && isObject(item)) store.select({ kind: 'node', id: String(item.id) });
      if (m[1] === 'edges') store.select({ kind: 'edge', index: Number(m[2]) });
    } else store.setTab(tabOfPath(path));
    onPick?.();
  };
  return (
    <ul className="ed-error-popover" role="list">
      {errors.map((e, i) => (
        <li key={i}>
          <button type="button" className="link-button" onClick={() => go(e.path)}>
            <code>{e.path || '(file)'}</code>
          </button>{' '}
          {e.message}
        </li>
      ))}
    </ul>
  );
}

function Message() {
  const message = useEditorStore((s) => s.message);
  const setMessage = useEditorStore((s) => s.setMessage);
  if (!message) return null;
  return (
    <div
      className={`ed-message ${message.kind}`}
      role={message.kind === 'error' ? 'alert' : 'status'}
      data-testid="editor-message"
    >
      <span>{message.text}</span>
      <button
        type="button"
        className="icon-button"
        onClick={() => setMessage(undefined)}
        aria-label="Dismiss"
      >
        ×
      </button>
      {message.errors && (
        <ul className="error-list">
          {message.errors.slice(0, 8).map((e, i) => (
            <li key={i}>
              <code>{e.path || '(file)'}</code> {e.message}
            </li>
          ))}
          {message.errors.length > 8 && <li>… and {message.errors.length - 8} more</li>}
        </ul>
      )}
    </div>
  );
}

function Tabs() {
  const tab = useEditorStore((s) => s.tab);
  const setTab = useEditorStore((s) => s.setTab);
  const errors = useEditorStore((s) => s.validation.errors);
  const counts = useMemo(() => {
    const map = new Map<EditorTab, number>();
    for (const e of errors) map.set(tabOfPath(e.path), (map.get(tabOfPath(e.path)) ?? 0) + 1);
    return map;
  }, [errors]);
  return (
    <div className="ed-tabs" role="tablist">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          className={tab === t.id ? 'ed-tab active' : 'ed-tab'}
          onClick={() => setTab(t.id)}
          data-testid={`tab-${t.id}`}
        >
          {t.label}
          {(counts.get(t.id) ?? 0) > 0 && <span className="ed-tab-errors">{counts.get(t.id)}</span>}
        </button>
      ))}
    </div>
  );
}

function TabBody() {
  const tab = useEditorStore((s) => s.tab);
  const selection = useEditorStore((s) => s.selection);
  switch (tab) {
    case 'node':
      if (selection?.kind === 'node') return <NodeEditor key={selection.id} id={selection.id} />;
      if (selection?.kind === 'edge') return <EdgeEditor key={selection.index} index={selection.index} />;
      return (
        <p className="muted">
          Select a node or an edge on the canvas to edit it. Add nodes from the palette; connect them by
          dragging from a node’s right handle to another node.
        </p>
      );
    case 'scenario':
      return <ScenarioPanel />;
    case 'traffic':
      return <TrafficPanel />;
    case 'faults':
      return <FaultsPanel />;
    case 'alerts':
      return <AlertsPanel />;
    case 'actions':
      return <ActionsPanel />;
    case 'rootCause':
      return <RootCausePanel />;
    case 'objectives':
      return <ObjectivesPanel />;
    case 'scoring':
      return <ScoringPanel />;
    case 'hints':
      return <HintsPanel />;
    case 'solution':
      return <SolutionPanel />;
    case 'briefing':
      return <BriefingPanel />;
    case 'postmortem':
      return <PostmortemPanel />;
    case 'preview':
      return <PreviewPanel />;
  }
}

export function EditorView() {
  const hasDoc = useEditorStore((s) => s.doc !== null);
  const [opening, setOpening] = useState(false);
  useKeyboardShortcuts();
  useDraftAutosave();
  if (!hasDoc || opening)
    return (
      <Opener onCancel={hasDoc ? () => setOpening(false) : undefined} onOpened={() => setOpening(false)} />
    );
  return (
    <div className="ed" data-testid="editor">
      <Toolbar onOpen={() => setOpening(true)} />
      <Message />
      <div className="ed-body">
        <Canvas />
        <aside className="ed-panel">
          <Tabs />
          <div className="ed-panel-body">
            <TabBody />
          </div>
        </aside>
      </div>
    </div>
  );
}
