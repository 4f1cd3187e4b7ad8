/** Resource names and the HPA and event views kubectl get and describe share. */
import type { SimEvent } from '../engine/api';
import { finite, liveOf, nodesOfKind, type ShellContext } from './context';
import { age, fixed, mebibytes, whole } from './format';
import { namespaceOf, podsOf, replicasOf, templateHash, workloadById, type Workload } from './workloads';

export type Resource = 'pods' | 'deployments' | 'hpa' | 'events' | 'nodes';

const ALIASES: Readonly<Record<string, Resource>> = {
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  deploy: 'deployments',
  deployment: 'deployments',
  deployments: 'deployments',
  'deployment.apps': 'deployments',
  'deployments.apps': 'deployments',
  hpa: 'hpa',
  horizontalpodautoscaler: 'hpa',
  horizontalpodautoscalers: 'hpa',
  ev: 'events',
  event: 'events',
  events: 'events',
  no: 'nodes',
  node: 'nodes',
  nodes: 'nodes',
};

/** Kinds as kubectl names them in errors: pods "x" not found. */
export const KIND_PLURAL: Readonly<Record<Resource, string>> = {
  pods: 'pods',
  deployments: 'deployments.apps',
  hpa: 'horizontalpodautoscalers.autoscaling',
  events: 'events',
  nodes: 'nodes',
};

export const RESOURCE_WORDS = ['pods', 'deployments', 'deploy', 'hpa', 'events', 'nodes'];

export function resourceOf(word: string): Resource | undefined {
  return Object.hasOwn(ALIASES, word.toLowerCase()) ? ALIASES[word.toLowerCase()] : undefined;
}

/** `deploy/orders` -> ['deployments', 'orders']; a bare word stays a resource type. */
export function splitTypeName(word: string): [string, string | undefined] {
  const slash = word.indexOf('/');
  return slash > 0 ? [word.slice(0, slash), word.slice(slash + 1)] : [word, undefined];
}

export const notFound = (resource: Resource, name: string): string =>
  `Error from server (NotFound): ${KIND_PLURAL[resource]} "${name}" not found`;

export const noResources = (ns: string | undefined): string =>
  ns === undefined ? 'No resources found' : `No resources found in ${ns} namespace.`;

export const unknownResource = (word: string): string =>
  `error: the server doesn't have a resource type "${word}"`;

export type Autoscaled = Workload & {
  kind: 'service';
  autoscaler: NonNullable<Extract<Workload, { kind: 'service' }>['autoscaler']>;
};

/**
 * The services with an HPA now: the engine's live HPA (patched, created by kubectl autoscale, or
 * gone after a delete) over the scenario's; the scenario's alone before the run has live state.
 */
export function autoscaled(ctx: ShellContext): Autoscaled[] {
  const out: Autoscaled[] = [];
  for (const s of nodesOfKind(ctx, 'service')) {
    const live = liveOf(ctx, s.id);
    if (!live) {
      if (s.autoscaler) out.push({ ...s, autoscaler: s.autoscaler });
      continue;
    }
    if (live.autoscaler) out.push({ ...s, autoscaler: live.autoscaler });
  }
  return out;
}

/** The HPA's metric as `kubectl get hpa` prints it (current/target) and a sentence for describe. */
export function hpaTarget(ctx: ShellContext, w: Autoscaled): { cell: string; describe: string } {
  const a = w.autoscaler;
  const replicas = Math.max(1, replicasOf(ctx, w).ready);
  switch (a.metric) {
    case 'cpu': {
      const pct = Math.round(finite(ctx.metric('cpu_utilization', w.id)) * 100);
      const target = Math.round(a.target * 100);
      return {
        cell: `cpu: ${pct}%/${target}%`,
        describe: `resource cpu on pods  (as a percentage of request):  ${pct}% (${whole(pct * w.cpuLimit * 10)}m) / ${target}%`,
      };
    }
    case 'latency_p99': {
      const v = finite(ctx.metric('latency_p99', w.id));
      return {
        cell: `${fixed(v, 3)}/${fixed(a.target, 3)} (avg)`,
        describe: `"http_request_duration_seconds_p99" on pods:  ${fixed(v, 3)} / ${fixed(a.target, 3)}`,
      };
    }
    case 'queue_depth': {
      const queue = nodesOfKind(ctx, 'queue').find((q) => q.consumers.includes(w.id));
      const depth = queue ? finite(ctx.metric('queue_depth', queue.id)) : 0;
      const per = Math.round(depth / replicas);
      return {
        cell: `${per}/${whole(a.target)} (avg)`,
        describe: `"redis_list_length" (target average value):  ${per} / ${whole(a.target)}`,
      };
    }
    case 'inflight': {
      const per = finite(ctx.metric('inflight', w.id)) / replicas;
      return {
        cell: `${fixed(per, 0)}/${whole(a.target)} (avg)`,
        describe: `"inflight_requests" on pods:  ${fixed(per, 0)} / ${whole(a.target)}`,
      };
    }
    case 'requests_per_second': {
      const per = finite(ctx.metric('request_rate', w.id)) / replicas;
      return {
        cell: `${fixed(per, 0)}/${whole(a.target)} (avg)`,
        describe: `"http_requests_per_second" on pods:  ${fixed(per, 0)} / ${whole(a.target)}`,
      };
    }
  }
}

