/**
 * The Explore view's state: the query being edited, the history of queries run (newest first,
 * without repeats) and the queries pinned to the dashboard, per scenario. In memory for the
 * session: a pin outlives tab switches and a reload of the run, not the app.
 */
import { create } from 'zustand';

/** How many queries the history keeps. */
export const HISTORY_LIMIT = 30;

export interface PinnedQuery {
  readonly expr: string;
  readonly title: string;
}

interface ExploreState {
  readonly query: string;
  readonly history: readonly string[];
  /** Pinned queries by scenario id. */
  readonly pins: Readonly<Record<string, readonly PinnedQuery[]>>;
  setQuery(query: string): void;
  /** Records a query that ran (moves a repeat to the top). */
  remember(expr: string): void;
  pin(scenarioId: string, expr: string): void;
  unpin(scenarioId: string, expr: string): void;
}

export const useExploreStore = create<ExploreState>((set) => ({
  query: '',
  history: [],
  pins: {},
  setQuery: (query) => set({ query }),
  remember: (expr) =>
    set((s) => {
      const e = expr.trim();
      if (!e) return s;
      return { history: [e, ...s.history.filter((h) => h !== e)].slice(0, HISTORY_LIMIT) };
    }),
  pin: (scenarioId, expr) =>
    set((s) => {
      const e = expr.trim();
      const list = s.pins[scenarioId] ?? [];
      if (!e || list.some((p) => p.expr === e)) return s;
      return {
        pins: {
          ...s.pins,
          [scenarioId]: [...list, { expr: e, title: e.length > 60 ? `${e.slice(0, 57)}…` : e }],
        },
      };
    }),
  unpin: (scenarioId, expr) =>
    set((s) => ({
      pins: { ...s.pins, [scenarioId]: (s.pins[scenarioId] ?? []).filter((p) => p.expr !== expr) },
    })),
}));

const NO_PINS: readonly PinnedQuery[] = [];
/** The pins of one scenario (a stable empty list when none, for selectors). */
export const pinsOf = (s: ExploreState, scenarioId: string | undefined): readonly PinnedQuery[] =>
  (scenarioId && s.pins[scenarioId]) || NO_PINS;
