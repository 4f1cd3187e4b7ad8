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
import { cacheCpus, databaseCpus, serviceCpus } from './cpu';
import { downstreamSums } from './downstream';
import { attemptFailures, attemptTimes } from './edge-attempt';
import { breakers, retryCalls } from './edge-retries';
import { delayLines, timeoutShares } from './edge-timeout';
import { nodeLatencies, replicaMixtures } from './latency';
import { cacheMemories, nodeOutcomes, occupancies } from './outcome';
import { ownServices } from './own-service';
import { clientNodes, dnsNodes, queueNodes } from './simple-nodes';
import { queueWaits, responseQuantiles, waitDispersions } from './wait';

export function capacityPass(model: Model, st: State, t: number, dt: number): void {
  // Slots of work.KIND_SLOTS within a level, as local literals (V8 folds them into the code).
  const QUEUES = 0;
  const DNS = 1;
  const CALLERS = 2; // clients, then the nodes with servers
  const SERVERS = 3; // load balancers, services, databases, caches, externals
  const END = 8;
  const { groupStart: gs, edgeStart, levels } = st.work;
  for (let level = 0; level < levels; level++) {
    const g = level * END;
    const lo = gs[g + CALLERS]!;
    const hi = gs[g + END]!;
    // Every edge system before any node system: a cycle's closing edge reads last pass's values.
    const elo = edgeStart[level]!;
    const ehi = edgeStart[level + 1]!;
    if (ehi > elo) {
      timeoutShares(model, st, elo, ehi);
      delayLines(model, st, elo, ehi, dt);
      attemptFailures(model, st, elo, ehi, t);
      attemptTimes(model, st, elo, ehi);
      retryCalls(model, st, elo, ehi);
      breakers(model, st, elo, ehi, t);
    }
    if (hi > lo) {
      downstreamSums(model, st, lo, hi, elo);
      const servers = gs[g + SERVERS]!;
      if (servers > lo) clientNodes(st, lo, servers, dt);
      if (hi > servers) serverNodes(model, st, g, dt);
    }
    // A small graph's level holds a few kinds: skip the empty ranges (calls cost more than they do).
    if (gs[g + DNS]! > gs[g + QUEUES]!) queueNodes(model, st, gs[g + QUEUES]!, gs[g + DNS]!, dt);
    if (gs[g + CALLERS]! > gs[g + DNS]!) dnsNodes(model, st, gs[g + DNS]!, gs[g + CALLERS]!);
  }
  st.passes++;
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
  const services = gs[g + SERVICES]!;
  const databases = gs[g + DATABASES]!;
  const caches = gs[g + CACHES]!;
  const externals = gs[g + CACHES + 1]!;
  if (databases > services) serviceCpus(model, st, services, databases);
  if (caches > databases) databaseCpus(model, st, databases, caches);
  if (externals > caches) cacheCpus(model, st, caches, externals);
  queueWaits(model, st, lo, hi);
  waitDispersions(model, st, lo, hi);
  responseQuantiles(st, lo, hi);
  if (databases > services) replicaMixtures(model, st, services, databases);
  nodeLatencies(st, lo, hi);
  if (externals > caches) cacheMemories(model, st, caches, externals, dt);
  nodeOutcomes(model, st, lo, hi, dt);
  occupancies(model, st, lo, hi, dt);
}
