/** Which view is showing and what it is about. Small on purpose: views keep their own stores. */
import { create } from 'zustand';

export const VIEWS = ['library', 'incident', 'debrief', 'history', 'editor'] as const;
export type View = (typeof VIEWS)[number];

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
  /** An open readiness drill (its file in scenarios/drills/): shown instead of the view until left. */
  drill?: string;
  openDrill(file: string): void;
  go(view: View): void;
  setEditorDirty(dirty: boolean): void;
  /** Opens `ref`'s briefing. */
  open(ref: ScenarioRef): void;
  /** Shows the incident view for `ref` whose run the caller has just started (resume, retry). */
  show(ref: ScenarioRef): void;
  closeBriefing(): void;
}

export const useAppStore = create<AppState>((set) => ({
  view: 'library',
  briefing: false,
  editorDirty: false,
  go: (view) => set({ view, drill: undefined }),
  openDrill: (drill) => set({ drill, view: 'library' }),
  setEditorDirty: (editorDirty) => set({ editorDirty }),
  open: (ref) => set({ current: ref, view: 'incident', briefing: true }),
  show: (ref) => set({ current: ref, view: 'incident', briefing: false }),
  closeBriefing: () => set({ briefing: false }),
}));
