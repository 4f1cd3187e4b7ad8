/**
 * The scenario editor's state: the document (the JSON input object), its undo/redo history of
 * immutable snapshots, the dirty flag, the validation result of the current snapshot (errors
 * keyed by JSON path so fields show their own), the selection and the open tab.
 *
 * The document lives here, not in the view, so leaving the editor and coming back loses
 * nothing; a draft is also kept in localStorage (see saveDraft/loadDraft) against reloads.
 */
import { create } from 'zustand';
import { useAppStore } from '../../stores/app-store';
import { isVersion1, migrateScenarioJson } from '../../../simulator/alerting/migrate';
import { validateScenario, type ScenarioError } from '../../../simulator/scenario/validate';
import type { Scenario } from '../../../simulator/scenario/schema';
import { setIn, type Doc, type Json, type Path } from './doc';
import { serializeScenario } from './serialize';

export const HISTORY_LIMIT = 200;
/** Edits of the same field within this time merge into one undo step (typing a word). */
export const COALESCE_MS = 1000;
export const DRAFT_KEY = 'outage-lab.editor-draft';

export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; index: number } | null;
export type EditorTab =
  | 'node'
  | 'scenario'
  | 'traffic'
  | 'faults'
  | 'alerts'
  | 'actions'
  | 'rootCause'
  | 'objectives'
  | 'scoring'
  | 'hints'
  | 'solution'
  | 'briefing'
  | 'postmortem'
  | 'preview';

export interface Origin {
  readonly source: 'blank' | 'builtin' | 'user' | 'draft';
  /** The file this document was read from (user scenarios are saved back under their id). */
  readonly file?: string;
}

export interface Validation {
  readonly scenario?: Scenario;
  readonly errors: readonly ScenarioError[];
  /** Errors by exact JSON path (`nodes[2].replicas`). */
  readonly byPath: ReadonlyMap<string, readonly string[]>;
}

export function validate(doc: Doc | null): Validation {
  if (!doc) return { errors: [], byPath: new Map() };
  const result = validateScenario(doc);
  if (result.ok) return { scenario: result.scenario, errors: [], byPath: new Map() };
  const byPath = new Map<string, string[]>();
  for (const e of result.errors) {
    const list = byPath.get(e.path) ?? [];
    list.push(e.message);
    byPath.set(e.path, list);
  }
  return { errors: result.errors, byPath };
}

interface EditorState {
  doc: Doc | null;
  origin: Origin;
  past: Doc[];
  future: Doc[];
  dirty: boolean;
  /** The text last written (or read), to tell whether the document changed since. */
  savedText?: string;
  validation: Validation;
  selection: Selection;
  tab: EditorTab;
  /** Key of the last coalescible edit and when it happened. */
  lastEdit?: { key: string; at: number };
  message?: { kind: 'ok' | 'error'; text: string; errors?: readonly ScenarioError[] };

  open(doc: Doc, origin: Origin, savedText?: string): void;
  close(): void;
  /** Applies a pure edit; with `coalesce`, repeated edits of the same key merge into one step. */
  edit(fn: (doc: Doc) => Doc, coalesce?: string): void;
  set(path: Path, value: Json | undefined, coalesce?: boolean): void;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  setTab(tab: EditorTab): void;
  markSaved(text: string, origin: Origin): void;
  setMessage(message: EditorState['message']): void;
}

const pathKey = (path: Path) => path.join('.');

