/**
 * The side panel's field tables: one row per parameter of each node kind and of an edge, with
 * its input type and unit. Defaults and descriptions are read at runtime from the schema's JSON
 * Schema (schema.ts through z.toJSONSchema), and fields.test.ts compares these tables with the
 * zod shapes, so they cannot drift.
 */
import type { z } from 'zod';
import {
  autoscaler,
  cacheKeyspace,
  cacheNode,
  circuitBreaker,
  clientNode,
  clientResend,
  databaseNode,
  disk,
  dnsNode,
  edge,
  externalNode,
  livenessProbe,
  loadBalancerNode,
  queueNode,
  readinessProbe,
  routing,
  serviceNode,
  sidecar,
  type NodeKind,
} from '../../../simulator/scenario/schema';
import { jsonSchemaOf } from '../../../simulator/scenario/schema-json';

export type FieldType =
  'number' | 'integer' | 'ratio' | 'duration' | 'string' | 'enum' | 'boolean' | 'ids' | 'nodeRef' | 'group';

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly type: FieldType;
  readonly unit?: string;
  /** For "group": the nested object's fields (sidecar, autoscaler, circuitBreaker, probes). */
  readonly fields?: readonly FieldSpec[];
}

const f = (key: string, label: string, type: FieldType, unit?: string): FieldSpec => ({
  key,
  label,
  type,
  unit,
});

/** A node's volume (simulator/engine/disk-model.ts). */
const DISK_GROUP: FieldSpec = {
  key: 'disk',
  label: 'Disk',
  type: 'group',
  fields: [
    f('sizeGb', 'Size', 'number', 'GB'),
    f('usedGb', 'Used at start', 'number', 'GB'),
    f('growthMbPerMinute', 'Baseline growth', 'number', 'MB/min'),
    f('logKbPerRequest', 'Log per request', 'number', 'KB'),
    f('walKbPerWrite', 'WAL per write', 'number', 'KB'),
    f('writeShare', 'Write share', 'ratio'),
    f('iops', 'Provisioned IOPS', 'number', 'IOPS'),
    f('iosPerWrite', 'IOs per write', 'number'),
  ],
};

/** Common to every kind (id and kind are edited separately; position by dragging). */
const BASE: readonly FieldSpec[] = [
  f('label', 'Label', 'string'),
  f('group', 'Group', 'string'),
  f('region', 'Region or zone', 'string'),
];

/** Kubernetes' probe fields, in whole seconds as in a pod spec. */
const PROBE_FIELDS: readonly FieldSpec[] = [
  f('periodSeconds', 'Period', 'integer', 's'),
  f('timeoutSeconds', 'Timeout', 'integer', 's'),
  f('failureThreshold', 'Failure threshold', 'integer'),
  f('initialDelaySeconds', 'Initial delay', 'integer', 's'),
  f('check', 'Checks', 'enum'),
];

