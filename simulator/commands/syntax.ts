/**
 * The real command behind each catalog action: the one table (keyed by ActionType, so an action
 * added to ACTION_CATALOG without a command fails the type check) that says which tool an on-call
 * engineer would type, its usage lines for help and docs, and how to write a given action as that
 * command. parse.ts reads the same commands back; complete.ts completes them.
 *
 * Configuration the app reads at run time (timeouts, retries, pools, rate limits, breakers,
 * readiness probes) lives in Consul KV, which the services watch and apply within their rollout
 * delay: `consul kv put config/CALLER/CALLEE/timeout 2s` for a call, `config/NAME/...` for a node.
 */
import { ACTION_CATALOG, parseEdgeTarget } from '../engine/actions';
import type { ActionCommand } from '../engine/api';
import { DEFAULTS } from '../scenario/defaults';
import type { ActionType, NodeKind, Scenario, ScenarioNode } from '../scenario/schema';
import {
  formatCpu,
  formatDuration,
  formatMemoryMb,
  formatRedisMemory,
  rdsClassWithCores,
} from './quantities';

/** What the parser needs of a system: its nodes and calls (a Scenario fits). */
export type CommandTopology = Pick<Scenario, 'nodes' | 'edges'>;

export type Tool = 'kubectl' | 'redis-cli' | 'psql' | 'aws' | 'consul';

type Params = Readonly<Record<string, string | number | boolean>>;

export interface CommandSyntax {
  readonly tool: Tool;
  /** Usage lines, NAME for the node (CALLER/CALLEE for a call), upper case for values. */
  readonly usage: readonly string[];
  /** The command line for this action on `target` with these parameters. */
  readonly line: (target: string, params: Params, node: ScenarioNode | undefined) => string;
}

/** The Kubernetes namespace of the simulated system's workloads; DNS runs in kube-system. */
export const APP_NAMESPACE = 'default';
export const DNS_NAMESPACE = 'kube-system';

export const KILL_QUERIES_SQL =
  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'active' AND now() - query_start > interval '1 minute'";
export const SIDECAR_PATCH =
  '{"spec":{"template":{"metadata":{"annotations":{"sidecar.istio.io/inject":"false"}}}}}';

/** What free-disk runs in the pod: old rotated logs go, the live ones are emptied in place. */
export const FREE_LOGS = 'rm -f /var/log/app/*.gz && truncate -s 0 /var/log/app/*.log';
/** The action's log levels as PostgreSQL's log_min_messages names them. */
export const PG_LEVELS: Readonly<Record<string, string>> = {
  debug: 'debug1',
  info: 'info',
  warn: 'warning',
  error: 'error',
};

