/** `kubectl describe pod|deploy|hpa [NAME]`: kubectl's layout, values from the engine. */
import type { NodeLive, ProbeLive } from '../engine/api';
import { fail, liveOf, ok, type ShellContext, type ShellResult } from './context';
import { cores, fields, mebibytes, rfc1123, table, whole } from './format';
import { imageOf } from './kubectl-get';
import type { KubectlArgs } from './kubectl-args';
import {
  autoscaled,
  describeAge,
  hpaTarget,
  k8sEvents,
  noResources,
  notFound,
  resourceOf,
  splitTypeName,
  unknownResource,
  type Autoscaled,
  type K8sEvent,
} from './kubectl-resources';
import {
  allPods,
  DEPLOYMENTS_BORN_BEFORE,
  eventsOf,
  namespaceOf,
  replicasOf,
  templateHash,
  versionOf,
  workloads,
  type Pod,
  type Workload,
} from './workloads';

export function kubectlDescribe(ctx: ShellContext, args: KubectlArgs): ShellResult {
  const [first, ...rest] = args.positional;
  if (first === undefined) {
    return fail(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\nerror: Required resource not specified.\nSee \'kubectl describe -h\' for help and examples',
    );
  }
  const [typeWord, slashName] = splitTypeName(first);
  const resource = resourceOf(typeWord);
  if (!resource) return fail(unknownResource(typeWord));
  const names = slashName !== undefined ? [slashName, ...rest] : rest;
  const ns = args.allNamespaces ? undefined : (args.namespace ?? 'default');
  const blocks: string[] = [];
  const errors: string[] = [];
  const pick = <T>(list: readonly T[], nameOf: (t: T) => string, describe: (t: T) => string) => {
    if (names.length === 0) blocks.push(...list.map(describe));
    for (const name of names) {
      // A describe name is a prefix match in kubectl: `describe pod orders` describes every orders pod.
      const hits = list.filter((t) => nameOf(t) === name);
      const matches = hits.length > 0 ? hits : list.filter((t) => nameOf(t).startsWith(name));
      if (matches.length === 0) errors.push(notFound(resource, name));
      blocks.push(...matches.map(describe));
    }
  };
  switch (resource) {
    case 'pods':
      pick(
        allPods(ctx, ns),
        (p) => p.name,
        (p) => describePod(ctx, p),
      );
      break;
    case 'deployments':
      pick(
        workloads(ctx).filter((w) => ns === undefined || namespaceOf(w) === ns),
        (w) => w.id,
        (w) => describeDeployment(ctx, w),
      );
      break;
    case 'hpa':
      pick(
        ns === undefined || ns === 'default' ? autoscaled(ctx) : [],
        (w) => w.id,
        (w) => describeHpa(ctx, w),
      );
      break;
    default:
      return fail(`error: describe ${typeWord} is not available in this console (pods, deployments, hpa)`);
  }
  if (blocks.length === 0 && errors.length === 0) return ok(noResources(ns));
  const text = [blocks.join('\n\n\n'), ...errors].filter((s) => s !== '').join('\n');
  return errors.length > 0 ? fail(text) : ok(text);
}

function eventsSection(
  ctx: ShellContext,
  events: readonly K8sEvent[],
  extra: readonly string[][] = [],
): string {
  const rows = [
    ...events.map((e) => [
      e.type,
      e.reason,
      describeAge(ctx, e),
      e.reason === 'SuccessfulRescale'
        ? 'horizontal-pod-autoscaler'
        : e.object.startsWith('pod/')
          ? 'kubelet'
          : 'deployment-controller',
      e.message,
    ]),
    ...extra,
  ];
  if (rows.length === 0) return 'Events:                   <none>';
  const t = table(
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    [['----', '------', '----', '----', '-------'], ...rows],
    2,
  );
  return `Events:\n${t
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

function limits(w: Workload): { cpu: string; memory: string; requestCpu: string; requestMemory: string } {
  return w.kind === 'service'
    ? {
        cpu: cores(w.cpuLimit),
        memory: mebibytes(w.memoryLimitMb),
        requestCpu: cores(w.cpuLimit),
        requestMemory: mebibytes(w.memoryMb),
      }
    : { cpu: '1', memory: mebibytes(w.memoryLimitMb), requestCpu: '100m', requestMemory: '70Mi' };
}

const READINESS = 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3';

/** A probe as kubectl describe prints it; a dependency check is the deep /health/deep endpoint. */
function probeText(p: ProbeLive, success: number): string {
  const path = p.check === 'dependencies' ? '/health/deep' : '/healthz';
  return `http-get http://:8080${path} delay=${p.initialDelaySeconds}s timeout=${p.timeoutSeconds}s period=${p.periodSeconds}s #success=${success} #failure=${p.failureThreshold}`;
}

