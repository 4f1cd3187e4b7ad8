/**
 * The path Alertmanager's notifications take to the pager and the chat (`alerting.notifyVia`): an
 * egress NAT, cluster DNS, a proxy. When the outage is in that path, the page that should announce
 * it cannot get out: Alertmanager keeps retrying and the notification arrives once the path works
 * again. The rules themselves are evaluated as usual (Prometheus knows; nobody is told).
 */
import { DNS, SERVICE, type Model } from './compile';
import type { State } from './state';

/** The node indices of the path (validation guarantees the ids exist). */
export function notifyPath(model: Model, ids: readonly string[] | undefined): Int32Array {
  const path = new Int32Array(ids?.length ?? 0);
  ids?.forEach((id, k) => (path[k] = model.index.get(id) ?? -1));
  return path;
}

/**
 * The first node of the path that cannot pass a notification now (-1: the path works): one in a
 * declared outage, a service or DNS without a ready replica, or one failing most of its requests.
 */
export function brokenHop(model: Model, st: State, path: Int32Array): number {
  for (let k = 0; k < path.length; k++) {
    const j = path[k]!;
    if (j >= 0 && hopBroken(model, st, j)) return j;
  }
  return -1;
}

/**
 * Whether node j cannot pass traffic now: a declared outage, a service or DNS without a ready
 * replica, or most of its requests failing. The one rule for every dependency of the monitoring
 * and control plane (notifications, scrapes, image pulls).
 */
export function hopBroken(model: Model, st: State, j: number): boolean {
  if (brokenNode(model, st, j)) return true;
  // A node reached through others (an external node's reachedVia) is as broken as its path.
  for (let k = model.reachStart[j]!, end = model.reachStart[j + 1]!; k < end; k++) {
    const via = model.reachVia[k]!;
    if (via >= 0 && brokenNode(model, st, via)) return true;
  }
  return false;
}

function brokenNode(model: Model, st: State, j: number): boolean {
  if (st.faulted[j] !== 0 && st.fOutage[j] !== 0) return true;
  const kind = model.kind[j];
  if ((kind === SERVICE || kind === DNS) && st.ready[j]! <= 0) return true;
  return st.failShare[j]! > 0.5;
}