/** Quotes a word for a POSIX shell when it needs it (the inverse of tokenize). */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  return `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

const ns = (node: ScenarioNode | undefined) => (node?.kind === 'dns' ? `-n ${DNS_NAMESPACE} ` : '');
const kv = (target: string, key: string, value: string | number) => {
  const edge = parseEdgeTarget(target);
  const path = edge ? `config/${edge.from}/${edge.to}` : `config/${target}`;
  return `consul kv put ${path}/${key} ${value}`;
};
const n = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** autoscaling/v2 metric names of the engine's signals (parse.ts reads them back). */
const HPA_METRIC: Readonly<Record<string, { type: 'Pods' | 'External'; name: string }>> = {
  requests_per_second: { type: 'Pods', name: 'http_requests_per_second' },
  latency_p99: { type: 'Pods', name: 'http_request_duration_seconds_p99' },
  inflight: { type: 'Pods', name: 'inflight_requests' },
  queue_depth: { type: 'External', name: 'redis_list_length' },
};

/** One autoscaling/v2 metric with its target (what `kubectl patch hpa` retargets the HPA to). */
function hpaMetricSpec(metric: string, target: number): unknown {
  if (metric === 'cpu')
    return {
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: { type: 'Utilization', averageUtilization: Math.round(target * 100) },
      },
    };
  const m = HPA_METRIC[metric] ?? HPA_METRIC.requests_per_second!;
  const key = m.type === 'Pods' ? 'pods' : 'external';
  return {
    type: m.type,
    [key]: { metric: { name: m.name }, target: { type: 'AverageValue', averageValue: String(target) } },
  };
}

function hpaPatch(params: Params): string {
  const spec: Record<string, unknown> = {};
  if (params.min !== undefined) spec.minReplicas = n(params.min, 1);
  if (params.max !== undefined) spec.maxReplicas = n(params.max, 1);
  if (typeof params.metric === 'string') spec.metrics = [hpaMetricSpec(params.metric, n(params.target, 1))];
  else if (params.target !== undefined)
    spec.targetCPUUtilizationPercentage = Math.round(n(params.target, 0.7) * 100);
  return JSON.stringify({ spec });
}

/** The simulated system's Route 53 hosted zone (any id is accepted back). */
export const HOSTED_ZONE = 'Z0OUTAGELAB';

/**
 * A Route 53 change batch that UPSERTs one weighted alias record: ROUTER's record for TARGET
 * (alias records to regional load balancers take their target's TTL and health).
 */
export function weightChangeBatch(router: string, callee: string, weight: number): string {
  const record = {
    Name: router,
    Type: 'A',
    SetIdentifier: callee,
    Weight: weight,
    AliasTarget: { HostedZoneId: HOSTED_ZONE, DNSName: callee, EvaluateTargetHealth: true },
  };
  return JSON.stringify({ Changes: [{ Action: 'UPSERT', ResourceRecordSet: record }] });
}

/** The ARN of a region's Route 53 ARC routing control on a router's control panel. */
export function routingControlArn(router: string, region: string): string {
  return `arn:aws:route53-recovery-control::000000000000:controlpanel/${router}/routingcontrol/${region}`;
}

export const COMMAND_SYNTAX: Readonly<Record<ActionType, CommandSyntax>> = {
  scale: {
    tool: 'kubectl',
    usage: ['kubectl scale deploy/NAME --replicas=N'],
    line: (t, p) => `kubectl scale deploy/${t} --replicas=${n(p.replicas, 1)}`,
  },
  'set-autoscaler-bounds': {
    tool: 'kubectl',
    usage: [
      `kubectl patch hpa NAME -p '{"spec":{"minReplicas":MIN,"maxReplicas":MAX,"targetCPUUtilizationPercentage":PCT}}'`,
      'kubectl autoscale deploy NAME --min=MIN --max=MAX [--cpu-percent=PCT]',
      `kubectl patch hpa NAME -p '{"spec":{"metrics":[{"type":"Pods","pods":{"metric":{"name":"http_requests_per_second"},"target":{"type":"AverageValue","averageValue":"RPS"}}}]}}'`,
    ],
    line: (t, p, node) =>
      node?.kind === 'service' &&
      !node.autoscaler &&
      p.min !== undefined &&
      p.max !== undefined &&
      (p.metric ?? 'cpu') === 'cpu'
        ? `kubectl autoscale deploy ${t} --min=${n(p.min, 1)} --max=${n(p.max, 1)}${p.target !== undefined ? ` --cpu-percent=${Math.round(n(p.target, 0.8) * 100)}` : ''}`
        : `kubectl patch hpa ${t} -p ${shellQuote(hpaPatch(p))}`,
  },
  'delete-autoscaler': {
    tool: 'kubectl',
    usage: ['kubectl delete hpa NAME'],
    line: (t) => `kubectl delete hpa ${t}`,
  },
  restart: {
    tool: 'kubectl',
    usage: [
      'kubectl rollout restart deploy/NAME',
      'kubectl rollout restart statefulset/NAME',
      'redis-cli -h NAME FLUSHALL',
    ],
    line: (t, _p, node) =>
      node?.kind === 'cache'
        ? `kubectl rollout restart statefulset/${t}`
        : `kubectl ${ns(node)}rollout restart deploy/${t}`,
  },
  rollback: {
    tool: 'kubectl',
    usage: ['kubectl rollout undo deploy/NAME [--to-revision=N]'],
    line: (t) => `kubectl rollout undo deploy/${t}`,
  },
  'kill-queries': {
    tool: 'psql',
    usage: [`psql -h NAME -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ..."`],
    line: (t) => `psql -h ${t} -c "${KILL_QUERIES_SQL}"`,
  },
  failover: {
    tool: 'aws',
    usage: ['aws rds reboot-db-instance --db-instance-identifier NAME --force-failover'],
    line: (t) => `aws rds reboot-db-instance --db-instance-identifier ${t} --force-failover`,
  },
  'purge-queue': {
    tool: 'redis-cli',
    usage: ['redis-cli -h NAME FLUSHALL', 'redis-cli -h NAME DEL KEY'],
    line: (t) => `redis-cli -h ${t} FLUSHALL`,
  },
  'expand-queue': {
    tool: 'redis-cli',
    usage: ['redis-cli -h NAME CONFIG SET maxmemory SIZE'],
    line: (t, p, node) =>
      `redis-cli -h ${t} CONFIG SET maxmemory ${formatRedisMemory(n(p.memoryMb, 2 * memoryOf(node)))}`,
  },
  'set-timeout': {
    tool: 'consul',
    usage: ['consul kv put config/CALLER/CALLEE/timeout DURATION'],
    line: (t, p) => kv(t, 'timeout', formatDuration(n(p.seconds, 1))),
  },
  'set-retries': {
    tool: 'consul',
    usage: ['consul kv put config/CALLER/CALLEE/retries N'],
    line: (t, p) => kv(t, 'retries', n(p.retries, 0)),
  },
  'set-retry-budget': {
    tool: 'consul',
    usage: ['consul kv put config/CALLER/CALLEE/retry-budget RATIO'],
    line: (t, p) => kv(t, 'retry-budget', n(p.budget, 0.1)),
  },
  'block-payload': {
    tool: 'consul',
    usage: ['consul kv put config/NAME/block-payload true'],
    line: (t) => kv(t, 'block-payload', 'true'),
  },
  'set-pool-size': {
    tool: 'consul',
    usage: [
      'consul kv put config/CALLER/CALLEE/pool-size N',
      'consul kv put config/NAME/threads N',
      'psql -h NAME -c "ALTER SYSTEM SET max_connections = N"',
    ],
    line: (t, p, node) =>
      node?.kind === 'database'
        ? `psql -h ${t} -c "ALTER SYSTEM SET max_connections = ${n(p.size, 100)}"`
        : kv(t, node ? 'threads' : 'pool-size', n(p.size, 10)),
  },
  'set-rate-limit': {
    tool: 'consul',
    usage: ['consul kv put config/CALLER/CALLEE/rate-limit RPS', 'consul kv put config/NAME/rate-limit RPS'],
    line: (t, p) => kv(t, 'rate-limit', n(p.rps, 0)),
  },
  'open-breaker': {
    tool: 'consul',
    usage: ['consul kv put config/CALLER/CALLEE/breaker open'],
    line: (t) => kv(t, 'breaker', 'open'),
  },
  'close-breaker': {
    tool: 'consul',
    usage: ['consul kv put config/CALLER/CALLEE/breaker closed'],
    line: (t) => kv(t, 'breaker', 'closed'),
  },
  'shallow-health-check': {
    tool: 'consul',
    usage: ['consul kv put config/CALLER/CALLEE/readiness-probe shallow'],
    line: (t) => kv(t, 'readiness-probe', 'shallow'),
  },
  'stop-workload': {
    tool: 'kubectl',
    usage: ['kubectl delete deploy/NAME'],
    line: (t) => `kubectl delete deploy/${t}`,
  },
  'scale-dns': {
    tool: 'kubectl',
    usage: [`kubectl -n ${DNS_NAMESPACE} scale deploy/NAME --replicas=N`],
    line: (t, p) => `kubectl -n ${DNS_NAMESPACE} scale deploy/${t} --replicas=${n(p.replicas, 2)}`,
  },
  'enable-dns-cache': {
    tool: 'kubectl',
    usage: [`kubectl -n ${DNS_NAMESPACE} apply -f nodelocaldns-NAME.yaml`],
    line: (t) => `kubectl -n ${DNS_NAMESPACE} apply -f nodelocaldns-${t}.yaml`,
  },
  'raise-cpu-limit': {
    tool: 'kubectl',
    usage: ['kubectl set resources deploy/NAME --limits=cpu=CORES'],
    line: (t, p, node) =>
      `kubectl set resources deploy/${t} --limits=cpu=${formatCpu(n(p.cores, 2 * (node?.kind === 'service' ? node.cpuLimit : 1)))}`,
  },
  'raise-memory-limit': {
    tool: 'kubectl',
    usage: ['kubectl set resources deploy/NAME --limits=memory=SIZE'],
    line: (t, p, node) =>
      `kubectl ${ns(node)}set resources deploy/${t} --limits=memory=${formatMemoryMb(n(p.memoryMb, 2 * memoryOf(node)))}`,
  },
  'resize-database': {
    tool: 'aws',
    usage: [
      'aws rds modify-db-instance --db-instance-identifier NAME --db-instance-class CLASS --apply-immediately',
    ],
    line: (t, p, node) => {
      const cores = n(p.cores, 2 * (node?.kind === 'database' ? node.cpuCores : 2));
      return `aws rds modify-db-instance --db-instance-identifier ${t} --db-instance-class ${rdsClassWithCores(cores).name} --apply-immediately`;
    },
  },
  'set-cache-maxmemory': {
    tool: 'redis-cli',
    usage: ['redis-cli -h NAME CONFIG SET maxmemory SIZE'],
    line: (t, p, node) =>
      `redis-cli -h ${t} CONFIG SET maxmemory ${formatRedisMemory(n(p.memoryMb, 2 * memoryOf(node)))}`,
  },
  'set-probe': {
    tool: 'kubectl',
    usage: [
      'kubectl set probe deploy/NAME --liveness [--timeout-seconds=N] [--period-seconds=N] [--failure-threshold=N] [--initial-delay-seconds=N]',
      'kubectl set probe deploy/NAME --readiness [--timeout-seconds=N] [--period-seconds=N] [--failure-threshold=N] [--success-threshold=N] [--initial-delay-seconds=N]',
      'kubectl set probe deploy/NAME --liveness --remove',
    ],
    line: (t, p) => {
      const which = p.probe === 'readiness' ? '--readiness' : '--liveness';
      if (p.enabled === false) return `kubectl set probe deploy/${t} ${which} --remove`;
      const flags = [
        ['timeoutSeconds', '--timeout-seconds'],
        ['periodSeconds', '--period-seconds'],
        ['failureThreshold', '--failure-threshold'],
        ['successThreshold', '--success-threshold'],
        ['initialDelaySeconds', '--initial-delay-seconds'],
      ]
        .filter(([k]) => typeof p[k!] === 'number')
        .map(([k, f]) => `${f}=${p[k!]}`);
      return `kubectl set probe deploy/${t} ${which} ${flags.length ? flags.join(' ') : '--timeout-seconds=5'}`;
    },
  },
  'set-cache-policy': {
    tool: 'consul',
    usage: [
      'consul kv put config/NAME/cache-coalesce true',
      'consul kv put config/NAME/cache-ttl-jitter SHARE',
    ],
    line: (t, p) =>
      p.coalesce !== undefined
        ? kv(t, 'cache-coalesce', p.coalesce === true ? 'true' : 'false')
        : kv(t, 'cache-ttl-jitter', n(p.ttlJitter, 0.2)),
  },
  'remove-sidecar': {
    tool: 'kubectl',
    usage: [`kubectl patch deploy NAME -p '${SIDECAR_PATCH}'`],
    line: (t) => `kubectl patch deploy ${t} -p '${SIDECAR_PATCH}'`,
  },
  'expand-volume': {
    tool: 'aws',
    usage: [
      'aws rds modify-db-instance --db-instance-identifier NAME --allocated-storage GB --apply-immediately',
      `kubectl patch pvc NAME-data -p '{"spec":{"resources":{"requests":{"storage":"SIZE"}}}}'`,
    ],
    line: (t, p, node) => {
      const gb = n(p.sizeGb, 2 * diskGbOf(node));
      return node?.kind === 'database'
        ? `aws rds modify-db-instance --db-instance-identifier ${t} --allocated-storage ${gb} --apply-immediately`
        : `kubectl patch pvc ${t}-data -p '${pvcPatch(gb)}'`;
    },
  },
  'free-disk': {
    tool: 'kubectl',
    usage: [`kubectl exec deploy/NAME -- sh -c '${FREE_LOGS}'`],
    line: (t) => `kubectl exec deploy/${t} -- sh -c '${FREE_LOGS}'`,
  },
  'set-log-level': {
    tool: 'kubectl',
    usage: [
      'kubectl set env deploy/NAME LOG_LEVEL=LEVEL',
      `psql -h NAME -c "ALTER SYSTEM SET log_min_messages = LEVEL; SELECT pg_reload_conf()"`,
    ],
    line: (t, p, node) => {
      const level = typeof p.level === 'string' ? p.level : 'info';
      return node?.kind === 'database'
        ? `psql -h ${t} -c "ALTER SYSTEM SET log_min_messages = ${PG_LEVELS[level] ?? 'warning'}; SELECT pg_reload_conf()"`
        : `kubectl set env deploy/${t} LOG_LEVEL=${level}`;
    },
  },
  'drop-replication-slot': {
    tool: 'psql',
    usage: [`psql -h NAME -c "SELECT pg_drop_replication_slot('SLOT')"`],
    line: (t, p) =>
      `psql -h ${t} -c "SELECT pg_drop_replication_slot('${typeof p.slot === 'string' ? p.slot : 'analytics_slot'}')"`,
  },
  'raise-iops': {
    tool: 'aws',
    usage: ['aws rds modify-db-instance --db-instance-identifier NAME --iops N --apply-immediately'],
    line: (t, p, node) =>
      `aws rds modify-db-instance --db-instance-identifier ${t} --iops ${n(p.iops, 2 * iopsOf(node))} --apply-immediately`,
  },
  'set-route-weight': {
    tool: 'aws',
    usage: [
      `aws route53 change-resource-record-sets --hosted-zone-id ZONE --change-batch '{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{"Name":"ROUTER","Type":"A","SetIdentifier":"TARGET","Weight":W,"AliasTarget":{"HostedZoneId":"ZONE","DNSName":"TARGET","EvaluateTargetHealth":true}}}]}'`,
    ],
    line: (t, p) => {
      const edge = parseEdgeTarget(t);
      return `aws route53 change-resource-record-sets --hosted-zone-id ${HOSTED_ZONE} --change-batch ${shellQuote(weightChangeBatch(edge?.from ?? t, edge?.to ?? t, n(p.weight, 0)))}`;
    },
  },
  'drain-region': {
    tool: 'aws',
    usage: [
      'aws route53-recovery-cluster update-routing-control-state --routing-control-arn arn:aws:route53-recovery-control::ACCOUNT:controlpanel/ROUTER/routingcontrol/REGION --routing-control-state Off',
    ],
    line: (t, p) =>
      `aws route53-recovery-cluster update-routing-control-state --routing-control-arn ${routingControlArn(t, typeof p.region === 'string' ? p.region : 'REGION')} --routing-control-state Off`,
  },
  'set-image-registry': {
    tool: 'kubectl',
    usage: ['kubectl set image deploy/NAME app=REGISTRY/NAME:TAG'],
    line: (t, p, node) =>
      `kubectl set image deploy/${t} app=${typeof p.registry === 'string' ? p.registry : 'REGISTRY'}/${t}:${node?.kind === 'service' ? node.version : 'v1'}`,
  },
};

