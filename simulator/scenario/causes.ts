/**
 * The one taxonomy of root causes a trainee declares from (issue 14 item 2). Every scenario offers
 * the same list, so the wording of the choices cannot give the answer away; a scenario maps its own
 * cause onto one or more of these ids (`rootCause.causes`). Labels use the words an incident
 * commander would write in a postmortem's "root cause category" field.
 */

export interface Cause {
  readonly id: string;
  readonly label: string;
  readonly group: CauseGroup;
  /** One line for the declare dialog's description and the authoring reference. */
  readonly means: string;
}

export const CAUSE_GROUPS = [
  'Change',
  'Load and capacity',
  'Dependencies',
  'Resource exhaustion',
  'Platform and network',
  'Failure dynamics',
] as const;
export type CauseGroup = (typeof CAUSE_GROUPS)[number];

export const CAUSES = [
  {
    id: 'bad-deploy',
    label: 'Bad deploy or release',
    group: 'Change',
    means: 'A new version of the code misbehaves.',
  },
  {
    id: 'config-change',
    label: 'Configuration change',
    group: 'Change',
    means: 'A changed setting, limit, flag or timeout.',
  },
  {
    id: 'cost-cutting',
    label: 'Cost-cutting change',
    group: 'Change',
    means: 'Capacity or redundancy removed to save money.',
  },
  {
    id: 'traffic-surge',
    label: 'Traffic surge or abusive client',
    group: 'Load and capacity',
    means: 'More requests than usual arrive.',
  },
  {
    id: 'capacity',
    label: 'Capacity or saturation',
    group: 'Load and capacity',
    means: 'The component cannot serve the load it gets.',
  },
  {
    id: 'autoscaling',
    label: 'Autoscaling misconfigured',
    group: 'Load and capacity',
    means: 'Scaling on the wrong signal, or with the wrong bounds.',
  },
  {
    id: 'dependency-slow',
    label: 'Dependency slow',
    group: 'Dependencies',
    means: 'A callee answers, but late.',
  },
  {
    id: 'dependency-down',
    label: 'Dependency down',
    group: 'Dependencies',
    means: 'A callee refuses or fails every call.',
  },
  {
    id: 'third-party',
    label: 'Third-party or vendor failure',
    group: 'Dependencies',
    means: 'A service outside your control fails or slows down.',
  },
  {
    id: 'memory',
    label: 'Memory exhaustion',
    group: 'Resource exhaustion',
    means: 'Out of memory: OOM kills, evictions, leaks.',
  },
  {
    id: 'cpu',
    label: 'CPU saturation or throttling',
    group: 'Resource exhaustion',
    means: 'CPU at its limit, or throttled by a quota.',
  },
  {
    id: 'disk',
    label: 'Disk or IO exhaustion',
    group: 'Resource exhaustion',
    means: 'A full disk, or IOPS at their limit.',
  },
  {
    id: 'connections',
    label: 'Connection exhaustion',
    group: 'Resource exhaustion',
    means: 'Connection pools or max_connections used up.',
  },
  {
    id: 'threads',
    label: 'Thread or worker exhaustion',
    group: 'Resource exhaustion',
    means: 'Every thread or worker is busy or blocked.',
  },
  {
    id: 'file-descriptors',
    label: 'File descriptor or port exhaustion',
    group: 'Resource exhaustion',
    means: 'Out of sockets, file descriptors or NAT ports.',
  },
  {
    id: 'dns',
    label: 'DNS failure',
    group: 'Platform and network',
    means: 'Name resolution slow, failing or wrong.',
  },
  {
    id: 'network',
    label: 'Network failure',
    group: 'Platform and network',
    means: 'Packet loss, partitions, latency between components.',
  },
  {
    id: 'certificate',
    label: 'Certificate or TLS failure',
    group: 'Platform and network',
    means: 'An expired or wrong certificate.',
  },
  {
    id: 'health-check',
    label: 'Health check or probe failure',
    group: 'Platform and network',
    means: 'Probes take healthy instances out, or keep broken ones in.',
  },
  {
    id: 'noisy-neighbour',
    label: 'Noisy neighbour on a shared resource',
    group: 'Platform and network',
    means: 'Another workload exhausts something shared.',
  },
  {
    id: 'retry-storm',
    label: 'Retry storm or metastable failure',
    group: 'Failure dynamics',
    means: 'Retries keep the overload going after its trigger is gone.',
  },
  {
    id: 'slow-queries',
    label: 'Slow or expensive queries',
    group: 'Failure dynamics',
    means: 'Queries or locks that hold the database.',
  },
  {
    id: 'cache',
    label: 'Cache failure',
    group: 'Failure dynamics',
    means: 'Evictions, a cold cache or a stampede send load through.',
  },
  {
    id: 'queue-backlog',
    label: 'Queue backlog',
    group: 'Failure dynamics',
    means: 'Consumers fall behind and the queue fills.',
  },
  {
    id: 'bad-data',
    label: 'Bad data or poison message',
    group: 'Failure dynamics',
    means: 'One input that fails every time it is processed.',
  },
] as const satisfies readonly Cause[];

export type CauseId = (typeof CAUSES)[number]['id'];
export const CAUSE_IDS = CAUSES.map((c) => c.id) as [CauseId, ...CauseId[]];

const BY_ID: ReadonlyMap<string, Cause> = new Map(CAUSES.map((c) => [c.id, c]));

/** The taxonomy entry for an id, if it is one. */
export const causeOf = (id: string): Cause | undefined => BY_ID.get(id);

/** How a declared cause reads: the taxonomy's label, or the text itself (older scenarios' own lists). */
export const causeLabel = (id: string): string => BY_ID.get(id)?.label ?? id;
