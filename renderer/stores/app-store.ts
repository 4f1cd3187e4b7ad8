/** Which view is showing and what it is about. Small on purpose: views keep their own stores. */
import { create } from 'zustand';
import { traineeRunIdFromHash } from '../platform/desktop-api';

export const VIEWS = ['library', 'incident', 'debrief', 'history', 'editor'] as const;
export type View = (typeof VIEWS)[number];

/**
 * What a locked trainee tab may show (issue 14 item 6): the console of the instructor's run and,
 * once it ends, its debrief (which has no hidden truth in a trainee tab). Not the library (its
 * briefings start runs as instructor and open scenario files), History or the Editor.
 */
export const LOCKED_VIEWS: readonly View[] = ['incident', 'debrief'];

export interface ScenarioRef {
  readonly source: 'builtin' | 'user';
  readonly file: string;
}

interface AppState {
  view: View;
  /** The scenario the briefing/incident is about. */
  current?: ScenarioRef;
  /**
   * The trainee asked for `current`'s briefing (a library card's "Open briefing"): the incident
   * view shows it instead of the last run's end screen, or asks first when another run is live.
   */
  briefing: boolean;
  /** The editor has unsaved changes (shown as a dot on its tab; the draft is kept meanwhile). */
  editorDirty: boolean;
  /** A trainee tab of an instructor's run, until the instructor unlocks it: only LOCKED_VIEWS. */
  locked: boolean;
  unlock(): void;
  /**
   * An open readiness drill: a built-in (its file in scenarios/drills/) or the user's (a file in
   * the user scenario folder). Shown instead of the view it was opened from (the library, or
   * History's "Open drill") until left.
   */
  drill?: ScenarioRef;
  openDrill(ref: ScenarioRef): void;
  go(view: View): void;
  setEditorDirty(dirty: boolean): void;
  /** Opens `ref`'s briefing. */
  open(ref: ScenarioRef): void;
  /** Shows the incident view for `ref` whose run the caller has just started (resume, retry). */
  show(ref: ScenarioRef): void;
  closeBriefing(): void;
}

export const useAppStore = create<AppState>((set, get) => ({
  view: 'library',
  briefing: false,
  editorDirty: false,
  locked: typeof window !== 'undefined' && traineeRunIdFromHash(window.location.hash) !== undefined,
  unlock: () => set({ locked: false }),
  go: (view) => {
    if (get().locked && !LOCKED_VIEWS.includes(view)) return;
    set({ view, drill: undefined });
  },
  openDrill: (drill) => {
    const { locked, view } = get();
    if (!locked) set({ drill, view: view === 'history' ? 'history' : 'library' });
  },
  setEditorDirty: (editorDirty) => set({ editorDirty }),
  open: (ref) => {
    if (!get().locked) set({ current: ref, view: 'incident', briefing: true });
  },
  show: (ref) => {
    if (!get().locked) set({ current: ref, view: 'incident', briefing: false });
  },
  closeBriefing: () => set({ briefing: false }),
}));