export function pvcPatch(gb: number): string {
  return JSON.stringify({ spec: { resources: { requests: { storage: `${gb}Gi` } } } });
}

/** A node's volume size in GB and provisioned IOPS (the schema's defaults without a disk). */
function diskGbOf(node: ScenarioNode | undefined): number {
  return (node?.kind === 'service' || node?.kind === 'database') && node.disk ? node.disk.sizeGb : 100;
}
function iopsOf(node: ScenarioNode | undefined): number {
  return (node?.kind === 'service' || node?.kind === 'database') && node.disk ? node.disk.iops : 3000;
}
/** Whether the disk actions apply to a node: only to one with a volume. */
export function hasDisk(node: ScenarioNode | undefined): boolean {
  return (node?.kind === 'service' || node?.kind === 'database') && node.disk !== undefined;
}

/** A node's memory limit in MiB (service, dns) or maxmemory (cache, queue). */
function memoryOf(node: ScenarioNode | undefined): number {
  switch (node?.kind) {
    case 'service':
      return node.memoryLimitMb ?? node.memoryMb * 2;
    case 'dns':
      return node.memoryLimitMb;
    case 'cache':
    case 'queue':
      return node.maxMemoryMb;
    default:
      return 256;
  }
}

/** The real command for an action (as the console shows it and the run's timeline records it). */
export function commandLine(cmd: ActionCommand, topo: CommandTopology): string {
  const node = topo.nodes.find((x) => x.id === cmd.target);
  return COMMAND_SYNTAX[cmd.type].line(cmd.target, cmd.params ?? {}, node);
}

