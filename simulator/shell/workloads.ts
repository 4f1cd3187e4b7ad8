/**
 * The Kubernetes objects the shell shows, derived from the engine's state: every service is a
 * Deployment in namespace "default", every DNS node a Deployment in "kube-system" (CoreDNS). A
 * pod's name is `<deployment>-<pod-template-hash>-<suffix>`, both parts derived from the node id,
 * the running version and the rollout generation, so names hold still within a run and change
 * on a deploy, a rollback or a restart.
 */
import type { SimEvent } from '../engine/api';
import { finite, liveOf, nodesOfKind, type ScenarioNode, type ShellContext } from './context';
import { hash32, safeName } from './format';

export type Workload = Extract<ScenarioNode, { kind: 'service' | 'dns' }>;

/** Pods existed this long before the incident's second 0. */
export const PODS_BORN_BEFORE = 4 * 3600 + 17 * 60;
/** Deployments were created this long before the incident's second 0. */
export const DEPLOYMENTS_BORN_BEFORE = 41 * 86400;

export interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly workload: Workload;
  readonly index: number;
  readonly templateHash: string;
  readonly ready: boolean;
  /** Running (ready or not), CrashLoopBackOff, or ErrImagePull / ImagePullBackOff (a new pod without its image). */
  readonly status: string;
  readonly restarts: number;
  /** Simulated second of the last container restart (undefined: never restarted). */
  readonly lastRestartAt?: number;
  /** OOMKilled when the last restart was an OOM kill. */
  readonly lastReason?: string;
  readonly createdAt: number;
  readonly ip: string;
  readonly host: string;
}

export const namespaceOf = (w: Workload): string => (w.kind === 'dns' ? 'kube-system' : 'default');

export function workloads(ctx: ShellContext): Workload[] {
  return nodesOfKind(ctx, 'service', 'dns');
}

export function workloadById(ctx: ShellContext, id: string): Workload | undefined {
  return workloads(ctx).find((w) => w.id === id);
}

/** The workload's visible events of these kinds, oldest first. */
export function eventsOf(ctx: ShellContext, id: string, ...kinds: SimEvent['kind'][]): SimEvent[] {
  return ctx.events.filter((e) => e.node === id && kinds.includes(e.kind));
}

export function versionOf(ctx: ShellContext, w: Workload): string {
  return liveOf(ctx, w.id)?.version ?? (w.kind === 'service' ? w.version : '1.11.1');
}

/**
 * Reasons of the engine's 'restart' events that are the kubelet restarting a container in its
 * pod (CrashLoopBackOff, a failed liveness probe): the pod, and its name, stay.
 */
const CONTAINER_RESTARTS: ReadonlySet<string> = new Set(['BackOff', 'Liveness probe failed']);

/** Whole-deployment restarts (rollout restart, a change that rolls the pods): new pods each time. */
function rollouts(ctx: ShellContext, id: string): SimEvent[] {
  return eventsOf(ctx, id, 'restart').filter((e) => !CONTAINER_RESTARTS.has(String(e.data?.reason ?? '')));
}

/** Rollout generation: whole-deployment restarts since the start (each one replaces every pod). */
function generation(ctx: ShellContext, w: Workload): number {
  return rollouts(ctx, w.id).length;
}

export function templateHash(ctx: ShellContext, w: Workload, version = versionOf(ctx, w)): string {
  return safeName(`${w.id}|${version}|${generation(ctx, w)}`, 9 + (hash32(w.id) % 2));
}

export interface Replicas {
  readonly desired: number;
  readonly ready: number;
  readonly starting: number;
}

export function replicasOf(ctx: ShellContext, w: Workload): Replicas {
  const live = liveOf(ctx, w.id);
  const desired = Math.max(0, Math.round(finite(live?.replicas ?? w.replicas)));
  const ready = Math.min(desired, Math.max(0, Math.round(finite(live?.ready ?? desired))));
  const starting = Math.min(desired - ready, Math.max(0, Math.round(finite(live?.starting ?? 0))));
  return { desired, ready, starting };
}

/** Worker nodes of the cluster: enough for every pod's CPU limit at 8 cores each, at least 3. */
export function clusterNodes(ctx: ShellContext): string[] {
  let cpu = 0;
  for (const w of workloads(ctx)) {
    cpu += replicasOf(ctx, w).desired * (w.kind === 'service' ? w.cpuLimit : 0.1);
  }
  const count = Math.min(50, Math.max(3, Math.ceil(cpu / 8)));
  return Array.from({ length: count }, (_, i) => `ip-10-0-${i + 1}-${20 + ((i * 37) % 200)}.ec2.internal`);
}

/** When the current pods were created: the last deploy, rollback or restart, else before the start. */
function podsCreatedAt(ctx: ShellContext, w: Workload): number {
  const last = [...eventsOf(ctx, w.id, 'deploy'), ...rollouts(ctx, w.id)].sort((a, b) => a.t - b.t).at(-1);
  return last ? last.t : -PODS_BORN_BEFORE;
}