export const NODE_FIELDS: Readonly<Record<NodeKind, readonly FieldSpec[]>> = {
  client: [
    ...BASE,
    f('startRate', 'Start rate', 'number', 'req/s'),
    f('shape', 'Shape', 'enum'),
    f('noise', 'Noise', 'ratio'),
    {
      key: 'resend',
      label: 'Resend failed requests',
      type: 'group',
      fields: [
        f('factor', 'Resend rate at most', 'number', 'x own rate'),
        f('maxBacklog', 'Backlog kept', 'number', 'req'),
      ],
    },
  ],
  loadbalancer: [
    ...BASE,
    f('maxConnections', 'Max connections', 'number'),
    f('healthCheckInterval', 'Health check interval', 'duration'),
    f('latency', 'Added latency', 'duration'),
    {
      key: 'routing',
      label: 'Weighted routing',
      type: 'group',
      fields: [
        f('ttl', 'DNS TTL', 'duration'),
        f('healthChecks', 'Health-checked failover', 'boolean'),
        f('failureThreshold', 'Failure threshold', 'integer'),
        f('checkTimeout', 'Check timeout', 'duration'),
      ],
    },
  ],
  service: [
    ...BASE,
    f('replicas', 'Replicas', 'integer'),
    f('concurrency', 'Threads per replica', 'number'),
    f('serviceTime', 'Service time', 'duration'),
    f('cpuPerRequest', 'CPU per request', 'duration', 'CPU s'),
    f('cpuLimit', 'CPU limit', 'number', 'cores'),
    f('memoryMb', 'Memory', 'number', 'MB'),
    f('memoryLimitMb', 'Memory limit', 'number', 'MB'),
    f('errorRate', 'Error rate', 'ratio'),
    f('coldStart', 'Cold start', 'duration'),
    f('queueLimit', 'Queue limit', 'integer', 'req'),
    f('balancer', 'Balancer', 'enum'),
    f('version', 'Version', 'string'),
    {
      key: 'sidecar',
      label: 'Sidecar proxy',
      type: 'group',
      fields: [
        f('cpuPerRequest', 'CPU per request', 'duration', 'CPU s'),
        f('latency', 'Latency', 'duration'),
      ],
    },
    {
      key: 'autoscaler',
      label: 'Autoscaler',
      type: 'group',
      fields: [
        f('metric', 'Metric', 'enum'),
        f('target', 'Target per replica', 'number'),
        f('min', 'Min replicas', 'integer'),
        f('max', 'Max replicas', 'integer'),
        f('syncPeriod', 'Sync period', 'duration'),
      ],
    },
    {
      key: 'livenessProbe',
      label: 'Liveness probe',
      type: 'group',
      fields: PROBE_FIELDS,
    },
    {
      key: 'readinessProbe',
      label: 'Readiness probe',
      type: 'group',
      fields: [...PROBE_FIELDS, f('successThreshold', 'Success threshold', 'integer')],
    },
    DISK_GROUP,
    f('imageRegistry', 'Image registry', 'nodeRef'),
  ],
  database: [
    ...BASE,
    f('maxConnections', 'Max connections', 'number'),
    f('cpuCores', 'CPU cores', 'number', 'cores'),
    f('queryTime', 'Query time', 'duration'),
    f('cpuPerQuery', 'CPU per query', 'duration', 'CPU s'),
    f('readReplicas', 'Read replicas', 'integer'),
    DISK_GROUP,
  ],
  cache: [
    ...BASE,
    f('opsCapacity', 'Ops capacity', 'number', 'ops/s'),
    f('hitRatio', 'Hit ratio', 'ratio'),
    f('maxMemoryMb', 'Max memory', 'number', 'MB'),
    f('usedMemoryMb', 'Used memory', 'number', 'MB'),
    f('writeGrowthKb', 'Growth per write', 'number', 'KB'),
    f('policy', 'Eviction policy', 'enum'),
    {
      key: 'keyspace',
      label: 'Keyspace',
      type: 'group',
      fields: [
        f('keys', 'Keys', 'number'),
        f('zipf', 'Zipf skew', 'number'),
        f('ttl', 'Key TTL', 'duration'),
        f('ttlJitter', 'TTL jitter', 'ratio'),
        f('coalesce', 'Request coalescing', 'boolean'),
        f('warm', 'Starts warm', 'boolean'),
      ],
    },
  ],
  queue: [
    ...BASE,
    f('consumers', 'Consumers', 'ids'),
    f('messageSizeKb', 'Message size', 'number', 'KB'),
    f('maxMemoryMb', 'Max memory', 'number', 'MB'),
    f('policy', 'Policy', 'enum'),
    f('initialBacklog', 'Initial backlog', 'integer', 'msgs'),
  ],
  dns: [
    ...BASE,
    f('replicas', 'Replicas', 'integer'),
    f('qpsPerReplica', 'QPS per replica', 'number', 'q/s'),
    f('cacheHitRatio', 'Cache hit ratio', 'ratio'),
    f('ndots', 'ndots', 'integer'),
    f('resolverTimeout', 'Resolver timeout', 'duration'),
    f('memoryLimitMb', 'Memory limit', 'number', 'MB'),
  ],
  external: [
    ...BASE,
    f('latency', 'Latency', 'duration'),
    f('errorRate', 'Error rate', 'ratio'),
    f('rateLimit', 'Rate limit', 'number', 'req/s'),
    f('reachedVia', 'Reached via', 'ids'),
  ],
};

