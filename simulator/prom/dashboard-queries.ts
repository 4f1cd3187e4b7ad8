/**
 * The built-in dashboards as PromQL: for each engine metric a panel draws, the queries a Grafana
 * dashboard over the exporters' series (catalog.ts) would run to show the same thing, e.g. request
 * rate as `sum by (service) (rate(http_requests_total[1m]))` and p99 as `histogram_quantile` over
 * the latency buckets. The console's "Prometheus" dashboard source draws these panels over the 15 s
 * scrapes; the engine source draws the engine's own 1 s series and shows these queries as the
 * panel's PromQL. dashboard-queries.test.ts checks on every built-in that each query finds every
 * node the engine panel has and agrees with it.
 */
import type { NodeKind } from '../scenario/node-kinds';
import { EXPORTER_INSTANCE } from './catalog';
import type { PanelUnit } from '../scenario/panels';

export interface DashboardQuery {
  readonly expr: string;
  readonly legend: string;
}

/** Which nodes a query is for: one node's dashboard, or the overview (every node but clients). */
export interface QueryScope {
  /** One node's dashboard: its id and kind. */
  readonly node?: { readonly id: string; readonly kind: NodeKind };
  /** The overview leaves clients out of every panel but request rate, as the engine panels do. */
  readonly clients: readonly string[];
}

/** The exporters whose series a query reads, each with how it names a node. */
type Exporter = 'http' | 'postgres' | 'redis' | 'coredns' | 'container' | 'deployment';

const EXPORTER_OF: Readonly<Record<NodeKind, readonly Exporter[]>> = {
  client: ['http'],
  loadbalancer: ['http'],
  service: ['http', 'container', 'deployment'],
  external: ['http'],
  database: ['postgres', 'container'],
  cache: ['redis', 'container'],
  queue: ['redis'],
  dns: ['coredns', 'container', 'deployment'],
};

/** The label that names a node in an exporter's series, and its value for node `id`. */
const NODE_LABEL: Readonly<Record<Exporter, { label: string; value: (id: string) => string }>> = {
  http: { label: 'service', value: (id) => id },
  postgres: { label: 'instance', value: EXPORTER_INSTANCE.postgres },
  redis: { label: 'instance', value: EXPORTER_INSTANCE.redis },
  coredns: { label: 'instance', value: EXPORTER_INSTANCE.coredns },
  container: { label: 'container', value: (id) => id },
  deployment: { label: 'deployment', value: (id) => id },
};

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');

/**
 * The selector's matchers for `exporter` in `scope`, as text to put inside `{}` (with its leading
 * comma when `extra` matchers come first): one node by its label, or on the overview every series
 * but the clients'.
 */
function matchers(exporter: Exporter, scope: QueryScope, keepClients: boolean, extra = ''): string {
  const { label, value } = NODE_LABEL[exporter];
  const parts = extra ? [extra] : [];
  if (scope.node) parts.push(`${label}="${value(scope.node.id)}"`);
  else if (exporter === 'http' && !keepClients && scope.clients.length > 0)
    parts.push(`${label}!~"${scope.clients.map(escapeRegex).join('|')}"`);
  return parts.join(', ');
}

/** One query template: the exporter it reads and the expression, given the selector's matchers. */
interface Template {
  readonly exporter: Exporter;
  readonly expr: (m: (extra?: string) => string, by: string) => string;
  /** Request rate keeps the clients on the overview (the load they send). */
  readonly keepClients?: boolean;
  /** A family every kind that records the metric exposes, whatever its exporter. */
  readonly anyKind?: boolean;
}

/** `series{matchers}`, or the bare name when there are none. */
const selector = (series: string, m: string) => (m ? `${series}{${m}}` : series);
const rate = (series: string, sel: string) => `rate(${selector(series, sel)}[1m])`;
const sumRate = (series: string, sel: string, by: string) => `sum by (${by}) (${rate(series, sel)})`;
const quantile = (q: number, histogram: string) => (m: (extra?: string) => string, by: string) =>
  `histogram_quantile(${q}, sum by (le, ${by}) (${rate(`${histogram}_bucket`, m())}))`;