/** One action the console offers on one node or call, with its parameters as the system has them now. */
export interface CommandEntry {
  /** The node it is listed under: the node itself, or the caller of a call. */
  readonly node: string;
  readonly kind: NodeKind | 'edge';
  readonly command: ActionCommand;
  readonly line: string;
  readonly destructive: boolean;
  /** Whether its command carries values a trainee should choose (replicas, sizes, timeouts). */
  readonly hasParams: boolean;
}

/** Per system (a scenario is never changed once parsed): its list, built once. */
const entriesCache = new WeakMap<CommandTopology, readonly CommandEntry[]>();

/**
 * Every catalog action on every node and call it applies to, listed by node (scenario order; a
 * call under its caller), then in catalog order: nothing in the order says what the author thinks
 * of an action. Built once per system object.
 */
export function commandEntries(topo: CommandTopology): readonly CommandEntry[] {
  const cached = entriesCache.get(topo);
  if (cached) return cached;
  const out: CommandEntry[] = [];
  const types = Object.keys(ACTION_CATALOG) as ActionType[];
  const onEdges = types.filter((type) => ACTION_CATALOG[type].appliesTo.includes('edge'));
  const calls = new Map<string, CommandTopology['edges'][number][]>();
  for (const e of topo.edges) {
    const list = calls.get(e.from);
    if (list) list.push(e);
    else calls.set(e.from, [e]);
  }
  for (const node of topo.nodes) {
    for (const type of types) {
      if (!ACTION_CATALOG[type].appliesTo.includes(node.kind)) continue;
      // A service without an HPA is offered `kubectl autoscale` (which creates one), not a delete.
      if (type === 'delete-autoscaler' && !(node.kind === 'service' && node.autoscaler)) continue;
      if (type === 'remove-sidecar' && !(node.kind === 'service' && node.sidecar)) continue;
      if (ACTION_CATALOG[type].requires === 'disk' && !hasDisk(node)) continue;
      if (type === 'set-image-registry') {
        // On a service that pulls from a registry: one per other registry-like node it could use.
        if (node.kind !== 'service' || node.imageRegistry === undefined) continue;
        for (const other of topo.nodes)
          if (other.kind === 'external' && other.id !== node.imageRegistry)
            out.push(entry(node.id, node.kind, type, node.id, node, undefined, { registry: other.id }));
        continue;
      }
      if (type === 'drain-region') {
        // One per region the router sends traffic to.
        for (const region of routedRegions(topo, node.id))
          out.push(entry(node.id, node.kind, type, node.id, node, undefined, { region }));
        continue;
      }
      out.push(entry(node.id, node.kind, type, node.id, node));
    }
    for (const e of calls.get(node.id) ?? [])
      for (const type of onEdges) {
        if (type === 'set-route-weight' && e.weight === undefined) continue; // not a weighted record
        out.push(entry(node.id, 'edge', type, `${e.from}->${e.to}`, undefined, e));
      }
  }
  entriesCache.set(topo, out);
  return out;
}

