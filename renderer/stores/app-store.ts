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
  go(view: View): void;
  open(ref: ScenarioRef): void;
}

export const useAppStore = create<AppState>((set) => ({
  view: 'library',
  go: (view) => set({ view }),
  open: (ref) => set({ current: ref, view: 'incident' }),
}));