const mean = (histogram: string) => (m: (extra?: string) => string, by: string) =>
  `${sumRate(`${histogram}_sum`, m(), by)} / ${sumRate(`${histogram}_count`, m(), by)}`;
const gauge = (exporter: Exporter, series: string, extra = ''): Template => ({
  exporter,
  expr: (m) => selector(series, m(extra)),
});

/** The latency histogram each exporter exposes. */
const HISTOGRAMS: readonly [Exporter, string][] = [
  ['http', 'http_request_duration_seconds'],
  ['postgres', 'pg_query_duration_seconds'],
  ['redis', 'redis_command_duration_seconds'],
  ['coredns', 'coredns_dns_request_duration_seconds'],
];
const latency = (make: (h: string) => Template['expr']): Template[] =>
  HISTOGRAMS.map(([exporter, h]) => ({ exporter, expr: make(h) }));

const PG_TOTAL = (m: string, by: string) =>
  `sum by (${by}) (${rate('pg_stat_database_xact_commit', m)} + ${rate('pg_stat_database_xact_rollback', m)})`;

/**
 * The engine metrics a dashboard can draw as PromQL, each with its queries (one per exporter that
 * reports it). Metrics not listed (probe states, per-call series, disk) stay engine-only panels.
 */
const TEMPLATES: Readonly<Record<string, readonly Template[]>> = {
  request_rate: [
    { exporter: 'http', keepClients: true, expr: (m, by) => sumRate('http_requests_total', m(), by) },
    { exporter: 'postgres', expr: (m, by) => PG_TOTAL(m(), by) },
    { exporter: 'redis', expr: (m, by) => sumRate('redis_commands_processed_total', m(), by) },
    { exporter: 'coredns', expr: (m, by) => sumRate('coredns_dns_requests_total', m(), by) },
  ],
  error_ratio: [
    {
      exporter: 'http',
      expr: (m, by) =>
        `${sumRate('http_requests_total', m('code="500"'), by)} / ${sumRate('http_requests_total', m(), by)}`,
    },
    {
      exporter: 'postgres',
      expr: (m, by) => `${sumRate('pg_stat_database_xact_rollback', m(), by)} / ${PG_TOTAL(m(), by)}`,
    },
    {
      exporter: 'redis',
      expr: (m, by) =>
        `${sumRate('redis_rejected_commands_total', m(), by)} / ${sumRate('redis_commands_processed_total', m(), by)}`,
    },
  ],
  latency_p50: latency((h) => quantile(0.5, h)),
  latency_p95: latency((h) => quantile(0.95, h)),
  latency_p99: latency((h) => quantile(0.99, h)),
  latency_mean: latency(mean),
  inflight: [gauge('http', 'http_server_active_requests')],
  saturation: [
    // One family for every kind that has it, named by `service` (workload_saturation_ratio).
    { exporter: 'http', anyKind: true, expr: (m) => selector('workload_saturation_ratio', m()) },
  ],
  cpu_utilization: [gauge('container', 'k8s_container_cpu_limit_utilization_ratio')],
  cpu_throttled_ratio: [
    {
      exporter: 'container',
      expr: (m, by) =>
        `${sumRate('container_cpu_cfs_throttled_periods_total', m(), by)} / ${sumRate('container_cpu_cfs_periods_total', m(), by)}`,
    },
  ],
  memory_mb: [
    gauge('container', 'container_memory_working_set_bytes'),
    gauge('redis', 'redis_memory_used_bytes'),
  ],
  replicas_ready: [gauge('deployment', 'kube_deployment_status_replicas_available')],
  replicas_desired: [gauge('deployment', 'kube_deployment_spec_replicas')],
  replicas_starting: [gauge('deployment', 'kube_deployment_status_replicas_unavailable')],
  restarts_total: [gauge('container', 'kube_pod_container_status_restarts_total')],
  queue_depth: [gauge('redis', 'redis_key_size')],
  queue_memory_mb: [gauge('redis', 'redis_memory_used_bytes')],
  queue_oldest_seconds: [gauge('redis', 'queue_oldest_message_age_seconds')],
  enqueue_rate: [
    { exporter: 'redis', expr: (m, by) => sumRate('redis_commands_total', m('cmd="lpush"'), by) },
  ],
  dequeue_rate: [
    { exporter: 'redis', expr: (m, by) => sumRate('redis_commands_total', m('cmd="brpop"'), by) },
  ],
  db_connections: [
    { exporter: 'postgres', expr: (m, by) => `sum by (${by}) (${selector('pg_stat_activity_count', m())})` },
  ],
  db_max_connections: [gauge('postgres', 'pg_settings_max_connections')],
  db_slow_queries: [gauge('postgres', 'pg_slow_queries')],
  cache_hit_ratio: [
    {
      exporter: 'redis',
      expr: (m, by) =>
        `${sumRate('redis_keyspace_hits_total', m(), by)} / (${sumRate('redis_keyspace_hits_total', m(), by)} + ${sumRate('redis_keyspace_misses_total', m(), by)})`,
    },
  ],
  cache_evictions_rate: [
    { exporter: 'redis', expr: (m, by) => sumRate('redis_evicted_keys_total', m(), by) },
  ],
  max_memory_mb: [gauge('redis', 'redis_memory_max_bytes')],
  cache_keys: [gauge('redis', 'redis_db_keys')],
  dns_queries_rate: [
    { exporter: 'coredns', expr: (m, by) => sumRate('coredns_dns_requests_total', m(), by) },
  ],
  dns_failure_ratio: [
    {
      exporter: 'coredns',
      expr: (m, by) =>
        `${sumRate('coredns_dns_responses_total', m('rcode="SERVFAIL"'), by)} / ${sumRate('coredns_dns_requests_total', m(), by)}`,
    },
  ],
};