/** The container's probe lines, from the live settings (after a set-probe) when it has them. */
function probeFields(live: NodeLive | undefined): [string, string][] {
  const rows: [string, string][] = [];
  if (live?.livenessProbe) rows.push(['Liveness', probeText(live.livenessProbe, 1)]);
  rows.push([
    'Readiness',
    live?.readinessProbe ? probeText(live.readinessProbe, live.readinessProbe.successThreshold) : READINESS,
  ]);
  return rows;
}

function describePod(ctx: ShellContext, p: Pod): string {
  const w = p.workload;
  const live = liveOf(ctx, w.id);
  const probe = live?.probe ?? 'ok';
  const ready = p.ready && probe !== 'out-of-rotation';
  const started = p.lastRestartAt ?? p.createdAt;
  const lim = limits(w);
  const head = fields([
    ['Name', p.name],
    ['Namespace', p.namespace],
    ['Priority', w.kind === 'dns' ? '2000000000' : '0'],
    ['Service Account', w.kind === 'dns' ? 'coredns' : 'default'],
    [
      'Node',
      `${p.host}/${p.host
        .replace(/^ip-/, '')
        .replace(/\.ec2\.internal$/, '')
        .replaceAll('-', '.')}`,
    ],
    ['Start Time', rfc1123(p.createdAt)],
    ['Labels', `app=${w.id}`],
    ['', `pod-template-hash=${p.templateHash}`],
    ['Status', 'Running'],
    ['IP', p.ip],
    ['Controlled By', `ReplicaSet/${w.id}-${p.templateHash}`],
  ]);
  const state: [string, string][] =
    p.status === 'CrashLoopBackOff' || p.status === 'ErrImagePull' || p.status === 'ImagePullBackOff'
      ? [
          ['State', 'Waiting'],
          ['  Reason', p.status],
        ]
      : [
          ['State', 'Running'],
          ['  Started', rfc1123(started)],
        ];
  const last: [string, string][] =
    p.lastRestartAt !== undefined
      ? [
          ['Last State', 'Terminated'],
          ['  Reason', p.lastReason ?? 'Error'],
          ['  Exit Code', p.lastReason === 'OOMKilled' ? '137' : '1'],
          ['  Started', rfc1123(Math.max(p.createdAt, p.lastRestartAt - 60))],
          ['  Finished', rfc1123(p.lastRestartAt)],
        ]
      : [];
  const container = fields(
    [
      ['Image', live?.image?.ref ?? imageOf(w.id, versionOf(ctx, w))],
      ['Port', w.kind === 'dns' ? '53/UDP' : '8080/TCP'],
      ...state,
      ...last,
      ['Ready', ready ? 'True' : 'False'],
      ['Restart Count', String(p.restarts)],
      ['Limits', ''],
      ['  cpu', lim.cpu],
      ['  memory', lim.memory],
      ['Requests', ''],
      ['  cpu', lim.requestCpu],
      ['  memory', lim.requestMemory],
      ...probeFields(live),
    ],
    '    ',
  );
  const conditions = table(
    ['Type', 'Status'],
    [
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', ready ? 'True' : 'False'],
      ['ContainersReady', ready ? 'True' : 'False'],
      ['PodScheduled', 'True'],
    ],
    2,
  );
  const events = k8sEvents(ctx, p.namespace).filter(
    (e) => e.object === `pod/${p.name}` || (e.object.startsWith(`pod/${w.id}-`) && e.reason !== 'Killing'),
  );
  const failed = (kind: string, path: string) => [
    'Warning',
    'Unhealthy',
    '10s',
    'kubelet',
    `${kind} probe failed: Get "http://${p.ip}:8080${path}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
  ];
  const probeRows = [
    ...(probe === 'ok'
      ? []
      : [failed('Readiness', live?.readinessProbe?.check === 'dependencies' ? '/health/deep' : '/healthz')]),
    ...((live?.livenessProbe?.failing ?? 0) > 0 ? [failed('Liveness', '/healthz')] : []),
  ];
  return [
    head,
    'Containers:',
    `  ${w.kind === 'dns' ? 'coredns' : 'app'}:`,
    container,
    'Conditions:',
    conditions
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    'QoS Class:                   Burstable',
    eventsSection(ctx, events, probeRows),
  ].join('\n');
}

function describeDeployment(ctx: ShellContext, w: Workload): string {
  const r = replicasOf(ctx, w);
  const lim = limits(w);
  const revisions = eventsOf(ctx, w.id, 'deploy').length + 1;
  const unavailable = r.desired - r.ready;
  const head = fields([
    ['Name', w.id],
    ['Namespace', namespaceOf(w)],
    ['CreationTimestamp', rfc1123(-DEPLOYMENTS_BORN_BEFORE)],
    ['Labels', `app=${w.id}`],
    ['Annotations', `deployment.kubernetes.io/revision: ${revisions}`],
    ['Selector', `app=${w.id}`],
    [
      'Replicas',
      `${r.desired} desired | ${r.desired} updated | ${r.desired} total | ${r.ready} available | ${unavailable} unavailable`,
    ],
    ['StrategyType', 'RollingUpdate'],
    ['MinReadySeconds', '0'],
    ['RollingUpdateStrategy', '25% max unavailable, 25% max surge'],
  ]);
  const template = [
    'Pod Template:',
    `  Labels:  app=${w.id}`,
    '  Containers:',
    `   ${w.kind === 'dns' ? 'coredns' : 'app'}:`,
    fields(
      [
        ['Image', liveOf(ctx, w.id)?.image?.ref ?? imageOf(w.id, versionOf(ctx, w))],
        ['Port', w.kind === 'dns' ? '53/UDP' : '8080/TCP'],
        ['Limits', ''],
        ['  cpu', lim.cpu],
        ['  memory', lim.memory],
        ...probeFields(liveOf(ctx, w.id)),
      ],
      '    ',
    ),
  ].join('\n');
  const available = r.ready >= Math.ceil(r.desired * 0.75);
  const conditions = table(
    ['Type', 'Status', 'Reason'],
    [
      ['----', '------', '------'],
      [
        'Available',
        available ? 'True' : 'False',
        available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      ],
      ['Progressing', 'True', r.starting > 0 ? 'ReplicaSetUpdated' : 'NewReplicaSetAvailable'],
    ],
    2,
  );
  const previous = eventsOf(ctx, w.id, 'deploy').at(-1);
  const oldVersion = previous ? /\(was ([^)]+)\)/.exec(previous.text)?.[1] : undefined;
  const rs = [
    `OldReplicaSets:  ${oldVersion ? `${w.id}-${templateHash(ctx, w, oldVersion)} (0/0 replicas created)` : '<none>'}`,
    `NewReplicaSet:   ${w.id}-${templateHash(ctx, w)} (${r.desired}/${r.desired} replicas created)`,
  ].join('\n');
  const events = k8sEvents(ctx, namespaceOf(w)).filter((e) => e.object === `deployment/${w.id}`);
  return [
    head,
    template,
    'Conditions:',
    conditions
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    rs,
    eventsSection(ctx, events),
  ].join('\n');
}

function describeHpa(ctx: ShellContext, w: Autoscaled): string {
  const a = w.autoscaler;
  const r = replicasOf(ctx, w);
  const target = hpaTarget(ctx, w);
  const limited = r.desired <= a.min || r.desired >= a.max;
  const head = fields([
    ['Name', w.id],
    ['Namespace', 'default'],
    ['CreationTimestamp', rfc1123(-DEPLOYMENTS_BORN_BEFORE)],
    ['Reference', `Deployment/${w.id}`],
    ['Metrics', '( current / target )'],
  ]);
  const body = fields([
    ['Min replicas', whole(a.min)],
    ['Max replicas', whole(a.max)],
    ['Deployment pods', `${r.desired} current / ${r.desired} desired`],
  ]);
  const conditions = table(
    ['Type', 'Status', 'Reason', 'Message'],
    [
      ['----', '------', '------', '-------'],
      ['AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'],
      [
        'ScalingActive',
        'True',
        'ValidMetricFound',
        `the HPA was able to successfully calculate a replica count from ${a.metric === 'cpu' ? 'cpu resource utilization (percentage of request)' : 'pods metric'}`,
      ],
      [
        'ScalingLimited',
        limited ? 'True' : 'False',
        limited ? (r.desired <= a.min ? 'TooFewReplicas' : 'TooManyReplicas') : 'DesiredWithinRange',
        limited
          ? `the desired replica count is ${r.desired <= a.min ? 'less' : 'more'} than the ${r.desired <= a.min ? 'minimum' : 'maximum'} replica count`
          : 'the desired count is within the acceptable range',
      ],
    ],
    2,
  );
  const events = k8sEvents(ctx, 'default').filter((e) => e.object === `horizontalpodautoscaler/${w.id}`);
  return [
    head,
    `  ${target.describe}`,
    body,
    'Conditions:',
    conditions
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
    eventsSection(ctx, events),
  ].join('\n');
}