export const useEditorStore = create<EditorState>((set, get) => ({
  doc: null,
  origin: { source: 'blank' },
  past: [],
  future: [],
  dirty: false,
  validation: validate(null),
  selection: null,
  tab: 'scenario',

  open(opened, origin, savedText) {
    // A version 1 file opens migrated (its alerts as rule groups), so saving writes version 2.
    const migration = isVersion1(opened) ? migrateScenarioJson(opened) : undefined;
    const doc = migration && migration.issues.length === 0 ? (migration.json as Doc) : opened;
    set({
      doc,
      origin,
      past: [],
      future: [],
      dirty: savedText === undefined || serializeScenario(doc) !== savedText,
      savedText,
      validation: validate(doc),
      selection: null,
      tab: 'scenario',
      lastEdit: undefined,
      message: undefined,
    });
  },
  close() {
    set({ doc: null, past: [], future: [], dirty: false, savedText: undefined, selection: null });
  },
  edit(fn, coalesce) {
    const { doc, past, lastEdit, savedText } = get();
    if (!doc) return;
    const next = fn(doc);
    if (next === doc) return;
    const now = Date.now();
    const merge = coalesce !== undefined && lastEdit?.key === coalesce && now - lastEdit.at < COALESCE_MS;
    const history = merge ? past : [...past, doc].slice(-HISTORY_LIMIT);
    set({
      doc: next,
      past: history,
      future: [],
      dirty: savedText === undefined || serializeScenario(next) !== savedText,
      validation: validate(next),
      lastEdit: coalesce !== undefined ? { key: coalesce, at: now } : undefined,
      message: undefined,
    });
  },
  set(path, value, coalesce = true) {
    get().edit((doc) => setIn(doc, path, value) as Doc, coalesce ? pathKey(path) : undefined);
  },
  undo() {
    const { doc, past, future, savedText } = get();
    const prev = past[past.length - 1];
    if (!doc || !prev) return;
    set({
      doc: prev,
      past: past.slice(0, -1),
      future: [doc, ...future],
      dirty: savedText === undefined || serializeScenario(prev) !== savedText,
      validation: validate(prev),
      lastEdit: undefined,
      selection: keepSelection(get().selection, prev),
    });
  },
  redo() {
    const { doc, past, future, savedText } = get();
    const next = future[0];
    if (!doc || !next) return;
    set({
      doc: next,
      past: [...past, doc],
      future: future.slice(1),
      dirty: savedText === undefined || serializeScenario(next) !== savedText,
      validation: validate(next),
      lastEdit: undefined,
      selection: keepSelection(get().selection, next),
    });
  },
  select(selection) {
    const current = get().selection;
    if (
      current === selection ||
      (current?.kind === 'node' && selection?.kind === 'node' && current.id === selection.id) ||
      (current?.kind === 'edge' && selection?.kind === 'edge' && current.index === selection.index)
    )
      return;
    set({ selection, ...(selection ? { tab: 'node' as const } : {}) });
  },
  setTab(tab) {
    set({ tab });
  },
  markSaved(text, origin) {
    set({ savedText: text, dirty: false, origin, message: { kind: 'ok', text: `Saved ${origin.file}.` } });
    clearDraft();
  },
  setMessage(message) {
    set({ message });
  },
}));

/** Drops a selection that no longer exists in `doc` (after undo/redo). */
function keepSelection(selection: Selection, doc: Doc): Selection {
  if (!selection) return null;
  if (selection.kind === 'node') {
    const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
    return nodes.some(
      (n) => n !== null && typeof n === 'object' && !Array.isArray(n) && n.id === selection.id,
    )
      ? selection
      : null;
  }
  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  return selection.index < edges.length ? selection : null;
}

// ---------------------------------------------------------------------------------------------
// Draft autosave (localStorage)
// ---------------------------------------------------------------------------------------------

export interface Draft {
  readonly doc: Doc;
  readonly origin: Origin;
  readonly savedText?: string;
  readonly at: number;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function saveDraft(): void {
  const { doc, origin, savedText, dirty } = useEditorStore.getState();
  const store = storage();
  if (!store || !doc || !dirty) return;
  try {
    store.setItem(DRAFT_KEY, JSON.stringify({ doc, origin, savedText, at: Date.now() } satisfies Draft));
  } catch {
    // quota or privacy mode: the document still lives in the store
  }
}

export function loadDraft(): Draft | undefined {
  const text = storage()?.getItem(DRAFT_KEY);
  if (!text) return undefined;
  try {
    const draft = JSON.parse(text) as Draft;
    return draft && typeof draft.doc === 'object' ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function clearDraft(): void {
  storage()?.removeItem(DRAFT_KEY);
}

let installed = false;

/**
 * Autosaves a draft a few seconds after each change and asks before the window closes with
 * unsaved changes. Installed once, for the app's lifetime: leaving the editor view keeps the
 * document in this store, so the prompt must outlive the view.
 */
export function installDraftAutosave(delayMs: number): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  useEditorStore.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(saveDraft, delayMs);
  });
  window.addEventListener('beforeunload', (e) => {
    saveDraft();
    if (useEditorStore.getState().dirty) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
}

// The nav bar marks the Editor tab while there are unsaved changes, even when another view shows.
useEditorStore.subscribe((state, previous) => {
  if (state.dirty !== previous.dirty) useAppStore.getState().setEditorDirty(state.dirty);
});