/** Edge fields (from/to are set by drawing the edge). */
export const EDGE_FIELDS: readonly FieldSpec[] = [
  f('mode', 'Mode', 'enum'),
  f('callsPerRequest', 'Calls per request', 'number'),
  f('timeout', 'Timeout', 'duration'),
  f('retries', 'Retries', 'integer'),
  f('backoff', 'Backoff', 'duration'),
  f('maxBackoff', 'Max backoff', 'duration'),
  f('jitter', 'Backoff jitter', 'enum'),
  f('retryBudget', 'Retry budget', 'ratio'),
  f('perReplicaRate', 'Background calls', 'number', 'req/s per caller replica'),
  f('optional', 'Optional call', 'boolean'),
  {
    key: 'circuitBreaker',
    label: 'Circuit breaker',
    type: 'group',
    fields: [f('errorThreshold', 'Error threshold', 'ratio'), f('openFor', 'Open for', 'duration')],
  },
  f('dns', 'Resolves through DNS', 'nodeRef'),
  f('lookupsPerCall', 'Lookups per call', 'number'),
  f('pool', 'Connection pool', 'integer', 'per caller replica'),
  f('weight', 'Routing weight', 'integer'),
  f('healthCheck', 'Readiness probe calls it', 'boolean'),
];

type AnyObject = z.ZodObject;
export const NODE_SCHEMAS: Readonly<Record<NodeKind, AnyObject>> = {
  client: clientNode,
  loadbalancer: loadBalancerNode,
  service: serviceNode,
  database: databaseNode,
  cache: cacheNode,
  queue: queueNode,
  dns: dnsNode,
  external: externalNode,
};
export const EDGE_SCHEMA: AnyObject = edge;
export const GROUP_SCHEMAS: Readonly<Record<string, AnyObject>> = {
  sidecar,
  autoscaler,
  circuitBreaker,
  livenessProbe,
  readinessProbe,
  disk,
  keyspace: cacheKeyspace,
  resend: clientResend,
  routing,
};

/** Keys edited outside the field table: identity, drawing, and the traffic panel (stages). */
export const NODE_KEYS_ELSEWHERE = ['id', 'kind', 'position', 'stages'] as const;
export const EDGE_KEYS_ELSEWHERE = ['from', 'to'] as const;

export interface FieldInfo {
  readonly default?: unknown;
  readonly description?: string;
  readonly options?: readonly string[];
  readonly optional: boolean;
}

/**
 * Default, description and enum options of one member of a zod object, from its JSON Schema
 * (zod's public toJSONSchema): optionality from what authors may omit ('input'), the default
 * from 'output' (a duration's default is only there: 'input' cannot express a transform's).
 */
export function fieldInfo(schema: AnyObject, key: string): FieldInfo {
  const input = jsonSchemaOf(schema, 'input');
  const member = input.properties?.[key];
  if (!member) return { optional: true };
  const output = jsonSchemaOf(schema, 'output').properties?.[key];
  const options = member.enum?.every((v) => typeof v === 'string') ? (member.enum as string[]) : undefined;
  return {
    default: output?.default,
    description: member.description ?? output?.description,
    options,
    optional: !(input.required ?? []).includes(key),
  };
}

/** "30s" style text of a default duration in seconds. */
export function formatDefault(value: unknown, type: FieldType): string {
  if (value === undefined) return '';
  if (type === 'duration' && typeof value === 'number') {
    if (value > 0 && value < 1) return `${Math.round(value * 1000)}ms`;
    const m = Math.floor(value / 60);
    const s = value % 60;
    return m && !s ? `${m}m` : m ? `${m}m${s}s` : `${s}s`;
  }
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
