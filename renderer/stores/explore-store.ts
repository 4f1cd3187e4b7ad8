/**
 * The Explore view's state: the query being edited, the history of queries run (newest first,
 * without repeats) and the queries pinned to the dashboard, per scenario. A pin is a panel of the
 * same type as a scenario's authored `panels` (one query, its text as the title), so the dashboard
 * draws both the same way. In memory for the session: a pin outlives tab switches and a reload of
 * the run, not the app.
 */
import { create } from 'zustand';
import type { ScenarioPanel } from '../../simulator/scenario/panels';

/** How many queries the history keeps. */
export const HISTORY_LIMIT = 30;

/** A pinned query: a one-query panel. */
export type PinnedQuery = ScenarioPanel;

/** The query a pin runs (the key pins are found and removed by). */
export const pinnedExpr = (pin: PinnedQuery): string => pin.queries[0]?.expr ?? '';

/** The panel a query pinned from Explore becomes. */
export function pinPanel(expr: string): PinnedQuery {
  return {
    title: expr.length > 60 ? `${expr.slice(0, 57)}…` : expr,
    queries: [{ expr }],
    unit: 'count',
    thresholds: [],
  };
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
      if (!e || list.some((p) => pinnedExpr(p) === e)) return s;
      return { pins: { ...s.pins, [scenarioId]: [...list, pinPanel(e)] } };
    }),
  unpin: (scenarioId, expr) =>
    set((s) => ({
      pins: { ...s.pins, [scenarioId]: (s.pins[scenarioId] ?? []).filter((p) => pinnedExpr(p) !== expr) },
    })),
}));

const NO_PINS: readonly PinnedQuery[] = [];
/** The pins of one scenario (a stable empty list when none, for selectors). */
export const pinsOf = (s: ExploreState, scenarioId: string | undefined): readonly PinnedQuery[] =>
  (scenarioId && s.pins[scenarioId]) || NO_PINS;