/** The pods of one workload, in index order. */
export function podsOf(ctx: ShellContext, w: Workload): Pod[] {
  const { desired, ready } = replicasOf(ctx, w);
  const hashPart = templateHash(ctx, w);
  const version = versionOf(ctx, w);
  const total = Math.max(0, Math.round(finite(ctx.metric('restarts_total', w.id))));
  const restartEvents = eventsOf(ctx, w.id, 'oom-kill', 'restart');
  const createdAt = podsCreatedAt(ctx, w);
  // Restarts since these pods were created, spread over the pods (the engine counts per node).
  const before = ctx.history('restarts_total', w.id);
  const atCreation = createdAt > 0 ? finite(sampleAt(before, createdAt)) : 0;
  const own = Math.max(0, total - Math.round(atCreation));
  const lastKill = restartEvents.filter((e) => e.kind === 'oom-kill' && e.t >= createdAt).at(-1);
  // Pods whose container waits out a CrashLoopBackOff, as the engine counts them.
  const backoff = Math.min(
    desired - ready,
    Math.max(0, Math.round(finite(liveOf(ctx, w.id)?.waitingBackoff ?? 0))),
  );
  const hosts = clusterNodes(ctx);
  const pods: Pod[] = [];
  // New pods without their image (image-pull.ts): within the deployment's count, or a stalled
  // rollout's surge pods beyond it (of the next replica set).
  const image = liveOf(ctx, w.id)?.image;
  const pulling = Math.max(0, Math.round(finite(image?.waiting ?? 0)));
  const inSet = Math.min(pulling, Math.max(0, desired - ready - backoff));
  const pullStatus =
    image?.lastFailedAt !== undefined && ctx.time - image.lastFailedAt < 5
      ? 'ErrImagePull'
      : 'ImagePullBackOff';
  // Created at the first failed pull since the last one that worked.
  const pulls = pulling > 0 ? eventsOf(ctx, w.id, 'image-pull') : [];
  const lastPulled = pulls.findLastIndex((e) => e.data?.reason === 'Pulled');
  const pullSince = pulls.slice(lastPulled + 1).find((e) => e.data?.reason === 'Failed')?.t ?? ctx.time;
  for (let i = 0; i < desired; i++) {
    const name = `${w.id}-${hashPart}-${safeName(`${w.id}|${version}|${hashPart}|${i}`, 5)}`;
    const restarts = desired > 0 ? Math.floor(own / desired) + (i < own % desired ? 1 : 0) : 0;
    const isReady = i < ready;
    // After the ready pods, those waiting out a back-off; a pod out of rotation (failing its
    // readiness probe) or starting still shows Running, not ready.
    const crashLooping = !isReady && i >= desired - backoff;
    const noImage = !isReady && !crashLooping && i >= desired - backoff - inSet;
    const status = crashLooping ? 'CrashLoopBackOff' : noImage ? pullStatus : 'Running';
    pods.push({
      name,
      namespace: namespaceOf(w),
      workload: w,
      index: i,
      templateHash: hashPart,
      ready: isReady,
      status,
      restarts,
      ...(restarts > 0 && lastKill ? { lastRestartAt: lastKill.t, lastReason: 'OOMKilled' } : {}),
      ...(restarts > 0 && !lastKill && restartEvents.length > 0
        ? { lastRestartAt: (restartEvents.at(-1) as SimEvent).t, lastReason: 'Error' }
        : {}),
      createdAt: noImage ? pullSince : createdAt,
      ip: `10.244.${hash32(name) % 32}.${(hash32(`${name}#`) % 250) + 2}`,
      host: hosts[hash32(name) % hosts.length] ?? 'ip-10-0-1-20.ec2.internal',
    });
  }
  const surge = pulling - inSet;
  if (surge > 0) {
    const next = safeName(`${w.id}|${version}|${generation(ctx, w) + 1}|rollout`, 9 + (hash32(w.id) % 2));
    for (let i = 0; i < surge; i++) {
      const name = `${w.id}-${next}-${safeName(`${w.id}|${next}|${i}`, 5)}`;
      pods.push({
        name,
        namespace: namespaceOf(w),
        workload: w,
        index: desired + i,
        templateHash: next,
        ready: false,
        status: pullStatus,
        restarts: 0,
        createdAt: pullSince,
        ip: `10.244.${hash32(name) % 32}.${(hash32(`${name}#`) % 250) + 2}`,
        host: hosts[hash32(name) % hosts.length] ?? 'ip-10-0-1-20.ec2.internal',
      });
    }
  }
  return pods;
}

/** Every pod in a namespace (undefined: all namespaces). */
export function allPods(ctx: ShellContext, namespace?: string): Pod[] {
  return workloads(ctx)
    .filter((w) => namespace === undefined || namespaceOf(w) === namespace)
    .flatMap((w) => podsOf(ctx, w));
}

export function findPod(ctx: ShellContext, name: string): Pod | undefined {
  return allPods(ctx).find((p) => p.name === name);
}

/** A history's value at simulated time t (NaN outside the stored window). */
export function sampleAt(h: ReturnType<ShellContext['history']>, t: number): number {
  const k = Math.floor((t - h.start) / h.step);
  return k >= 0 && k < h.values.length ? (h.values[k] ?? NaN) : NaN;
}
