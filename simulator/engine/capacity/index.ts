/**
 * Latency and capacity pass, callees before callers. Per edge: the share of calls that time out
 * and when they fail, one attempt's failure and time, retries and the breaker, summed into the
 * caller's downstream. Per node: service time S (base x fault multipliers x CPU contention),
 * servers, CPU, the wait from the queue state (queue-flow.ts), response quantiles, latency
 * cumulants and quantiles, errors, in-flight work, memory, and the capacity mu = servers / hold
 * time that bounds next tick's throughput.
 *
 * Each mechanism is a system: a plain loop over a contiguous range of nodes (or their out-edges)
 * of one level, reading and writing typed arrays (State, and CapacityWork for values the systems
 * hand each other). Levels (work.ts) put every node after the callees whose results it reads.
 */
import type { Model } from '../compile';
import type { State } from '../state';
import { cacheCpus, databaseCpus, noCpuLimits, serviceCpus } from './cpu';
import { downstreamSums } from './downstream';
import { attemptFailures, attemptTimes } from './edge-attempt';
import { breakers, retryCalls } from './edge-retries';
import { delayLines, timeoutShares } from './edge-timeout';
import { nodeLatencies, replicaMixtures } from './latency';
import { cacheMemories, nodeOutcomes, occupancies } from './outcome';
import { holdTimes, ownServices } from './own-service';
import { clientNodes, dnsNodes, queueNodes } from './simple-nodes';
import { queueWaits, responseQuantiles } from './wait';

export { CFS_PERIOD, LATENCY_CAP } from './constants';
export { fitQuantiles } from './quantile-fit';

export function capacityPass(model: Model, st: State, t: number, dt: number): void {
  // Slots of work.KIND_SLOTS within a level, as local literals (V8 folds them into the code).
  const QUEUES = 0;
  const DNS = 1;
  const CALLERS = 2; // clients, then the nodes with servers
  const SERVERS = 3; // load balancers, services, databases, caches, externals
  const END = 8;
  const { groupStart: gs, levels } = st.work;
  for (let level = 0; level < levels; level++) {
    const g = level * END;
    const lo = gs[g + CALLERS]!;
    const hi = gs[g + END]!;
    // Every edge system before any node system: a cycle's closing edge reads last pass's values.
    timeoutShares(model, st, lo, hi);
    delayLines(model, st, lo, hi, dt);
    attemptFailures(model, st, lo, hi, t);
    attemptTimes(model, st, lo, hi);
    retryCalls(model, st, lo, hi);
    breakers(model, st, lo, hi, t);
    downstreamSums(model, st, lo, hi);
    clientNodes(st, lo, gs[g + SERVERS]!, dt);
    serverNodes(model, st, g, dt);
    queueNodes(model, st, gs[g + QUEUES]!, gs[g + DNS]!, dt);
    dnsNodes(model, st, gs[g + DNS]!, gs[g + CALLERS]!);
  }
  st.passes++;
}

/** Capacity, hold time, servers and CPU cap of nodes order[lo..hi), for next tick's queue step. */
function publishCapacity(st: State, lo: number, hi: number): void {
  const { order, muNew, hold, servers, cpuCap } = st.work;
  for (let o = lo; o < hi; o++) {
    const i = order[o]!;
    st.mu[i] = muNew[i]!;
    st.hold[i] = hold[i]!;
    st.servers[i] = servers[i]!;
    st.cpuCap[i] = cpuCap[i]!;
  }
}

/** The nodes with servers of one level, whose slots start at gs[g] (work.KIND_SLOTS). */
function serverNodes(model: Model, st: State, g: number, dt: number): void {
  const SERVERS = 3;
  const SERVICES = 4;
  const DATABASES = 5;
  const CACHES = 6;
  const END = 8;
  const gs = st.work.groupStart;
  const lo = gs[g + SERVERS]!;
  const hi = gs[g + END]!;
  ownServices(model, st, lo, hi);
  holdTimes(model, st, lo, hi);
  noCpuLimits(st, lo, hi);
  serviceCpus(model, st, gs[g + SERVICES]!, gs[g + DATABASES]!);
  databaseCpus(model, st, gs[g + DATABASES]!, gs[g + CACHES]!);
  cacheCpus(model, st, gs[g + CACHES]!, gs[g + CACHES + 1]!);
  queueWaits(model, st, lo, hi);
  responseQuantiles(st, lo, hi);
  replicaMixtures(model, st, gs[g + SERVICES]!, gs[g + DATABASES]!);
  nodeLatencies(st, lo, hi);
  publishCapacity(st, lo, hi);
  cacheMemories(model, st, gs[g + CACHES]!, gs[g + CACHES + 1]!, dt);
  nodeOutcomes(model, st, lo, hi, dt);
  occupancies(model, st, lo, hi, dt);
}
