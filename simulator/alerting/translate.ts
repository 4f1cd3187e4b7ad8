/**
 * Old alert expressions (schema version 1: `[fn(] engine_metric{node="x"}[w] [)] op number` over
 * the engine's own names) rewritten as PromQL over the Prometheus names of prom/catalog.ts.
 * Gauges map to their gauge (scaled back to the old unit); rates and ratios the engine recorded
 * per tick become rate() over counters, by default over [1m] (four scrape intervals at 15 s, the
 * usual minimum), so a migrated alert sees the last minute where the old one saw the last tick.
 */
import { parseAlertExpr, type AlertExpr, type LabelMatcher } from '../alerts/expr';
import type { NodeKind } from '../scenario/node-kinds';

/** The window a rate() of a migrated expression reads when the old one read an instant value. */
export const RATE_WINDOW = '1m';

type Kind = NodeKind | 'edge';

/** How one engine metric reads on one kind of node. */
type Template =
  /** A gauge series: `name{sel}` (with `suffix` arithmetic back to the old unit). */
  | { readonly gauge: string; readonly id: IdLabel; readonly suffix?: string }
  /** Built from counters over a window; `by` keeps one result per node. */
  | { readonly build: (sel: string, window: string, by: string) => string; readonly id: IdLabel };

/** The label that names the node in a family, and how its value is written. */
type IdLabel =
  'service' | 'container' | 'deployment' | 'datname' | 'postgres' | 'redis' | 'key' | 'coredns' | 'edge';

const ID_LABEL: Record<IdLabel, { label: string; value: (node: string) => string }> = {
  service: { label: 'service', value: (n) => n },
  edge: { label: 'service', value: (n) => n },
  container: { label: 'container', value: (n) => n },
  deployment: { label: 'deployment', value: (n) => n },
  datname: { label: 'datname', value: (n) => n },
  // pg_settings_* name the server, not a database.
  postgres: { label: 'instance', value: (n) => `${n}:5432` },
  redis: { label: 'instance', value: (n) => `${n}:6379` },
  key: { label: 'key', value: (n) => n },
  coredns: { label: 'instance', value: (n) => `${n}:9153` },
};

const HTTP_KINDS: readonly NodeKind[] = ['client', 'loadbalancer', 'service', 'external'];

const rate = (metric: string, sel: string, extra: string, window: string) =>
  `rate(${metric}{${[sel, extra].filter(Boolean).join(', ')}}[${window}])`;
const sumRate = (metric: string, sel: string, extra: string, window: string, by: string) =>
  `sum by (${by}) (${rate(metric, sel, extra, window)})`;
const ratio = (num: string, den: string) => `${num} / ${den}`;

/** Latency quantile from a histogram family. */
const quantile = (q: number, family: string, id: IdLabel): Template => ({
  id,
  build: (sel, w, by) =>
    `histogram_quantile(${q}, sum by (le, ${by}) (${rate(`${family}_bucket`, sel, '', w)}))`,
});
const meanOf = (family: string, id: IdLabel): Template => ({
  id,
  build: (sel, w, by) =>
    ratio(sumRate(`${family}_sum`, sel, '', w, by), sumRate(`${family}_count`, sel, '', w, by)),
});
const countRate = (family: string, id: IdLabel): Template => ({
  id,
  build: (sel, w, by) => sumRate(`${family}_count`, sel, '', w, by),
});

/** The latency histogram of each kind that serves requests. */
const HISTOGRAM: Partial<Record<Kind, { family: string; id: IdLabel }>> = {
  client: { family: 'http_request_duration_seconds', id: 'service' },
  loadbalancer: { family: 'http_request_duration_seconds', id: 'service' },
  service: { family: 'http_request_duration_seconds', id: 'service' },
  external: { family: 'http_request_duration_seconds', id: 'service' },
  database: { family: 'pg_query_duration_seconds', id: 'datname' },
  cache: { family: 'redis_command_duration_seconds', id: 'redis' },
  queue: { family: 'redis_command_duration_seconds', id: 'redis' },
  dns: { family: 'coredns_dns_request_duration_seconds', id: 'coredns' },
};

function perHistogram(make: (family: string, id: IdLabel) => Template): Partial<Record<Kind, Template>> {
  const out: Partial<Record<Kind, Template>> = {};
  for (const [kind, h] of Object.entries(HISTOGRAM)) out[kind as Kind] = make(h.family, h.id);
  return out;
}

function forKinds(kinds: readonly Kind[], t: Template): Partial<Record<Kind, Template>> {
  return Object.fromEntries(kinds.map((k) => [k, t]));
}

const httpErrors: Template = {
  id: 'service',
  build: (sel, w, by) =>
    ratio(
      sumRate('http_requests_total', sel, 'code=~"5.."', w, by),
      sumRate('http_requests_total', sel, '', w, by),
    ),
};

