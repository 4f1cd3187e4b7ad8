/** UI-only state of the incident console: which tab, what is selected, open dialogs. */
import { create } from 'zustand';
import type { LogQuery } from '../views/incident/logs/filter';

export const CONSOLE_TABS = [
  'dashboard',
  'topology',
  'alerts',
  'logs',
  'traces',
  'shell',
  'explore',
  'timeline',
] as const;
export type ConsoleTab = (typeof CONSOLE_TABS)[number];
export const TIME_RANGES = [
  { id: '5m', label: 'Last 5m', seconds: 300 },
  { id: '15m', label: 'Last 15m', seconds: 900 },
  { id: '1h', label: 'Last 1h', seconds: 3600 },
  { id: 'all', label: 'All', seconds: Number.POSITIVE_INFINITY },
] as const;
export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];
/**
 * Where the dashboards read: the engine's own series every second, or PromQL over the 15 s
 * scrapes, as a Grafana dashboard over Prometheus would show them (lagging and coarser).
 */
export type DashboardSource = 'engine' | 'prometheus';

interface ConsoleUiState {
  tab: ConsoleTab;
  /** Node shown in the side panel (topology) and used as the default filter elsewhere. */
  selectedNode?: string;
  timeRange: TimeRangeId;
  dashboardSource: DashboardSource;
  /** Logs filter set from elsewhere (e.g. a trace's request id). */
  logQuery: LogQuery;
  selectedTraceId?: string;
  paletteOpen: boolean;
  /** What the palette's input starts with when it opens (a node panel's action prefills its command). */
  paletteQuery: string;
  declareOpen: boolean;
  setTab(tab: ConsoleTab): void;
  selectNode(node?: string): void;
  setTimeRange(range: TimeRangeId): void;
  setDashboardSource(source: DashboardSource): void;
  setLogQuery(query: ConsoleUiState['logQuery']): void;
  openTrace(requestId: string): void;
  setPaletteOpen(open: boolean): void;
  /** Opens the palette with `query` typed in. */
  openPalette(query: string): void;
  setDeclareOpen(open: boolean): void;
  reset(): void;
}

export const useConsoleUi = create<ConsoleUiState>((set) => ({
  tab: 'dashboard',
  timeRange: '15m',
  dashboardSource: 'engine',
  logQuery: {},
  paletteOpen: false,
  paletteQuery: '',
  declareOpen: false,
  setTab: (tab) => set({ tab }),
  selectNode: (selectedNode) => set({ selectedNode }),
  setTimeRange: (timeRange) => set({ timeRange }),
  setDashboardSource: (dashboardSource) => set({ dashboardSource }),
  setLogQuery: (logQuery) => set({ logQuery }),
  openTrace: (selectedTraceId) => set({ selectedTraceId, tab: 'traces' }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen, paletteQuery: '' }),
  openPalette: (paletteQuery) => set({ paletteOpen: true, paletteQuery }),
  setDeclareOpen: (declareOpen) => set({ declareOpen }),
  reset: () =>
    set({
      tab: 'dashboard',
      selectedNode: undefined,
      logQuery: {},
      selectedTraceId: undefined,
      paletteOpen: false,
      paletteQuery: '',
      declareOpen: false,
    }),
}));
