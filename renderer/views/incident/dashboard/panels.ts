/**
 * Which panels a dashboard shows: an overview (golden signals across nodes, then the panels
 * specific to queues, databases, DNS and caches present in the scenario) or every metric of one
 * node. Pure, so it is tested without a DOM.
 */
import type { SeriesInfo, SimEvent } from '../../../../simulator/engine/api';
import { metricDef, type MetricDef } from '../../../../simulator/engine/metric-names';
import {
  dashboardQueries,
  panelUnitOf,
  type DashboardQuery,
} from '../../../../simulator/prom/dashboard-queries';
import type { ScenarioPanel } from '../../../../simulator/scenario/panels';
import type { Scenario } from '../../../../simulator/scenario/schema';

/**
 * Line colours: twelve hues that stay apart on the dark theme (the first ten of an older palette
 * held two blues, two greens and two yellows, so payments and card-vault looked the same). A node
 * keeps its colour across panels; within one panel no two lines share one (distinctColors).
 */
export const PALETTE = [
  '#5b9dff', // blue
  '#3fb950', // green
  '#e3b341', // yellow
  '#f778ba', // pink
  '#a371f7', // purple
  '#56d4dd', // cyan
  '#ff7b72', // red
  '#ff6a00', // orange
  '#b4e051', // lime
  '#d0d7de', // light grey
  '#b08968', // brown
  '#e040fb', // magenta
];

/**
 * The same lines with no colour used twice: a line keeps its own colour unless an earlier line
 * has it, then takes the first palette colour no line of the panel uses. With more lines than
 * colours (never on a dashboard: panels draw at most 8) the palette repeats.
 */
export function distinctColors<T extends { readonly color: string }>(lines: readonly T[]): T[] {
  const wanted = new Set(lines.map((l) => l.color));
  const used = new Set<string>();
  return lines.map((line) => {
    if (!used.has(line.color)) {
      used.add(line.color);
      return line;
    }
    const free = PALETTE.find((c) => !used.has(c) && !wanted.has(c)) ?? PALETTE.find((c) => !used.has(c));
    if (!free) return line;
    used.add(free);
    return { ...line, color: free };
  });
}

/**
 * Whether one line dwarfs the others, so a linear axis flattens them (CoreDNS at 24k q/s beside
 * 200 rps services): the highest peak is at least `DWARF_RATIO` times the median peak of the rest.
 * Such a panel opens on a log axis.
 */
export const DWARF_RATIO = 20;
export function dwarfs(peaks: readonly number[]): boolean {
  const positive = peaks.filter((p) => Number.isFinite(p) && p > 0).sort((a, b) => b - a);
  if (positive.length < 2) return false;
  const rest = positive.slice(1);
  const median = rest[Math.floor((rest.length - 1) / 2)] as number;
  return (positive[0] as number) >= DWARF_RATIO * median;
}

export interface PanelSpec {
  readonly key: string;
  readonly title: string;
  readonly unit: MetricDef['unit'] | undefined;
  readonly lines: readonly { series: number; label: string; color: string }[];
  readonly slo?: number;
  /** The same panel as PromQL over the scrapes (empty: the metric is the engine's own). */
  readonly promql: readonly DashboardQuery[];
}

const OVERVIEW: readonly { metric: string; title: string }[] = [
  { metric: 'request_rate', title: 'Request rate' },
  { metric: 'error_ratio', title: 'Error ratio' },
  { metric: 'latency_p99', title: 'Latency p99' },
  { metric: 'saturation', title: 'Saturation (in-flight / capacity)' },
  { metric: 'cpu_utilization', title: 'CPU utilisation' },
  { metric: 'replicas_ready', title: 'Replicas ready' },
  { metric: 'queue_depth', title: 'Queue depth' },
  { metric: 'queue_memory_mb', title: 'Queue memory' },
  { metric: 'queue_oldest_seconds', title: 'Oldest message age' },
  { metric: 'db_connections', title: 'DB connections' },
  { metric: 'db_slow_queries', title: 'Slow queries running' },
  { metric: 'dns_queries_rate', title: 'DNS queries' },
  { metric: 'dns_failure_ratio', title: 'DNS failure ratio' },
  { metric: 'cache_hit_ratio', title: 'Cache hit ratio' },
  { metric: 'memory_mb', title: 'Memory' },
  { metric: 'cpu_throttled_ratio', title: 'CPU throttled periods' },
];

function sloFor(scenario: Scenario, node: string | undefined, metric: string): number | undefined {
  const slos = scenario.objectives.slos.filter(
    (s) => s.metric === metric && (node === undefined || s.node === node),
  );
  return slos.length === 1 ? slos[0]?.max : undefined;
}

const nodeSeries = (series: readonly SeriesInfo[]) => series.filter((s) => s.labels.to === undefined);