const MIB_SUFFIX = ' / 1024 / 1024';

/** Engine metric -> node kind -> its Prometheus expression. Metrics absent here cannot be migrated. */
const TEMPLATES: Readonly<Record<string, Partial<Record<Kind, Template>>>> = {
  request_rate: perHistogram(countRate),
  error_ratio: {
    ...forKinds(HTTP_KINDS, httpErrors),
    database: {
      id: 'datname',
      build: (sel, w, by) =>
        ratio(
          sumRate('pg_stat_database_xact_rollback', sel, '', w, by),
          `(${sumRate('pg_stat_database_xact_commit', sel, '', w, by)} + ${sumRate('pg_stat_database_xact_rollback', sel, '', w, by)})`,
        ),
    },
    ...forKinds(['cache', 'queue'], {
      id: 'redis',
      build: (sel, w, by) =>
        ratio(
          sumRate('redis_rejected_commands_total', sel, '', w, by),
          sumRate('redis_commands_processed_total', sel, '', w, by),
        ),
    }),
  },
  latency_p50: perHistogram((f, id) => quantile(0.5, f, id)),
  latency_p95: perHistogram((f, id) => quantile(0.95, f, id)),
  latency_p99: perHistogram((f, id) => quantile(0.99, f, id)),
  latency_mean: perHistogram(meanOf),
  inflight: forKinds(['loadbalancer', 'service'], { gauge: 'http_server_active_requests', id: 'service' }),
  saturation: forKinds(['service', 'loadbalancer', 'database', 'cache', 'dns'], {
    gauge: 'workload_saturation_ratio',
    id: 'service',
  }),
  cpu_utilization: forKinds(['service', 'database', 'cache', 'dns'], {
    gauge: 'k8s_container_cpu_limit_utilization_ratio',
    id: 'container',
  }),
  cpu_throttled_ratio: {
    service: {
      id: 'container',
      build: (sel, w, by) =>
        ratio(
          sumRate('container_cpu_cfs_throttled_periods_total', sel, '', w, by),
          sumRate('container_cpu_cfs_periods_total', sel, '', w, by),
        ),
    },
  },
  memory_mb: {
    ...forKinds(['service', 'dns'], {
      gauge: 'container_memory_working_set_bytes',
      id: 'container',
      suffix: MIB_SUFFIX,
    }),
    ...forKinds(['cache', 'queue'], { gauge: 'redis_memory_used_bytes', id: 'redis', suffix: MIB_SUFFIX }),
  },
  queue_memory_mb: { queue: { gauge: 'redis_memory_used_bytes', id: 'redis', suffix: MIB_SUFFIX } },
  replicas_ready: forKinds(['service', 'dns'], {
    gauge: 'kube_deployment_status_replicas_available',
    id: 'deployment',
  }),
  replicas_desired: forKinds(['service', 'dns'], {
    gauge: 'kube_deployment_spec_replicas',
    id: 'deployment',
  }),
  replicas_starting: forKinds(['service', 'dns'], {
    gauge: 'kube_deployment_status_replicas_unavailable',
    id: 'deployment',
  }),
  restarts_total: forKinds(['service', 'dns'], {
    gauge: 'kube_pod_container_status_restarts_total',
    id: 'container',
  }),
  queue_depth: { queue: { gauge: 'redis_key_size', id: 'key' } },
  queue_oldest_seconds: { queue: { gauge: 'queue_oldest_message_age_seconds', id: 'redis' } },
  enqueue_rate: {
    queue: { id: 'redis', build: (sel, w, by) => sumRate('redis_commands_total', sel, 'cmd="lpush"', w, by) },
  },
  dequeue_rate: {
    queue: { id: 'redis', build: (sel, w, by) => sumRate('redis_commands_total', sel, 'cmd="brpop"', w, by) },
  },
  db_connections: { database: { gauge: 'pg_stat_activity_count', id: 'datname' } },
  db_slow_queries: { database: { gauge: 'pg_slow_queries', id: 'datname' } },
  db_max_connections: { database: { gauge: 'pg_settings_max_connections', id: 'postgres' } },
  max_memory_mb: forKinds(['cache', 'queue'], {
    gauge: 'redis_memory_max_bytes',
    id: 'redis',
    suffix: MIB_SUFFIX,
  }),
  cache_hit_ratio: {
    cache: {
      id: 'redis',
      build: (sel, w, by) =>
        ratio(
          sumRate('redis_keyspace_hits_total', sel, '', w, by),
          `(${sumRate('redis_keyspace_hits_total', sel, '', w, by)} + ${sumRate('redis_keyspace_misses_total', sel, '', w, by)})`,
        ),
    },
  },
  cache_evictions_rate: {
    cache: { id: 'redis', build: (sel, w, by) => sumRate('redis_evicted_keys_total', sel, '', w, by) },
  },
  dns_queries_rate: {
    dns: { id: 'coredns', build: (sel, w, by) => sumRate('coredns_dns_requests_total', sel, '', w, by) },
  },
  dns_failure_ratio: {
    dns: {
      id: 'coredns',
      build: (sel, w, by) =>
        ratio(
          sumRate('coredns_dns_responses_total', sel, 'rcode="SERVFAIL"', w, by),
          sumRate('coredns_dns_responses_total', sel, '', w, by),
        ),
    },
  },
  edge_request_rate: {
    edge: { id: 'edge', build: (sel, w, by) => sumRate('http_client_requests_total', sel, '', w, by) },
  },
  edge_error_ratio: {
    edge: {
      id: 'edge',
      build: (sel, w, by) =>
        ratio(
          sumRate('http_client_requests_total', sel, 'code=~"5.."', w, by),
          sumRate('http_client_requests_total', sel, '', w, by),
        ),
    },
  },
};

