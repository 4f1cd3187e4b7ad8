/**
 * The catalog of node kinds: the one place a kind is declared. Everything else derives from it or
 * is checked against it:
 * - the scenario schema (schema.ts): `NODE_KINDS`, the `NodeKind` type, each kind's description
 *   (and so the JSON Schema and the generated reference in docs/authoring-scenarios.md);
 * - the engine (compile.ts): `KIND_CODES` and the named codes `CLIENT`, `SERVICE`, ...; the hot
 *   loops keep function-local literals typed `typeof SERVICE` etc., so a changed code fails the
 *   type check, and node-kinds.test.ts checks that the codes are dense and fit a Uint8Array;
 * - the metric catalog (metric-names.ts): the kinds that serve requests record the request,
 *   error and latency series;
 * - the renderer's per-kind tables (icons, names, card metrics, layout tier, ...), which are
 *   `Record<NodeKind, ...>` so a kind without an entry fails the type check.
 *
 * A kind's parameters stay in its zod shape in schema.ts (a test checks schema and catalog list
 * the same kinds). Adding a kind: add it here, add its shape to schema.ts, then follow the type
 * errors.
 */

export interface NodeKindInfo {
  /** Dense, from 0: the engine stores a node's kind in a Uint8Array and groups nodes by code. */
  readonly code: number;
  /** Display name in the console and the editor. */
  readonly label: string;
  /** One or two sentences for the docs, the JSON Schema and editor hover help. */
  readonly description: string;
  /**
   * Receives requests (from callers, or enqueues for a queue) and records the request, error and
   * latency series. Only the traffic source (client) does not.
   */
  readonly servesRequests: boolean;
}

export const NODE_KIND_CATALOG = {
  client: {
    code: 0,
    label: 'Client',
    description:
      'A traffic source: sends requests at a rate that follows k6-style stages, and records what its users see (rate, errors, latency).',
    servesRequests: false,
  },
  loadbalancer: {
    code: 1,
    label: 'Load balancer',
    description:
      'A load balancer in front of services: holds connections up to a limit, adds a little latency and health-checks its backends, so replicas that die keep receiving calls until the next check.',
    servesRequests: true,
  },
  service: {
    code: 2,
    label: 'Service',
    description:
      'An application workload (a Kubernetes deployment): replicas with worker threads, CPU and memory limits, cold starts, an optional sidecar proxy and an optional autoscaler.',
    servesRequests: true,
  },
  database: {
    code: 3,
    label: 'Database',
    description:
      'A relational database server (Postgres- or MySQL-like): a connection limit shared by its callers, CPU cores that slow queries down when busy, and read replicas to fail over to.',
    servesRequests: true,
  },
  cache: {
    code: 4,
    label: 'Cache',
    description:
      'An in-memory cache (Redis-like): single-threaded operations, a hit ratio (misses fall through to the edges after it), maxmemory and an eviction policy.',
    servesRequests: true,
  },
  queue: {
    code: 5,
    label: 'Queue',
    description:
      'A message queue (a Redis list or stream): async edges enqueue, its consumer services drain it; the backlog is bounded by memory.',
    servesRequests: true,
  },
  dns: {
    code: 6,
    label: 'DNS',
    description:
      'A cluster DNS resolver (CoreDNS-like). Edges resolve their target through it (`dns` on the edge) rather than calling it; `ndots` multiplies the lookups.',
    servesRequests: true,
  },
  external: {
    code: 7,
    label: 'External',
    description:
      'A third-party provider outside your control (payments, email, a SaaS API): fixed latency, an error rate and an optional rate limit.',
    servesRequests: true,
  },
} as const satisfies Readonly<Record<string, NodeKindInfo>>;

export type NodeKind = keyof typeof NODE_KIND_CATALOG;

/** The kinds in code order (the order nodes are grouped in and listed in the docs). */
export const NODE_KINDS: readonly NodeKind[] = (Object.keys(NODE_KIND_CATALOG) as NodeKind[]).sort(
  (a, b) => NODE_KIND_CATALOG[a].code - NODE_KIND_CATALOG[b].code,
);

/** Numeric code of each kind, with literal types (`KIND_CODE.service` has type `2`). */
export const KIND_CODE: { readonly [K in NodeKind]: (typeof NODE_KIND_CATALOG)[K]['code'] } =
  Object.fromEntries(NODE_KINDS.map((k) => [k, NODE_KIND_CATALOG[k].code])) as {
    readonly [K in NodeKind]: (typeof NODE_KIND_CATALOG)[K]['code'];
  };

/** Code -> kind: `KIND_BY_CODE[model.kind[i]]`. */
export const KIND_BY_CODE: readonly NodeKind[] = NODE_KINDS.reduce<NodeKind[]>((out, k) => {
  out[NODE_KIND_CATALOG[k].code] = k;
  return out;
}, []);

/** Number of kinds (codes are 0 .. KIND_COUNT - 1). */
export const KIND_COUNT = NODE_KINDS.length;

/** The kinds that receive requests and record request, error and latency series. */
export const REQUEST_SERVING_KINDS: readonly NodeKind[] = NODE_KINDS.filter(
  (k) => NODE_KIND_CATALOG[k].servesRequests,
);

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && Object.hasOwn(NODE_KIND_CATALOG, value);
}