/** The kinds whose exporter reports `metric` (catalog.ts's families, by the exporters above). */
function exportersFor(metric: string, kinds: ReadonlySet<NodeKind>): Template[] {
  const wanted = new Set([...kinds].flatMap((k) => EXPORTER_OF[k]));
  return (TEMPLATES[metric] ?? []).filter((t) => t.anyKind === true || wanted.has(t.exporter));
}

/** Prometheus base units for an engine unit (the engine keeps memory in MiB). */
export function panelUnitOf(unit: 'rps' | 'ratio' | 'seconds' | 'count' | 'mb' | 'qps'): PanelUnit {
  return unit === 'mb' ? 'bytes' : unit;
}

/**
 * The PromQL queries that draw engine `metric` for the nodes in `scope` of the given `kinds`
 * (the kinds present on the dashboard): empty when no exporter reports it.
 */
export function dashboardQueries(
  metric: string,
  kinds: ReadonlySet<NodeKind>,
  scope: QueryScope,
): DashboardQuery[] {
  const present = scope.node ? new Set<NodeKind>([scope.node.kind]) : kinds;
  return exportersFor(metric, present).map((t) => {
    const { label } = NODE_LABEL[t.exporter];
    // The saturation family is labelled by service on every kind; redis_key_size names its key.
    const by = metric === 'queue_depth' ? 'key' : label;
    const m = (extra?: string) => matchers(t.exporter, scope, t.keepClients === true, extra);
    return { expr: t.expr(m, by), legend: `{{${by}}}` };
  });
}

/** Whether a node of `kind` has a PromQL equivalent of the engine metric (some stay engine-only). */
export const hasDashboardQuery = (metric: string, kind: NodeKind): boolean =>
  exportersFor(metric, new Set([kind])).length > 0;
