/**
 * Image pulls from a registry node (a service's `imageRegistry`). Every new pod pulls its image
 * before its container starts: the pods of a scale-out or of a restart the trainee orders (the
 * batches startReplicas marks `pull`) and the surge pods of a rolling restart (rollback, limit
 * changes, probe changes). While the registry cannot serve (notify-path.ts's hopBroken) the pull
 * fails and the pod waits in ImagePullBackOff, the kubelet's back-off: 10 s doubling to 5 min
 * between attempts. Containers the kubelet restarts in their pod (CrashLoopBackOff, liveness)
 * find the image on the node and pull nothing, and running pods keep serving: only what is new
 * waits. A rollout stalls until its surge pods have the image (maxUnavailable 0: the old pods
 * serve meanwhile), then completes after the cold start.
 */
import type { Emit } from './lifecycle';
import { hopBroken } from './notify-path';
import { BATCHES, type State } from './state';
import type { Model } from './compile';

export const PULL_BACKOFF_BASE = 10;
export const PULL_BACKOFF_MAX = 300;

/** The wait after `failures` failed pulls in a row (the first failure waits 10 s). */
export function pullBackoff(failures: number): number {
  if (failures <= 0) return 0;
  const wait = PULL_BACKOFF_BASE * 2 ** (failures - 1);
  return wait < PULL_BACKOFF_MAX ? wait : PULL_BACKOFF_MAX;
}

/** The image reference the shell and the events show: `<registry>/<service>:<version>`. */
export function imageRef(model: Model, i: number): string {
  const reg = model.registry[i]!;
  const host = reg >= 0 ? model.ids[reg]! : 'registry';
  return `${host}/${model.ids[i]}:${model.versions[i]}`;
}

/** The kubelet's message for a pull that failed because the registry does not answer. */
export function pullErrorText(model: Model, i: number): string {
  const reg = model.registry[i]!;
  return `Failed to pull image "${imageRef(model, i)}": rpc error: code = Unknown desc = failed to pull and unpack image: failed to resolve reference "${imageRef(model, i)}": failed to do request: Head "https://${reg >= 0 ? model.ids[reg] : 'registry'}/v2/${model.ids[i]}/manifests/${model.versions[i]}": dial tcp: i/o timeout`;
}

/**
 * The pull attempts due this tick for service i's new pods: a failed one moves the batch's start
 * (and ready time) past the next back-off, a successful one lets its cold start run. Runs before
 * the cold starts finish, for services with a registry only. Allocates nothing but the events.
 */
export function pullBatches(model: Model, st: State, i: number, t: number, emit: Emit): void {
  const reg = model.registry[i]!;
  const base = i * BATCHES;
  let failed = 0;
  let pulled = 0;
  let wait = 0;
  for (let b = 0; b < BATCHES; b++) {
    const k = base + b;
    if (st.batchCount[k]! <= 0 || st.batchPull[k] === 0 || st.batchStart[k]! > t) continue;
    if (hopBroken(model, st, reg)) {
      const fails = (st.batchPullFails[k]! += 1);
      wait = pullBackoff(fails);
      st.batchStart[k] = t + wait;
      st.batchAt[k] = Math.max(st.batchAt[k]!, t + wait + model.coldStart[i]!);
      failed += st.batchCount[k]!;
    } else {
      if (st.batchPullFails[k]! > 0) pulled += st.batchCount[k]!;
      st.batchPull[k] = 0;
      st.batchPullFails[k] = 0;
      // The cold start runs from the successful pull.
      st.batchAt[k] = Math.max(st.batchAt[k]!, t + model.coldStart[i]!);
    }
  }
  if (failed > 0) pullFailed(model, st, i, t, failed, wait, emit);
  if (pulled > 0) pullSucceeded(model, i, pulled, emit);
}

/** Events of a failed pull (kubectl describe pod: Failed, then BackOff), and ErrImagePull from now. */
export function pullFailed(
  model: Model,
  st: State,
  i: number,
  t: number,
  pods: number,
  wait: number,
  emit: Emit,
): void {
  st.pullFailedAt[i] = t;
  emit('image-pull', i, `${model.ids[i]}: ${pullErrorText(model, i)}`, false, {
    reason: 'Failed',
    pods,
    backoff: wait,
    registry: model.ids[model.registry[i]!] ?? '',
  });
  emit(
    'image-pull',
    i,
    `${model.ids[i]}: Back-off pulling image "${imageRef(model, i)}" (ImagePullBackOff: next attempt in ${wait}s)`,
    false,
    { reason: 'BackOff', pods, backoff: wait },
  );
}

function pullSucceeded(model: Model, i: number, pods: number, emit: Emit): void {
  emit('image-pull', i, `${model.ids[i]}: Successfully pulled image "${imageRef(model, i)}"`, false, {
    reason: 'Pulled',
    pods,
  });
}

/** The surge of a rolling update: maxSurge 25% of the replicas, at least one pod. */
export function surgePods(st: State, i: number): number {
  return Math.max(1, Math.ceil(st.desired[i]! * 0.25));
}

/** What a stalled rollout needs from its host: the same scheduling actions use. */
export interface RolloutHost {
  readonly model: Model;
  readonly st: State;
  readonly emit: Emit;
  now(): number;
  schedule(at: number, node: number, text: string, run: () => void, quiet?: boolean): void;
}

/**
 * A rolling restart of service i starting at `at` and done `cold` later, once its surge pods have
 * pulled the image: without a registry (or with one that works) exactly `schedule(at + cold)`;
 * while the registry fails, the rollout waits, retrying on its own back-off (two rollouts at once
 * each keep theirs), and completes a cold start after the first pull that succeeds.
 */
export function scheduleRollout(
  host: RolloutHost,
  i: number,
  at: number,
  cold: number,
  text: string,
  run: () => void,
): void {
  const { model, st } = host;
  if (model.registry[i]! < 0) {
    host.schedule(at + cold, i, text, run);
    return;
  }
  // This rollout's own surge pods and back-off: another rollout of the same service at the same
  // time has its own pods, which the kubelet backs off on their own (per pod and image).
  let fails = 0;
  let waiting = 0;
  const attempt = () => {
    const now = host.now();
    if (!hopBroken(model, st, model.registry[i]!)) {
      if (fails > 0) pullSucceeded(model, i, waiting, host.emit);
      st.rolloutPullWaiting[i] = Math.max(0, st.rolloutPullWaiting[i]! - waiting);
      fails = 0;
      waiting = 0;
      host.schedule(now + cold, i, text, run);
      return;
    }
    fails++;
    const wait = pullBackoff(fails);
    const surge = surgePods(st, i);
    st.rolloutPullWaiting[i] = st.rolloutPullWaiting[i]! - waiting + surge;
    waiting = surge;
    pullFailed(model, st, i, now, waiting, wait, host.emit);
    host.schedule(now + wait, i, `${model.ids[i]}: image pull retried`, attempt, true);
  };
  host.schedule(at, i, `${model.ids[i]}: pulling image`, attempt, true);
}