/** The regions of a router's weighted targets, in edge order (drain-region's choices). */
export function routedRegions(topo: CommandTopology, router: string): string[] {
  const out: string[] = [];
  for (const e of topo.edges) {
    if (e.from !== router || e.weight === undefined) continue;
    const region = topo.nodes.find((x) => x.id === e.to)?.region;
    if (region !== undefined && !out.includes(region)) out.push(region);
  }
  return out;
}

function entry(
  listedUnder: string,
  kind: NodeKind | 'edge',
  type: ActionType,
  target: string,
  node: ScenarioNode | undefined,
  edge?: CommandTopology['edges'][number],
  given?: Params,
): CommandEntry {
  const params = given ?? defaultParams(type, node, edge);
  const command: ActionCommand = { type, target, params };
  const doc = ACTION_CATALOG[type];
  return {
    node: listedUnder,
    kind,
    command,
    line: COMMAND_SYNTAX[type].line(target, params, node),
    destructive: doc.destructive,
    hasParams: Object.keys(params).length > 0,
  };
}

/**
 * Starting values for the clickable form and completion: the system's current value where the
 * action sets one (replicas, timeout, retries), twice it where the catalog's default is "x2".
 */
export function defaultParams(
  type: ActionType,
  node: ScenarioNode | undefined,
  edge?: CommandTopology['edges'][number],
): Params {
  switch (type) {
    case 'scale':
    case 'scale-dns':
      return { replicas: node && 'replicas' in node ? node.replicas : 1 };
    case 'set-autoscaler-bounds':
      return node?.kind === 'service' && node.autoscaler
        ? { min: node.autoscaler.min, max: node.autoscaler.max }
        : { min: 1, max: Math.max(2, 2 * (node?.kind === 'service' ? node.replicas : 1)), metric: 'cpu' };
    case 'expand-queue':
    case 'set-cache-maxmemory':
    case 'raise-memory-limit':
      return { memoryMb: 2 * memoryOf(node) };
    case 'raise-cpu-limit':
      return { cores: 2 * (node?.kind === 'service' ? node.cpuLimit : 1) };
    case 'resize-database': {
      const cls = rdsClassWithCores(2 * (node?.kind === 'database' ? node.cpuCores : 2));
      return { cores: cls.vcpus, maxConnections: cls.maxConnections };
    }
    case 'set-timeout':
      return { seconds: edge?.timeout ?? DEFAULTS.edge.timeout };
    case 'set-retries':
      return { retries: edge?.retries ?? 0 };
    case 'set-retry-budget':
      return { budget: edge?.retryBudget ?? 0.1 };
    case 'set-pool-size':
      if (edge) return { size: edge.pool ?? 10 };
      if (node?.kind === 'database') return { size: node.maxConnections };
      return { size: node?.kind === 'service' ? node.concurrency : 10 };
    case 'set-rate-limit':
      return { rps: 100 };
    case 'expand-volume':
      return { sizeGb: 2 * diskGbOf(node) };
    case 'raise-iops':
      return { iops: 2 * iopsOf(node) };
    case 'set-log-level':
      return { level: 'info' };
    case 'drop-replication-slot':
      return { slot: 'analytics_slot' };
    case 'set-route-weight':
      return { weight: edge?.weight ?? 0 };
    default:
      return {};
  }
}