/** Golden signals across all nodes, one line per node; client nodes only for request rate. */
export function overviewPanels(scenario: Scenario, series: readonly SeriesInfo[]): PanelSpec[] {
  const kinds = new Map(scenario.nodes.map((n) => [n.id, n.kind]));
  const colors = new Map(scenario.nodes.map((n, i) => [n.id, PALETTE[i % PALETTE.length] ?? '#5b9dff']));
  const scope = { clients: scenario.nodes.filter((n) => n.kind === 'client').map((n) => n.id) };
  const panels: PanelSpec[] = [];
  for (const { metric, title } of OVERVIEW) {
    const matching = nodeSeries(series).filter(
      (s) =>
        s.metric === metric && (metric === 'request_rate' || kinds.get(s.labels.node ?? '') !== 'client'),
    );
    if (matching.length === 0) continue;
    panels.push({
      key: metric,
      title,
      unit: metricDef(metric)?.unit,
      lines: matching.map((s) => ({
        series: s.index,
        label: s.labels.node ?? '?',
        color: colors.get(s.labels.node ?? '') ?? '#5b9dff',
      })),
      slo: sloFor(scenario, undefined, metric),
      // Only the kinds with a line here: a panel's queries read the exporters those nodes have.
      promql: dashboardQueries(
        metric,
        new Set(matching.map((s) => kinds.get(s.labels.node ?? '')).filter((k) => k !== undefined)),
        scope,
      ),
    });
  }
  return panels;
}

/** Every metric one node records, one panel each, with that node's SLO lines. */
export function nodePanels(scenario: Scenario, series: readonly SeriesInfo[], node: string): PanelSpec[] {
  const kind = scenario.nodes.find((n) => n.id === node)?.kind;
  return nodeSeries(series)
    .filter((s) => s.labels.node === node)
    .map((s, i) => {
      const def = metricDef(s.metric);
      return {
        key: s.metric,
        title: def?.help.replace(/\.$/, '') ?? s.metric,
        unit: def?.unit,
        lines: [{ series: s.index, label: s.metric, color: PALETTE[i % PALETTE.length] ?? '#5b9dff' }],
        slo: sloFor(scenario, node, s.metric),
        promql: kind
          ? dashboardQueries(s.metric, new Set([kind]), { node: { id: node, kind }, clients: [] })
          : [],
      };
    });
}

/**
 * An engine panel as a PromQL panel (the dashboard's Prometheus source): its queries, its unit in
 * Prometheus's base units, the SLO as a threshold line. Undefined when it has no PromQL.
 */
export function asPromPanel(panel: PanelSpec): ScenarioPanel | undefined {
  if (panel.promql.length === 0) return undefined;
  const scale = panel.unit === 'mb' ? 1024 * 1024 : 1;
  return {
    title: panel.title,
    queries: panel.promql.map((q) => ({ expr: q.expr, legend: q.legend })),
    unit: panel.unit ? panelUnitOf(panel.unit) : 'count',
    thresholds: panel.slo === undefined ? [] : [{ value: panel.slo * scale, color: 'yellow', label: 'SLO' }],
  };
}

/**
 * The scenario's PromQL panels for a dashboard: those without `node` on the overview, those with
 * it on that node's dashboard, in the file's order (with their index, a stable React key).
 */
export function authoredPanels(
  scenario: Scenario,
  node: string | undefined,
): { panel: ScenarioPanel; index: number }[] {
  return (scenario.panels ?? [])
    .map((panel, index) => ({ panel, index }))
    .filter(({ panel }) => panel.node === node);
}

/** The SLO threshold line's colour (LivePlot draws it). */
export const SLO_COLOR = '#e3b341';

/**
 * The event kinds drawn as vertical markers, their colours and how the legend names them. Restarts
 * are grey: yellow is the SLO line's.
 */
export const ANNOTATION_KINDS = [
  { kind: 'action', color: '#5b9dff', label: 'your actions' },
  { kind: 'deploy', color: '#a371f7', label: 'deploys' },
  { kind: 'scale', color: '#56d4dd', label: 'scaling' },
  { kind: 'restart', color: '#d0d7de', label: 'restarts' },
  { kind: 'oom-kill', color: '#f85149', label: 'OOM kills' },
  { kind: 'readiness', color: '#f0883e', label: 'readiness changes' },
] as const satisfies readonly { kind: SimEvent['kind']; color: string; label: string }[];

const ANNOTATION_COLORS: Partial<Record<SimEvent['kind'], string>> = Object.fromEntries(
  ANNOTATION_KINDS.map((k) => [k.kind, k.color]),
);

/** Repeats of the same kind on the same node closer than this are one annotation (a crash loop). */
const COLLAPSE_SECONDS = 300;

/**
 * Visible events as chart annotations: actions, deploys, scaling, restarts, OOM kills and
 * readiness changes. A crash loop would draw a line every few seconds; repeats of one kind on one
 * node within five minutes collapse into the first, so the charts stay readable.
 */
export function collapseAnnotations(
  events: readonly SimEvent[],
): { t: number; label: string; color: string; kind: SimEvent['kind'] }[] {
  const last = new Map<string, number>();
  const out: { t: number; label: string; color: string; kind: SimEvent['kind'] }[] = [];
  for (const e of events) {
    const color = ANNOTATION_COLORS[e.kind];
    if (e.hidden || !color) continue;
    const key = `${e.kind}:${e.node ?? ''}`;
    const previous = last.get(key);
    if (e.kind !== 'action' && previous !== undefined && e.t - previous < COLLAPSE_SECONDS) continue;
    last.set(key, e.t);
    out.push({ t: e.t, label: e.text, color, kind: e.kind });
  }
  return out;
}
