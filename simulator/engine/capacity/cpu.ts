/**
 * CPU: a service's per-request CPU against its CFS quota (contention stretches requests, throttled
 * periods add a period's wait), a database's cores shared with slow queries, a cache's ops
 * capacity. Sets work.cpuCap, the throughput the CPU allows, and the throttling's mean and
 * quantile steps (work.thrMean, thr50..99); a service's mean is added to work.s and work.hold.
 * Other kinds keep the values CapacityWork starts with: no cap, no throttling.
 */
import type { Model } from '../compile';
import { normalCdf } from '../queueing';
import type { State } from '../state';
import { CFS_PERIOD } from './constants';

/** Services order[lo..hi): per-request CPU against the CFS quota of the ready replicas. */
export function serviceCpus(model: Model, st: State, lo: number, hi: number): void {
  const { cpuPerRequest, sidecarCpu, cpuLimit } = model;
  const { faulted, fCpuFactor, fSideCpu, ready, procRate, arrRate, rejRate, cpuUtil, throttled, stretch } =
    st;
  const { order, cpuCap, thrMean, thr50, thr95, thr99, s, hold } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const fz = faulted[i] === 0;
    const cpr = cpuPerRequest[i]! * (fz ? 1 : fCpuFactor[i]!) + sidecarCpu[i]! + (fz ? 0 : fSideCpu[i]!);
    const limit = cpuLimit[i]!;
    const rdy = ready[i]!;
    const cores = rdy * limit;
    if (!(cpr > 0 && cores > 0)) {
      cpuUtil[i] = 0;
      throttled[i] = 0;
      stretch[i] = 1;
      cpuCap[o] = Infinity;
      thrMean[o] = 0;
      thr50[o] = 0;
      thr95[o] = 0;
      thr99[o] = 0;
      continue;
    }
    const lamP = procRate[i]!;
    const arr = arrRate[i]!;
    cpuCap[o] = cores / cpr;
    const u = (lamP * cpr) / cores;
    cpuUtil[i] = u < 1 ? u : 1;
    // Next tick's contention: offered CPU beyond the limit stretches every request (processor sharing).
    const uOffered = ((arr - rejRate[i]!) * cpr) / cores;
    stretch[i] = uOffered > 1 ? uOffered : 1;
    // Throttled periods: per-period CPU demand of a replica ~ normal(mean, Poisson variance) vs the
    // quota. Offered work (not just what got through) decides whether the quota runs out.
    const perPeriod = ((arr > lamP ? arr : lamP) / rdy) * CFS_PERIOD;
    const meanCpu = perPeriod * cpr;
    const sd = Math.sqrt(perPeriod) * cpr;
    const quota = limit * CFS_PERIOD;
    const z = sd > 0 ? (quota - meanCpu) / sd : meanCpu > quota ? -Infinity : Infinity;
    const thr = z > 6 ? 0 : z < -6 ? 1 : 1 - normalCdf(z);
    throttled[i] = thr;
    const mean = thr * CFS_PERIOD * 0.5;
    thrMean[o] = mean;
    thr50[o] = thr > 0.5 ? CFS_PERIOD : 0;
    thr95[o] = thr > 0.05 ? CFS_PERIOD : 0;
    thr99[o] = thr > 0.01 ? CFS_PERIOD : 0;
    s[o]! += mean;
    hold[o]! += mean;
  }
}

/**
 * Databases order[lo..hi): the cores bound throughput like the connections do (without this a
 * database with spare connections served any rate at any CPU cost). Processor sharing by
 * water-filling: each slow query burns up to its share of a core, each connection left runs one
 * ordinary query on at most one core; the ordinary ones get what the slow ones leave, or an equal
 * share per process.
 */
export function databaseCpus(model: Model, st: State, lo: number, hi: number): void {
  const { cpuLimit, cpuPerRequest } = model;
  const { faulted, fSlowCpu, slowActive, procRate, arrRate, rejRate, cpuUtil, stretch } = st;
  const { order, cpuCap, servers } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    const fz = faulted[i] === 0;
    const cores = cpuLimit[i]!;
    const cpq = cpuPerRequest[i]!;
    const ns = slowActive[i]!;
    const slowCpu = ns * (fz ? 0 : fSlowCpu[i]!);
    const u = (procRate[i]! * cpq + slowCpu) / cores;
    cpuUtil[i] = u < 1 ? u : 1;
    const uOffered = ((arrRate[i]! - rejRate[i]!) * cpq + slowCpu) / cores;
    stretch[i] = uOffered > 1 ? uOffered : 1;
    if (cpq > 0) {
      const c = servers[o]!;
      const w = fz ? 0 : fSlowCpu[i]! < 1 ? fSlowCpu[i]! : 1;
      const left = cores - ns * w;
      const ordCores = left >= c * w ? (left < c ? left : c) : (c * cores) / (ns + c);
      cpuCap[o] = ordCores / cpq;
    } else cpuCap[o] = Infinity;
  }
}

/** Caches order[lo..hi): utilisation of their ops capacity (single-threaded: no CPU cap beyond it). */
export function cacheCpus(model: Model, st: State, lo: number, hi: number): void {
  const { order } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    st.cpuUtil[i] = Math.min(1, st.procRate[i]! / model.opsCapacity[i]!);
  }
}