export interface K8sEvent {
  readonly t: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly object: string;
  readonly message: string;
  readonly namespace?: string;
  /** Occurrences folded into this one (kubectl aggregates repeats) and the first one's time. */
  readonly count: number;
  readonly firstT: number;
}

/**
 * The Kubernetes events behind the engine's visible events of a workload: a deploy or rollback
 * scales a new ReplicaSet, an OOM kill is the kernel's cgroup OOM and a back-off, an HPA change a
 * rescale. Events older than an hour are gone, as in a real cluster (event TTL 1h).
 */
export function k8sEvents(ctx: ShellContext, namespace?: string): K8sEvent[] {
  const out: K8sEvent[] = [];
  for (const e of ctx.events) {
    if (!e.node || e.t < ctx.time - 3600) continue;
    const w = workloadById(ctx, e.node);
    if (!w || (namespace !== undefined && namespaceOf(w) !== namespace)) continue;
    for (const k of translate(ctx, w, e)) {
      // Repeats of one event on one object fold into one with a count, as the API server does.
      const same = out.findIndex(
        (o) => o.object === k.object && o.reason === k.reason && o.message === k.message,
      );
      const prev = same >= 0 ? out.splice(same, 1)[0] : undefined;
      out.push({
        ...k,
        namespace: namespaceOf(w),
        count: (prev?.count ?? 0) + 1,
        firstT: prev?.firstT ?? k.t,
      });
    }
  }
  return out;
}

function translate(ctx: ShellContext, w: Workload, e: SimEvent): Omit<K8sEvent, 'count' | 'firstT'>[] {
  const pods = podsOf(ctx, w);
  const pod = pods[0]?.name ?? `${w.id}-${templateHash(ctx, w)}`;
  const { desired } = replicasOf(ctx, w);
  switch (e.kind) {
    case 'deploy':
      return [
        {
          t: e.t,
          type: 'Normal',
          reason: 'ScalingReplicaSet',
          object: `deployment/${w.id}`,
          message: `Scaled up replica set ${w.id}-${templateHash(ctx, w)} to ${desired}`,
        },
      ];
    case 'oom-kill':
      return [
        {
          t: e.t,
          type: 'Warning',
          reason: 'OOMKilling',
          object: `pod/${pod}`,
          message: `Memory cgroup out of memory: Killed process 1 (${w.kind === 'dns' ? 'coredns' : 'app'}) in container "${w.kind === 'dns' ? 'coredns' : 'app'}" (limit ${mebibytes(w.memoryLimitMb)})`,
        },
        {
          t: e.t,
          type: 'Warning',
          reason: 'BackOff',
          object: `pod/${pod}`,
          message: 'Back-off restarting failed container app',
        },
      ];
    case 'restart':
      return [
        {
          t: e.t,
          type: 'Normal',
          reason: 'Killing',
          object: `pod/${pod}`,
          message: 'Stopping container app',
        },
      ];
    case 'scale':
      return e.text.startsWith('HPA')
        ? [
            {
              t: e.t,
              type: 'Normal',
              reason: 'SuccessfulRescale',
              object: `horizontalpodautoscaler/${w.id}`,
              message: e.text.replace(/^HPA /, ''),
            },
          ]
        : [
            {
              t: e.t,
              type: 'Normal',
              reason: 'ScalingReplicaSet',
              object: `deployment/${w.id}`,
              message: e.text,
            },
          ];
    case 'image-pull': {
      const message = e.text.replace(/^[^:]+: /, '');
      const reason = String(e.data?.reason ?? '');
      // The pod the kubelet reports on: a waiting one (the last pods), else the first.
      const waiting = pods.filter((p) => p.status === 'ErrImagePull' || p.status === 'ImagePullBackOff');
      const object = `pod/${(waiting.at(-1) ?? pods[0])?.name ?? pod}`;
      if (reason === 'Failed')
        return [
          { t: e.t, type: 'Warning', reason: 'Failed', object, message },
          { t: e.t, type: 'Warning', reason: 'Failed', object, message: 'Error: ErrImagePull' },
        ];
      if (reason === 'BackOff')
        return [
          {
            t: e.t,
            type: 'Normal',
            reason: 'BackOff',
            object,
            message: message.replace(/ \(ImagePullBackOff.*$/, ''),
          },
          { t: e.t, type: 'Warning', reason: 'Failed', object, message: 'Error: ImagePullBackOff' },
        ];
      return [{ t: e.t, type: 'Normal', reason: 'Pulled', object, message }];
    }
    case 'readiness':
      return [
        /passes again/.test(e.text)
          ? { t: e.t, type: 'Normal', reason: 'Ready', object: `pod/${pod}`, message: e.text }
          : {
              t: e.t,
              type: 'Warning',
              reason: 'Unhealthy',
              object: `pod/${pod}`,
              message: `Readiness probe failed: ${e.text}`,
            },
      ];
    default:
      return [];
  }
}

/** `LAST SEEN` / describe's `Age` column of an event. */
export const eventAge = (ctx: ShellContext, e: K8sEvent): string => age(ctx.time - e.t);

/** describe's Age of an aggregated event: `3m1s (x3 over 13m)`. */
export const describeAge = (ctx: ShellContext, e: K8sEvent): string =>
  e.count > 1 ? `${age(ctx.time - e.t)} (x${e.count} over ${age(ctx.time - e.firstT)})` : age(ctx.time - e.t);
