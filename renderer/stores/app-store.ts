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
  /** The editor has unsaved changes (shown as a dot on its tab; the draft is kept meanwhile). */
  editorDirty: boolean;
  go(view: View): void;
  setEditorDirty(dirty: boolean): void;
  open(ref: ScenarioRef): void;
}

export const useAppStore = create<AppState>((set) => ({
  view: 'library',
  editorDirty: false,
  go: (view) => set({ view }),
  setEditorDirty: (editorDirty) => set({ editorDirty }),
  open: (ref) => set({ current: ref, view: 'incident' }),
}));