export type TranslateResult = { ok: true; expr: string } | { ok: false; error: string };

/** What the translation needs to know of the scenario: each node's kind. */
export type NodeKinds = ReadonlyMap<string, NodeKind>;

const quote = (v: string) => JSON.stringify(v);

function selectorFor(t: Template, matchers: readonly LabelMatcher[]): string {
  const id = ID_LABEL[t.id];
  return matchers
    .map((m) => {
      const op = m.negate ? '!=' : '=';
      if (m.label === 'to') return `server_address${op}${quote(m.value)}`;
      return `${id.label}${op}${quote(id.value(m.value))}`;
    })
    .join(', ');
}

function byLabels(t: Template): string {
  return t.id === 'edge' ? 'service, server_address' : ID_LABEL[t.id].label;
}

function seconds(window: number): string {
  return Number.isInteger(window) ? `${window}s` : `${Math.round(window * 1000)}ms`;
}

function translateOne(expr: AlertExpr, t: Template): TranslateResult {
  const sel = selectorFor(t, expr.matchers);
  const tail = ` ${expr.op} ${expr.threshold}`;
  if ('gauge' in t) {
    const series = `${t.gauge}${sel ? `{${sel}}` : ''}`;
    const read = expr.fn ? `${expr.fn}(${series}[${seconds(expr.window)}])` : series;
    return { ok: true, expr: `${read}${t.suffix ?? ''}${tail}` };
  }
  // A rate over the old window is its average; a max or min of it would need a subquery.
  if (expr.fn && expr.fn !== 'avg_over_time')
    return {
      ok: false,
      error: `${expr.fn} of ${expr.metric} has no PromQL equivalent without subqueries; rewrite it by hand (avg_over_time works)`,
    };
  const window = expr.fn ? seconds(expr.window) : RATE_WINDOW;
  return { ok: true, expr: `${t.build(sel, window, byLabels(t))}${tail}` };
}

/**
 * The PromQL of an old alert expression. A selector naming a node reads that node's family; one
 * without reads every kind of node in the scenario that records the metric, joined with `or`.
 */
export function translateAlertExpr(text: string, kinds: NodeKinds): TranslateResult {
  const parsed = parseAlertExpr(text);
  if (!parsed.ok)
    return { ok: false, error: `cannot parse the expression at column ${parsed.column}: ${parsed.error}` };
  const expr = parsed.expr;
  const templates = TEMPLATES[expr.metric];
  if (!templates)
    return { ok: false, error: `'${expr.metric}' has no Prometheus name to migrate to; rewrite it by hand` };
  const node = expr.matchers.find((m) => m.label === 'node' && !m.negate)?.value;
  let targets: Kind[];
  if (templates.edge) targets = ['edge'];
  else if (node !== undefined) {
    const kind = kinds.get(node);
    if (!kind) return { ok: false, error: `no node named '${node}'` };
    targets = [kind];
  } else targets = [...new Set(kinds.values())].filter((k) => templates[k]);
  // Kinds with the same template (the HTTP ones) read the same series: one term each.
  const unique = [...new Set(targets.map((k) => templates[k]).filter((t): t is Template => t !== undefined))];
  if (unique.length === 0)
    return {
      ok: false,
      error: `'${expr.metric}' has no Prometheus name on ${node !== undefined ? `'${node}' (${kinds.get(node)})` : 'any node of this scenario'}; rewrite it by hand`,
    };
  const parts: string[] = [];
  for (const t of unique) {
    const one = translateOne(expr, t);
    if (!one.ok) return one;
    parts.push(one.expr);
  }
  return { ok: true, expr: parts.join(' or ') };
}
